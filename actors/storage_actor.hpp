#pragma once

#include "actors/fwd.hpp"
#include "metrics/session_stats.hpp"
#include "storage/store.hpp"

#include <caf/actor_clock.hpp>
#include <caf/timespan.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace actors {

/// Tuning of the storage actor.
struct storage_options {
  /// How long a snapshot may wait before it is committed (ARCHITECTURE §7: a
  /// tick of at most 100 ms; at most one tick is lost on `kill -9`). Half
  /// of that, so that one tick plus one commit stays under 100 ms: with
  /// 100 ms, kill -9 lost 84-154 ms of acknowledged writes.
  std::chrono::milliseconds tick = std::chrono::milliseconds(50);
  /// Stored sessions unused for this long are deleted; zero keeps them
  /// forever.
  std::chrono::seconds retention = std::chrono::hours(24 * 7);
  /// Time between two retention sweeps (the first runs at start-up).
  std::chrono::milliseconds sweep_interval = std::chrono::hours(1);
  /// The wall clock for `last_used` stamps and retention (tests fake it).
  std::function<storage::clock::time_point()> now = &storage::clock::now;
  /// Where the queue depth, commits and retention deletes are counted
  /// (shared with the gateway); the actor makes its own when null.
  std::shared_ptr<metrics::session_stats> stats;
  /// Lease timing when the store arbitrates leases (several nodes); unused
  /// with a single node's store.
  lease_timing lease;
};

/// Write-through storage: sessions `put` every changed snapshot, the actor
/// keeps the newest one per GUID and commits all of them in one transaction
/// per tick. Ticks run on a fixed schedule while writes are pending: the next
/// one is due a `tick` after the previous one *started*, so an acknowledged
/// write waits at most one tick plus one commit. Loads see pending writes
/// first, so a session that stops and respawns reads its own last write even
/// before it is committed. A failed commit is logged and retried on the next
/// tick; pending writes are never dropped (a last commit runs on exit).
struct storage_state {
  using pointer = storage_actor::stateful_pointer<storage_state>;

  /// The newest snapshot of one GUID, not yet committed.
  struct pending_write {
    std::string snapshot;
    storage::clock::time_point last_used;
  };

  explicit storage_state(pointer self) : self(self) {
    // nop
  }

  /// Queues `snapshot` for `guid`, replacing an older pending one.
  void put(std::string guid, std::string snapshot);

  /// Returns the newest snapshot of `guid`.
  caf::result<std::string> load(const std::string& guid);

  /// Commits now; replies with the number of snapshots written.
  caf::result<uint64_t> flush();

  /// Commits pending writes and, while any remain, arms the next tick one
  /// `tick` after this one started (at once when the commit overran it).
  void tick();

  /// Deletes sessions unused beyond the retention; schedules the next sweep.
  void sweep();

  /// Takes the lease of `guid` and loads it (see `storage_actor`). With
  /// leases the take is queued: the takes that arrive together run in one
  /// statement (`run_takes`).
  caf::result<take_reply> take(const std::string& guid);

  /// Re-takes `held` at the version this node holds; false: stale copy.
  /// Queued like `take`.
  caf::result<bool> retake(const lease_ptr& held);

  /// Runs every queued take and re-take in one batch and answers them.
  void run_takes();

  /// Inserts a new session now, without a lease.
  caf::result<lease_ptr> create(const std::string& guid, std::string snapshot);

  /// Commits the session's pending write, then gives its lease up.
  void release(const lease_ptr& held);

  /// Renews, in one statement, every held lease with less than
  /// `renew_below` left (quiet ones give way to a node that asked for
  /// them); re-arms while any lease is held.
  void renew();

  /// Marks `held` lost (its copy is stale) and forgets it.
  void lose(const lease_ptr& held, const char* why);

  /// Arms the renewal timer unless it is armed.
  void arm_renew();

  /// The lease period in `lease_now()` units.
  int64_t period_ns() const;

  /// Writes every pending snapshot in one transaction. On failure the
  /// writes stay pending and the error is logged.
  storage::expected<uint64_t> commit();

  /// Schedules a tick `delay` from now unless one is armed.
  void arm_tick(caf::timespan delay);

  /// Schedules a tick for a new pending write unless one is armed: on the
  /// fixed schedule (a `tick` after the last one started) while that is
  /// still ahead, at once after a commit that overran its tick, else a
  /// `tick` from now.
  void arm_tick();

  pointer self;
  std::shared_ptr<storage::store> store;
  storage_options options;
  std::unordered_map<std::string, pending_write> pending;
  /// The leases this node holds, by GUID (with leases only).
  std::unordered_map<std::string, lease_ptr> held;
  /// A take or re-take waiting for the next batch.
  struct queued_take {
    std::string guid;
    /// Null for a first take.
    lease_ptr held;
    caf::typed_response_promise<take_reply> first;
    caf::typed_response_promise<bool> again;
  };
  std::vector<queued_take> takes;
  bool takes_armed = false;
  bool renew_armed = false;
  bool tick_armed = false;
  /// When the last tick started (actor clock), whether there was one, and
  /// whether its commit took longer than a tick.
  caf::actor_clock::time_point last_tick_start;
  bool ticked = false;
  bool overran = false;
  /// Consecutive failed commits (for throttled logging).
  uint64_t failures = 0;

  static inline constexpr const char* name = "storage";
};

/// The storage actor's behaviour. The gateway spawns it with
/// `sys.spawn<caf::detached>(storage_impl, store, options)`; tests spawn it
/// scheduled so that the deterministic test coordinator drives it.
storage_actor::behavior_type storage_impl(storage_state::pointer self,
                                          std::shared_ptr<storage::store> store,
                                          storage_options options);

} // namespace actors
