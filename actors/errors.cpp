#include "actors/errors.hpp"

#include "actors/fwd.hpp"

#include <caf/error.hpp>
#include <caf/sec.hpp>

#include <cstdio>

namespace actors {

namespace {

// Constant bodies: no user input, nothing to escape.
constexpr const char* internal_error_body
  = R"({"errorMessages":["Internal Server Error"]})";

constexpr const char* unavailable_body
  = R"({"errorMessages":["Service Unavailable, please try again"]})";

bool retryable(const caf::error& err) {
  return err == caf::sec::request_timeout
         || err == caf::sec::request_receiver_down
         || err == app_ec::storage_failed || err == app_ec::shutting_down;
}

} // namespace

const char* to_string(app_ec x) noexcept {
  switch (x) {
    case app_ec::no_such_session: return "no_such_session";
    case app_ec::storage_failed: return "storage_failed";
    case app_ec::corrupt_snapshot: return "corrupt_snapshot";
    case app_ec::shutting_down: return "shutting_down";
  }
  return "app_ec(?)";
}

model::response error_response(const caf::error& err) {
  if (!retryable(err))
    return internal_error_response();
  model::response res;
  res.status = 503;
  res.content_type = "application/json";
  res.body = unavailable_body;
  res.headers.push_back(model::header{"Retry-After", "1"});
  return res;
}

model::response internal_error_response() {
  model::response res;
  res.status = 500;
  res.content_type = "application/json";
  res.body = internal_error_body;
  return res;
}

std::string describe(const caf::error& err) {
  if (!err)
    return "none";
  if (err.category() == caf::atom("app"))
    return std::string{"app_ec::"} + to_string(static_cast<app_ec>(err.code()));
  return caf::to_string(err);
}

void log_error(std::string_view what) {
  std::string line = "challenge-server: ERROR ";
  line.append(what.data(), what.size());
  line += '\n';
  // One write per line keeps lines from several threads whole.
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

} // namespace actors
