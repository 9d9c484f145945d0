#pragma once

#include "model/message.hpp"

#include <string_view>

/// The one place that maps failures outside the model to HTTP responses.
namespace http {

/// Why the server could not answer normally.
enum class failure {
  /// An unexpected exception in a handler (never shown to clients).
  internal,
  /// The session did not answer in time.
  timeout,
  /// The session layer is shutting down or overloaded.
  unavailable,
};

/// The response for a failure: a JSON error body, never exception text.
model::response failure_response(failure x);

/// A readable name for logs.
std::string_view to_string(failure x);

} // namespace http
