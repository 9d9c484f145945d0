#pragma once

// The walk through every challenge of a configuration over real HTTP: one
// request per step (plus set-up), each with the challenges it must newly
// credit. The load tool drives it; the end-to-end tests check it.

#include "model/challenge.hpp"
#include "model/config.hpp"
#include "tools/walk/http_client.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace walk {

/// What a walk remembers between steps.
struct walk_state {
  /// The challenger's GUID (multi-user: from POST /challenger).
  std::string guid;
  /// The secret token (from POST /secret/token).
  std::string token;
  /// The progress payload and database export saved for restores.
  std::string progress;
  std::string database;
  /// The id of the last remaining todo (for the delete-all step).
  std::string last_id;
};

/// A request of a step.
struct walk_request {
  std::string method;
  std::string target;
  header_pairs headers;
  std::string body;
  /// Whether the walk's X-CHALLENGER header is added (multi-user).
  bool with_challenger = true;
};

/// One step of the walk.
struct walk_step {
  /// What the step does, for failure messages.
  std::string what;
  /// Runs before the request (set-up requests, waiting for idle stop).
  std::function<void(client&, walk_state&)> before;
  /// The request that credits `credits`.
  std::function<walk_request(const walk_state&)> request;
  /// The status the request must get.
  int status = 0;
  /// Exactly the challenges the step newly credits.
  std::vector<model::challenge> credits;
  /// Reads what later steps need from the reply.
  std::function<void(walk_state&, const reply&)> after;
  /// Whether the step needs the session stopped by its idle timeout first
  /// (`before` waits for it; a load tool may skip these steps).
  bool needs_idle_stop = false;
};

/// Returns once the walk's session has been stopped by its idle timeout
/// (a test watches the server; a load tool, which cannot, waits long
/// enough).
using idle_stop_wait = std::function<void(const walk_state&)>;

/// The steps that complete every challenge `cfg` defines. The steps that
/// need the session stopped first (multi-user only) call `wait_idle_stop`.
std::vector<walk_step> walk_steps(const model::api_config& cfg,
                                  idle_stop_wait wait_idle_stop);

/// Sends a step's request, adding the walk's X-CHALLENGER where it has one.
reply send_step(client& c, const walk_state& st, const walk_request& r);

/// The challenges `GET /challenges` reports as done for the walk's
/// challenger, or an empty progress with `ok == false` when it fails.
struct status_read {
  bool ok = false;
  model::progress done;
};
status_read read_status(client& c, const walk_state& st,
                        const model::challenge_set& defined);

} // namespace walk
