#include "actors/errors.hpp"

#include "actors/fwd.hpp"

#include <caf/error.hpp>
#include <caf/sec.hpp>

#include <cstdio>

namespace actors {

const char* to_string(app_ec x) noexcept {
  switch (x) {
    case app_ec::no_such_session: return "no_such_session";
    case app_ec::storage_failed: return "storage_failed";
    case app_ec::corrupt_snapshot: return "corrupt_snapshot";
    case app_ec::shutting_down: return "shutting_down";
    case app_ec::session_busy: return "session_busy";
  }
  return "app_ec(?)";
}

model::failure failure_of(const caf::error& err) {
  if (err == caf::sec::request_timeout)
    return model::failure::timeout;
  if (err == app_ec::shutting_down)
    return model::failure::shutting_down;
  if (err == app_ec::session_busy)
    return model::failure::busy;
  // A session that ended without leaving: an escaped exception, or a
  // request still queued when shutdown ended it.
  if (err == app_ec::storage_failed || err == caf::sec::request_receiver_down)
    return model::failure::unavailable;
  return model::failure::internal;
}

model::response error_response(const caf::error& err) {
  return model::failure_response(failure_of(err));
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
