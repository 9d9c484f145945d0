#include "http/errors.hpp"

#include "model/json_codec.hpp"

namespace http {

model::response failure_response(failure x) {
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
  }
  res.content_type = "application/json";
  return res;
}

std::string_view to_string(failure x) {
  switch (x) {
    case failure::internal: return "internal";
    case failure::timeout: return "timeout";
    case failure::unavailable: return "unavailable";
  }
  return "?";
}

} // namespace http
