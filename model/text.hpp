#pragma once

#include <string>
#include <string_view>

/// Small string helpers shared by the model (ASCII semantics throughout).
namespace model::text {

/// Returns `x` with ASCII letters lower-cased.
std::string lower(std::string_view x);

/// Returns `x` without leading and trailing ASCII white space.
std::string_view trim(std::string_view x);

/// Lower-cases the ASCII letters of [from, to) in place.
void lower_in_place(char* from, char* to);

/// Checks whether `x` holds a CR or LF byte.
bool has_crlf(std::string_view x);

/// Checks whether `x` holds a byte JSON must escape: a control character
/// (below 0x20), `"` or `\`; with `non_ascii`, also any byte from 0x80 on.
bool has_json_escape(std::string_view x, bool non_ascii = false);

/// `iequals` for two strings of the same size.
bool iequals_same_size(std::string_view x, std::string_view y);

/// Compares two strings ignoring ASCII case. Inline: header lookups call it
/// for every header, and most differ in size.
inline bool iequals(std::string_view x, std::string_view y) {
  return x.size() == y.size() && iequals_same_size(x, y);
}

/// Checks whether `x` starts with `prefix`.
bool starts_with(std::string_view x, std::string_view prefix);

/// Checks whether `x` ends with `suffix`.
bool ends_with(std::string_view x, std::string_view suffix);

/// Checks whether `x` contains `needle`.
bool contains(std::string_view x, std::string_view needle);

/// Renders `x` the way Java's `Double.toString` does (`5.0`, `1.5`,
/// `1.0E10`, `1.0E-5`), which is how the original stores JSON numbers that
/// end up in string fields.
std::string java_double(double x);

/// Length of `x` in UTF-16 code units (Java's `String.length()`); `x` must be
/// valid UTF-8.
std::size_t utf16_length(std::string_view x);

/// Checks whether `x` is well-formed UTF-8.
bool valid_utf8(std::string_view x);

/// The length of the well-formed UTF-8 character at `x[pos]` (1-4), or 0
/// when there is none (a stray byte, a truncated or overlong sequence, a
/// surrogate, or `pos` past the end).
std::size_t utf8_char_length(std::string_view x, std::size_t pos);

/// U+FFFD REPLACEMENT CHARACTER, which encoders write for a byte that does
/// not start a well-formed UTF-8 character.
inline constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

/// Checks whether `x` has the canonical 8-4-4-4-12 hex form of a UUID (any
/// letter case).
bool is_uuid(std::string_view x);

/// Percent-decodes `x` (`+` stays `+`); malformed escapes are kept verbatim.
std::string url_decode(std::string_view x);

} // namespace model::text
