#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

/// Errors as values for the storage layer: no exception crosses the
/// `storage::store` interface.
namespace storage {

/// What went wrong, in words fit for an operator's log.
struct error {
  std::string message;
};

/// Either a `T` or an `error` (a minimal `std::expected` for C++17).
template <class T>
class expected {
public:
  expected(T value) : data_(std::in_place_index<0>, std::move(value)) {
    // nop
  }

  expected(error err) : data_(std::in_place_index<1>, std::move(err)) {
    // nop
  }

  /// Whether this holds a value.
  bool has_value() const noexcept {
    return data_.index() == 0;
  }

  explicit operator bool() const noexcept {
    return has_value();
  }

  /// The value. Precondition: `has_value()`.
  T& value() & {
    return std::get<0>(data_);
  }

  const T& value() const& {
    return std::get<0>(data_);
  }

  T&& value() && {
    return std::get<0>(std::move(data_));
  }

  T& operator*() & {
    return value();
  }

  const T& operator*() const& {
    return value();
  }

  T* operator->() {
    return &value();
  }

  const T* operator->() const {
    return &value();
  }

  /// The error. Precondition: `!has_value()`.
  const error& err() const& {
    return std::get<1>(data_);
  }

private:
  std::variant<T, error> data_;
};

/// Success or an `error`.
template <>
class expected<void> {
public:
  expected() = default;

  expected(error err) : err_(std::move(err)) {
    // nop
  }

  bool has_value() const noexcept {
    return !err_.has_value();
  }

  explicit operator bool() const noexcept {
    return has_value();
  }

  /// The error. Precondition: `!has_value()`.
  const error& err() const& {
    return *err_;
  }

private:
  std::optional<error> err_;
};

} // namespace storage
