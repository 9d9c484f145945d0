#pragma once

#include "metrics/session_stats.hpp"
#include "model/challenger.hpp"
#include "model/config.hpp"
#include "model/message.hpp"
#include "storage/store.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace actors {

/// Everything the gateway needs; the composition root fills it.
struct gateway_config {
  /// Mode, storage flag (decides the challenge set) and todo limit.
  model::api_config api;
  /// A multi-user session stops after this long without requests (BEHAVIOUR
  /// §5.6: 10 minutes); at least one second is sensible.
  std::chrono::milliseconds idle_timeout = std::chrono::minutes(10);
  /// Stored sessions unused this long are deleted; zero keeps them. The
  /// sweep runs in multi-user mode only (the single player is kept).
  std::chrono::seconds retention = std::chrono::hours(24 * 7);
  /// At most this many live sessions (the least recently used beyond it
  /// are flushed and stopped early); zero is unlimited.
  std::size_t max_live_sessions = 0;
  /// Front actors; each GUID belongs to exactly one (`front_shard`).
  /// With `max_live_sessions`, each front keeps its share of the bound;
  /// fewer fronts run when a share would fall below `min_front_share`.
  std::size_t fronts = 1;
  /// CAF scheduler threads; zero means one per core.
  std::size_t scheduler_threads = 0;
  /// HTTP threads waiting for an answer run the idle actors they wake,
  /// at most this many messages each (0: only CAF's threads run actors).
  /// See actors/inline_scheduler.hpp.
  std::size_t inline_throughput = 1;
  /// This node's id among nodes sharing a store (the `/metrics` info
  /// label; the store gets it from the composition root).
  std::string node_id;
  /// Several nodes: how long a session lease lasts (used only when the
  /// store arbitrates leases).
  std::chrono::milliseconds lease = std::chrono::seconds(5);
  /// Where sessions are kept (`sqlite_store` or `null_store`). Required.
  std::unique_ptr<storage::store> store;
};

/// The smallest share of `--max-live-sessions` a front keeps: the GUIDs
/// spread over the fronts by hash, so a small share would make one front
/// evict while another has room.
inline constexpr std::size_t min_front_share = 1024;

/// How many fronts run for `fronts` asked and a bound of `max_live`
/// sessions (zero: unlimited): `fronts`, or fewer so that each keeps at
/// least `min_front_share`; at least one.
std::size_t fronts_for(std::size_t fronts, std::size_t max_live);

/// The one entry point of the HTTP layer into the actor layer: answers API
/// requests, each for the challenger it belongs to. Owns the actor system,
/// the storage actor, the front and (through it) every session.
///
/// `handle` may be called concurrently from any number of threads. Requests
/// that need no challenger are answered on the caller's thread; the rest
/// ask the front with a per-request blocking actor and a finite timeout.
class gateway {
public:
  /// Starts the actor system and, in single-user mode, makes sure the
  /// single player exists (loaded from storage, else created and saved).
  explicit gateway(gateway_config cfg);

  /// Calls `shutdown()`.
  ~gateway();

  gateway(const gateway&) = delete;
  gateway& operator=(const gateway&) = delete;

  /// Answers one API request. Never throws; failures become 500/503
  /// responses. After `shutdown()` requests that need a session get 503.
  model::response handle(model::request req);

  /// Stops taking session requests, stops every session, commits every
  /// pending snapshot and waits for all actors to finish: nothing is lost.
  /// Idempotent; `handle` stays callable afterwards. The app calls it on
  /// SIGTERM/SIGINT once the HTTP server stopped accepting.
  void shutdown();

  /// The challenger of `guid` as its session holds it right now (loaded
  /// from storage when it is not live), for pages that show it; credits
  /// nothing. In single-user mode every GUID reads the single player.
  /// `std::nullopt` for a GUID no challenger has, after `shutdown()`, or
  /// when the session did not answer.
  std::optional<model::challenger> view(const std::string& guid);

  /// The number of live session actors (0 after `shutdown()`).
  std::size_t live_sessions();

  /// The session and storage counters (for `/metrics`), updated by the
  /// actors as they go.
  std::shared_ptr<const metrics::session_stats> stats() const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace actors
