#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// A JSON document tree for the 2026 edition's patch and query bodies
/// (BEHAVIOUR §11.8). Read without recursion, so deep input costs heap, not
/// stack; destroyed without recursion too. Numbers keep their text.
namespace model {

class json_value {
public:
  enum class kind : uint8_t { null, boolean, number, string, array, object };

  using member = std::pair<std::string, json_value>;

  json_value() = default;
  json_value(const json_value& other);
  json_value(json_value&& other) noexcept = default;
  json_value& operator=(const json_value& other);
  json_value& operator=(json_value&& other) noexcept;
  ~json_value();

  static json_value null() {
    return json_value{};
  }
  static json_value boolean(bool x);
  /// `text` must be a JSON number.
  static json_value number(std::string text);
  static json_value string(std::string x);
  static json_value array();
  static json_value object();

  kind type() const noexcept {
    return kind_;
  }
  bool is_null() const noexcept {
    return kind_ == kind::null;
  }
  bool is_bool() const noexcept {
    return kind_ == kind::boolean;
  }
  bool is_number() const noexcept {
    return kind_ == kind::number;
  }
  bool is_string() const noexcept {
    return kind_ == kind::string;
  }
  bool is_array() const noexcept {
    return kind_ == kind::array;
  }
  bool is_object() const noexcept {
    return kind_ == kind::object;
  }

  /// Valid for booleans.
  bool as_bool() const noexcept {
    return boolean_;
  }
  /// The string of a string, the number text of a number.
  const std::string& text() const noexcept {
    return text_;
  }
  /// Whether a number has neither fraction nor exponent.
  bool is_integral() const noexcept;

  /// Elements of an array.
  std::vector<json_value>& items() noexcept {
    return items_;
  }
  const std::vector<json_value>& items() const noexcept {
    return items_;
  }

  /// Members of an object, in first-insertion order.
  const std::vector<member>& members() const noexcept {
    return members_;
  }

  /// The member named `key`, or `nullptr`.
  const json_value* find(std::string_view key) const;
  json_value* find(std::string_view key);

  /// Sets member `key` (kept in place when it exists, else appended).
  void set(std::string key, json_value x);

  /// Removes member `key`; returns whether it existed.
  bool erase(std::string_view key);

  /// Structural equality (object member order ignored; numbers compare by
  /// kind and value text after normalising, integral never equals
  /// fractional).
  friend bool operator==(const json_value& x, const json_value& y);
  friend bool operator!=(const json_value& x, const json_value& y) {
    return !(x == y);
  }

private:
  kind kind_ = kind::null;
  bool boolean_ = false;
  std::string text_;
  std::vector<json_value> items_;
  std::vector<member> members_;
};

/// How `read_json` reads.
struct json_read_options {
  /// Allow `'single quoted'` strings and names (Jackson's
  /// ALLOW_SINGLE_QUOTES).
  bool single_quotes = true;
  /// Ignore whatever follows the first complete value, as Jackson's
  /// `readTree` does by default.
  bool allow_trailing = true;
  /// Deepest nesting of arrays and objects (Jackson's default limit).
  std::size_t max_depth = 1000;
};

/// Outcome of `read_json`.
struct json_read_result {
  /// The document; empty when the text is blank (`missing`) or invalid.
  std::optional<json_value> doc;
  /// True when the text holds nothing but white space (Jackson's
  /// MissingNode).
  bool missing = false;
  /// Why the text is invalid (empty when it is not).
  std::string error;
};

/// Reads one JSON value (strict JSON numbers and escapes; duplicate names:
/// the last value wins, at the first one's place).
json_read_result read_json(std::string_view text,
                           const json_read_options& options = {});

/// Writes `x` as compact JSON (UTF-8 kept, control characters escaped).
std::string write_json(const json_value& x);

} // namespace model
