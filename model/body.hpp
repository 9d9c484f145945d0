#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// The fields of a parsed request body, format-neutral (JSON or XML).
namespace model {

/// One field value as the original's body parsers delivered it.
struct body_value {
  enum class kind : uint8_t {
    /// A JSON string, or XML text that is neither boolean nor numeric.
    string,
    /// A JSON boolean, or XML text `true`/`false` in any case.
    boolean,
    /// A JSON number, or numeric XML text.
    number,
    /// JSON `null` (or XML text `null`): treated as absent by the engine.
    null,
    /// A JSON array: its compact JSON text (its elements follow as
    /// nested entries).
    other,
    /// A JSON object or an XML element with children or attributes (its
    /// members follow as nested entries).
    object,
  };

  kind type = kind::string;
  /// The value as the engine stores it in a string field: the string itself,
  /// `true`/`false`, a number in Java `Double.toString` form (`5.0`), or the
  /// compact JSON text of an array.
  std::string text;
  /// Valid for `kind::boolean`.
  bool boolean = false;
  /// Valid for `kind::number`.
  double number = 0;
  /// A value from inside a top-level object or array. Its key is the path
  /// the original flattened it to: `tags.badge` for `{"tags":{"badge":1}}`,
  /// `tags.` for each element of `{"tags":[1,2]}`.
  bool nested = false;
};

/// Whether the original assigned this entry to a field: it assigned the
/// flattened strings, booleans and numbers, never a null, an object or an
/// array itself (BEHAVIOUR §2.6).
inline bool assigned(const body_value& x) {
  return x.nested || x.type == body_value::kind::string
         || x.type == body_value::kind::boolean
         || x.type == body_value::kind::number;
}

/// Why the original could not assign `key` to a field of an entity without
/// object fields: it split the key on dots (Java's `split`, which drops
/// trailing empty parts) and looked up the first part. `known` says whether
/// a field name is the entity's. `nullopt`: the key names field `key`
/// itself (possibly with trailing dots).
template <class Known>
std::optional<std::string> path_error(std::string_view key, Known known) {
  auto end = key.find_last_not_of('.');
  if (end == std::string_view::npos) // "", "." or "..": no parts at all
    return key.empty()
             ? std::optional<std::string>{"Could not find field: "}
             : std::optional<std::string>{"Index 0 out of bounds for length 0"};
  auto head = key.substr(0, key.find('.'));
  if (!known(head))
    return "Could not find field: " + std::string{head};
  if (head.size() <= end)
    return "Cannot reference fields on non object fields: " + std::string{head};
  return std::nullopt;
}

/// The field name of a key `path_error` accepts (the key without its
/// trailing dots).
inline std::string_view path_head(std::string_view key) {
  return key.substr(0, key.find('.'));
}

/// The fields of a body in request-document order, as the original saw them
/// twice: each top-level member (for its create-time id and type checks),
/// and the flattened list it assigned. A member whose value is a string,
/// boolean or number is both; a null, object or array member is an entry of
/// its own, followed by its flattened `nested` entries (nulls and empty
/// containers inside give none). `{"a":{"b":1}}` gives `a` (object), then
/// `a.b` = 1.0 (nested).
using body_fields = std::vector<std::pair<std::string, body_value>>;

} // namespace model
