#pragma once

#include "model/message.hpp"

#include <caf/fwd.hpp>

#include <string>
#include <string_view>

/// The one place that turns failures of the actor layer into answers and
/// log lines.
namespace actors {

/// Maps a failed request to a JSON error response: 503 (with `Retry-After`)
/// when retrying can help (timeout, session gone, storage down, shutting
/// down), 500 otherwise.
model::response error_response(const caf::error& err);

/// The 500 for an exception caught at the edge of a `model/` call.
model::response internal_error_response();

/// Renders `err` for a log line.
std::string describe(const caf::error& err);

/// Writes one `challenge-server: ERROR ...` line to stderr.
void log_error(std::string_view what);

} // namespace actors
