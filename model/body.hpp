#pragma once

#include <cstdint>
#include <string>
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
    /// A JSON array (objects are flattened into dotted keys instead).
    other,
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
};

/// The fields of a body in request-document order. Nested objects are
/// flattened into dotted keys (`{"a":{"b":1}}` gives key `a.b`).
using body_fields = std::vector<std::pair<std::string, body_value>>;

} // namespace model
