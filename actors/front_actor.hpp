#pragma once

#include "actors/fwd.hpp"
#include "actors/session_actor.hpp"
#include "model/api.hpp"

#include <caf/typed_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>

namespace actors {

/// The actor that knows the live sessions of its shard: GUID -> session
/// handle. It spawns a session on a miss and `delegate`s each request to
/// it, so the session answers the requester directly.
///
/// - **Shards.** The gateway may run several fronts (`--fronts`); each GUID
///   belongs to exactly one of them (`front_shard`), so a session still has
///   exactly one front. A front creates only GUIDs of its own shard.
/// - **Create.** For `POST /challenger` (multi-user) it picks a fresh
///   random lower-case UUID v4 GUID and auth token and spawns a `fresh`
///   session with an unknown challenger.
/// - **Modes.** In single-user mode there is one challenger; its session
///   starts `load_or_create` and is pinned (no idle stop), as the original
///   never purges in single-user mode (BEHAVIOUR §5.6). In multi-user mode
///   sessions start with `load` and stop when idle.
/// - **Bye.** A session's `bye` erases its entry only if the entry still
///   names that actor (a newer session may have replaced it), then replies.
///   A leaving session hands back the requests it gets until that reply,
///   and `serve` routes them to a new session (see `session_state`): no
///   request ever meets a session that has quit.
/// - **Stop.** `stop` sends an exit to every session, replies once all said
///   `bye`, and quits. An exit message is forwarded to every session too:
///   their armed idle timers would otherwise keep them alive.
/// - **Memory bound.** With `max_live` > 0, each entry carries the tick of
///   the last request routed to it. When the map grows past `max_live` plus
///   a slack of `max_live / 8` (at least 1), one pass tells the least
///   recently used sessions to stop (`stop_atom`: flush and quit like an
///   idle stop) until `max_live` remain; the slack amortises the pass. A
///   later request reloads a stopped session from storage.
struct front_state {
  using pointer = front_actor::stateful_pointer<front_state>;

  explicit front_state(pointer self);

  /// Delegates `req` to the session of `guid`.
  caf::result<model::response> serve(const std::string& guid,
                                     model::request& req);

  /// Delegates `req` to a new session with a fresh GUID.
  caf::result<model::response> create(model::request& req);

  /// Delegates `view` to the session of `guid`.
  caf::result<model::challenger> view(const std::string& guid);

  /// Forgets `guid` if its entry still names `who`.
  void bye(const std::string& guid, const caf::actor_addr& who);

  /// Stops all sessions; replies when they are gone.
  caf::result<uint64_t> stop();

  /// Returns the session of `guid`, spawning it on a miss.
  session_actor session_for(const std::string& guid);

  /// Spawns a session for `guid` and registers it.
  session_actor spawn_session(const std::string& guid, session_start how,
                              bool known);

  /// Stops the least recently used sessions when over the bound.
  void evict_if_needed();

  /// Sets the live-sessions gauge (shared by all fronts) by this front's
  /// change since it last did.
  void report_live();

  /// A random GUID of this front's shard.
  std::string random_guid();

  /// A random lower-case UUID v4, e.g. `0b6e3c1a-5f2d-4c1e-9a7b-...`.
  std::string random_uuid();

  pointer self;
  std::shared_ptr<const session_env> env;
  /// One live session.
  struct entry {
    session_actor hdl;
    /// The value of `clock` when a request was last routed here.
    uint64_t last_use = 0;
    /// Told to stop by an eviction pass (cleared by the next request).
    bool evicting = false;
  };

  std::unordered_map<std::string, entry> sessions;
  /// Counts routed requests: a cheap recency order.
  uint64_t clock = 0;
  /// At most this many live sessions (plus slack); zero is unlimited.
  std::size_t max_live = 0;
  /// Entries with `evicting` set.
  std::size_t evicting = 0;
  /// This front's shard and the number of fronts (see `front_shard`).
  std::size_t shard = 0;
  std::size_t shards = 1;
  /// Live sessions this front last added to the gauge.
  std::size_t reported_live = 0;
  /// Per-actor generator (no shared global), seeded from `random_device`.
  std::mt19937_64 rng;
  bool stopping = false;
  uint64_t stopped = 0;
  caf::typed_response_promise<uint64_t> stop_promise;

  static inline constexpr const char* name = "front";
};

/// The front actor's behaviour. `idle_timeout` applies to multi-user
/// sessions (see `front_state`). `stats` counts sessions (a fresh one when
/// null). `max_live` bounds the live sessions (zero: unlimited).
front_actor::behavior_type front_impl(
  front_state::pointer self, std::shared_ptr<const model::api_context> context,
  storage_actor storage, std::chrono::milliseconds idle_timeout,
  std::shared_ptr<metrics::session_stats> stats, std::size_t max_live);

/// The same with leases (several nodes share the store): sessions take,
/// renew and release them with `lease` (see `session_state`).
front_actor::behavior_type front_impl_leased(
  front_state::pointer self, std::shared_ptr<const model::api_context> context,
  storage_actor storage, std::chrono::milliseconds idle_timeout,
  std::shared_ptr<metrics::session_stats> stats, std::size_t max_live,
  lease_timing lease);

/// Which shard a front serves, of how many (see `front_shard`).
struct front_shard_of {
  std::size_t index = 0;
  std::size_t count = 1;
};

/// The same as one of several fronts: it serves the GUIDs of `shard` only,
/// and `max_live` is its own share of the bound.
front_actor::behavior_type front_impl_sharded(
  front_state::pointer self, std::shared_ptr<const model::api_context> context,
  storage_actor storage, std::chrono::milliseconds idle_timeout,
  std::shared_ptr<metrics::session_stats> stats, std::size_t max_live,
  lease_timing lease, front_shard_of shard);

} // namespace actors
