#pragma once

#include "model/message.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

/// Why the server could not answer a request normally, and the one table
/// that turns each reason into a response. The actor layer (a failed
/// session request) and the HTTP layer (a broken request, an exception in
/// a handler) both answer through it.
namespace model {

/// Every reason for a failure response. Each has one status and one text.
enum class failure : uint8_t {
  /// Something unexpected: an exception in a handler, a corrupt snapshot,
  /// a message no actor expected. 500; exception text is never shown.
  internal,
  /// The challenger's session did not answer in time. 503, `Retry-After`.
  timeout,
  /// The session cannot be served now: storage failed while loading it,
  /// or it ended unexpectedly. 503, `Retry-After`.
  unavailable,
  /// Another node serves the challenger's session and did not hand it
  /// over in time (several nodes share one database). 503, `Retry-After`.
  busy,
  /// The server is shutting down. 503, `Retry-After` (a restarted server
  /// answers).
  shutting_down,
  /// The request did not arrive whole in time. 408; `limit`: seconds.
  request_timeout,
  /// The request line and headers are too long. 431; `limit`: bytes.
  headers_too_large,
  /// The body is over what the server reads at all. 413; `limit`: bytes.
  body_too_large,
};

/// Every `failure`, in declaration order.
inline constexpr failure all_failures[] = {
  failure::internal,          failure::timeout,
  failure::unavailable,       failure::busy,
  failure::shutting_down,     failure::request_timeout,
  failure::headers_too_large, failure::body_too_large,
};

/// The HTTP status of `x`.
int status_of(failure x) noexcept;

/// Whether retrying the same request later can succeed: such responses
/// carry `Retry-After`.
bool retry_helps(failure x) noexcept;

/// The response for `x`: its status, a JSON error body with its text (no
/// user input, no exception text) and, where retrying helps,
/// `Retry-After: 1`. `limit` is the limit that was hit, for the kinds that
/// have one.
response failure_response(failure x, std::size_t limit = 0);

/// The enumerator's name, for logs.
std::string_view to_string(failure x) noexcept;

} // namespace model
