#include "http/errors.hpp"

#include "model/json_codec.hpp"

#include <string>

namespace http {

model::response failure_response(failure x, std::size_t limit) {
  auto n = std::to_string(limit);
  model::response res;
  switch (x) {
    case failure::internal:
      res.status = 500;
      res.body = model::json::errors({"Internal Server Error"});
      break;
    case failure::timeout:
      res.status = 503;
      res.body = model::json::errors(
        {"The server is busy: your session did not answer in time, please "
         "retry"});
      break;
    case failure::unavailable:
      res.status = 503;
      res.body = model::json::errors(
        {"The server is shutting down or overloaded, please retry"});
      break;
    case failure::request_timeout:
      res.status = 408;
      res.body = model::json::errors(
        {"Error: request not received in time, send the whole request "
         "within "
         + n + " seconds"});
      break;
    case failure::headers_too_large:
      res.status = 431;
      res.body = model::json::errors(
        {"Error: request headers too large, max allowed is " + n + " bytes"});
      break;
    case failure::body_too_large:
      res.status = 413;
      res.body = model::json::errors(
        {"Error: request body too large, max allowed is " + n + " bytes"});
      break;
  }
  res.content_type = "application/json";
  return res;
}

std::string_view to_string(failure x) {
  switch (x) {
    case failure::internal: return "internal";
    case failure::timeout: return "timeout";
    case failure::unavailable: return "unavailable";
    case failure::request_timeout: return "request_timeout";
    case failure::headers_too_large: return "headers_too_large";
    case failure::body_too_large: return "body_too_large";
  }
  return "?";
}

} // namespace http
