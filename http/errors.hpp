#pragma once

#include "model/message.hpp"

#include <cstddef>
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
  /// The request did not arrive whole in time (408; `limit`: seconds).
  request_timeout,
  /// The request line and headers are too long (431; `limit`: bytes).
  headers_too_large,
  /// The body is over what the server reads at all (413; `limit`: bytes).
  body_too_large,
};

/// The response for a failure: a JSON error body, never exception text.
/// `limit` is the limit that was hit, for the kinds that have one.
model::response failure_response(failure x, std::size_t limit = 0);

/// A readable name for logs.
std::string_view to_string(failure x);

} // namespace http
