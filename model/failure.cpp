#include "model/failure.hpp"

#include "model/json_codec.hpp"

#include <string>

namespace model {

int status_of(failure x) noexcept {
  switch (x) {
    case failure::internal: return 500;
    case failure::timeout:
    case failure::unavailable:
    case failure::busy:
    case failure::shutting_down: return 503;
    case failure::request_timeout: return 408;
    case failure::headers_too_large: return 431;
    case failure::body_too_large: return 413;
  }
  return 500;
}

bool retry_helps(failure x) noexcept {
  return status_of(x) == 503;
}

response failure_response(failure x, std::size_t limit) {
  auto n = std::to_string(limit);
  std::string text;
  switch (x) {
    case failure::internal: text = "Internal Server Error"; break;
    case failure::timeout:
      text = "The server is busy: your session did not answer in time, "
             "please retry";
      break;
    case failure::unavailable:
      text = "Your session cannot be served right now, please retry";
      break;
    case failure::busy:
      text = "Your session is busy on another server, please retry";
      break;
    case failure::shutting_down:
      text = "The server is shutting down, please retry";
      break;
    case failure::request_timeout:
      text = "Error: request not received in time, send the whole request "
             "within "
             + n + " seconds";
      break;
    case failure::headers_too_large:
      text = "Error: request headers too large, max allowed is " + n + " bytes";
      break;
    case failure::body_too_large:
      text = "Error: request body too large, max allowed is " + n + " bytes";
      break;
  }
  response res;
  res.status = status_of(x);
  res.content_type = "application/json";
  res.body = json::errors({text});
  if (retry_helps(x))
    res.headers.push_back(header{"Retry-After", "1"});
  return res;
}

std::string_view to_string(failure x) noexcept {
  switch (x) {
    case failure::internal: return "internal";
    case failure::timeout: return "timeout";
    case failure::unavailable: return "unavailable";
    case failure::busy: return "busy";
    case failure::shutting_down: return "shutting_down";
    case failure::request_timeout: return "request_timeout";
    case failure::headers_too_large: return "headers_too_large";
    case failure::body_too_large: return "body_too_large";
  }
  return "?";
}

} // namespace model
