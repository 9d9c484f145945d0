#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

/// Client-supplied regular expressions (the `~=` and `*=` filters of
/// BEHAVIOUR §2.7 and §11.1), compiled under limits that keep matching
/// polynomial and the compiler's recursion shallow. `std::regex` stays in
/// `model/pattern.cpp`.
namespace model {

class pattern {
public:
  /// How compiling went.
  enum class state : uint8_t {
    ok,
    /// Not a valid expression (Java would throw PatternSyntaxException).
    invalid,
    /// Valid perhaps, but over the length or repetition limits.
    too_expensive,
  };

  /// Compiles `source` (ECMAScript syntax, the nearest to Java's);
  /// `ignore_case` as Java's CASE_INSENSITIVE flag.
  static pattern compile(std::string_view source, bool ignore_case = false);

  state status() const noexcept {
    return status_;
  }

  /// Whether the whole of `x` matches; false unless `status()` is `ok`.
  bool full_match(std::string_view x) const;

private:
  struct impl;
  std::shared_ptr<const impl> impl_;
  state status_ = state::invalid;
};

} // namespace model
