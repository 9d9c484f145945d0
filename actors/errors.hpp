#pragma once

#include "model/failure.hpp"
#include "model/message.hpp"

#include <caf/fwd.hpp>

#include <string>
#include <string_view>

/// Failures of the actor layer: what they mean for a response, and how
/// they are logged. The responses themselves come from `model/failure.hpp`.
namespace actors {

/// The kind of a failed session request: `timeout` for a request timeout,
/// `unavailable` for storage failures and a session that ended
/// unexpectedly, `shutting_down` for `app_ec::shutting_down`, `internal`
/// for everything else (a corrupt snapshot, an unexpected message).
model::failure failure_of(const caf::error& err);

/// `model::failure_response(failure_of(err))`.
model::response error_response(const caf::error& err);

/// Renders `err` for a log line.
std::string describe(const caf::error& err);

/// Writes one `challenge-server: ERROR ...` line to stderr.
void log_error(std::string_view what);

} // namespace actors
