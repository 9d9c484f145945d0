#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The 2026 edition's Accept negotiation (BEHAVIOUR §11.2): q-values,
/// wildcards, structured `+xml` types, ten response representations. The
/// classic edition's is `model::negotiation`.
namespace model::accept_q {

/// A response representation, in the server's order of preference.
enum class response_type : uint8_t {
  json, // application/json
  xml, // application/xml (and structured application/...+xml)
  csv, // text/csv
  text, // text/plain
  html, // text/html
  ndjson, // application/x-ndjson
  jsonl, // application/jsonl
  json_seq, // application/json-seq
  tsv, // text/tab-separated-values
  text_xml, // text/xml
};

/// Every representation, in the server's order of preference.
inline constexpr response_type all_types[] = {
  response_type::json,     response_type::xml,      response_type::csv,
  response_type::text,     response_type::html,     response_type::ndjson,
  response_type::jsonl,    response_type::json_seq, response_type::tsv,
  response_type::text_xml,
};

/// The media type of a representation, e.g. `text/csv`.
std::string_view media_type(response_type x);

/// Whether the representation is XML (`application/xml` or `text/xml`).
bool renders_as_xml(response_type x);

/// One media range of an Accept header.
struct media_range {
  /// Lower-cased, without parameters, e.g. `application/*+xml`.
  std::string range;
  /// The `q` parameter (1 when absent).
  double q = 1.0;
  /// False when `q` is not a number from 0 to 1.
  bool q_valid = true;

  /// Whether the range may be chosen (a valid q above 0).
  bool acceptable() const noexcept {
    return q_valid && q > 0.0;
  }
};

/// Splits an Accept header: trimmed, lower-cased, split on commas and
/// semicolons outside double quotes; blank items are skipped.
std::vector<media_range> parse(std::string_view header);

/// Whether `media` (lower case, no parameters) is
/// `application/<...><. or -><entity>+xml` for one of `entities`, and not a
/// reserved XML type such as `soap` (the original's structured XML test,
/// used for Content-Type too).
bool structured_xml_for(std::string_view media,
                        const std::vector<std::string>& entities);

/// The negotiated answer.
struct choice {
  response_type type = response_type::json;
  /// The Content-Type to send: the representation's media type, or a
  /// structured XML type such as `application/todo+xml`.
  std::string content_type;
};

/// Chooses the representation for `header` (`nullptr`: absent). A blank
/// header chooses JSON. Otherwise every representation (and, for XML, the
/// structured types the header names for `xml_entities`, e.g. `todo`) is
/// matched with its most specific range (exact, then `type/*+suffix`,
/// then `type/*`, then `*/*`; a higher q, then the earlier range on a tie),
/// unacceptable matches dropped, and the best one wins: highest q, then
/// most specific, then earliest in the header, then the server's order.
/// `std::nullopt` when nothing is acceptable.
std::optional<choice> negotiate(const std::string* header,
                                const std::vector<std::string>& xml_entities);

/// The Accept check before a request is processed: `std::nullopt` when
/// fine, else the 406 message: `Unrecognised Accept Type` when no range
/// matches any representation (q ignored), otherwise, when nothing is
/// acceptable, `XML not supported`, `JSON not supported` or `No acceptable
/// response type supported`.
std::optional<std::string> validate(
  const std::string* header, const std::vector<std::string>& xml_entities);

/// Whether the header lists exactly `range` (lower-case) with an
/// acceptable q (the original's `hasAskedFor`).
bool asked_for(const std::string* header, std::string_view range);

/// Whether the best representation without structured types is XML (the
/// original's `hasAPreferenceForXml`).
bool prefers_xml(const std::string* header);

/// The successor app's own test for a `text/calendar` answer to
/// `GET /todos/{id}`: split on `,` and `;` (no quoting), `q=` in any case,
/// an unparsable q counts as 0; the first range with the highest q above 0
/// must be `text/calendar` (any case).
bool prefers_text_calendar(const std::string* header);

/// The header with all white space removed, lower-cased (how the
/// successor's rules compare whole Accept values).
std::string normalized(std::string_view header);

/// Java's `Double.parseDouble` for decimal text (surrounding white space,
/// sign, digits, point, exponent, a trailing `d`/`f`), also `NaN` and
/// `Infinity`; hexadecimal forms are not read.
std::optional<double> java_parse_double(std::string_view x);

} // namespace model::accept_q
