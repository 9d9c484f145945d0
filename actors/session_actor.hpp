#pragma once

#include "actors/fwd.hpp"
#include "metrics/session_stats.hpp"
#include "model/api.hpp"

#include <caf/actor_addr.hpp>
#include <caf/actor_clock.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace actors {

/// How a session actor starts.
enum class session_start : uint8_t {
  /// Asks storage for its GUID; the challenger is unknown when storage has
  /// none (only `POST`/`PUT /challenger` can then make it known).
  load,
  /// A brand-new challenger (`POST /challenger` in multi-user mode): ready at
  /// once, nothing to load.
  fresh,
  /// Asks storage; when storage has none, the given (known, seeded)
  /// challenger is used and saved. The single player starts this way.
  load_or_create,
};

/// What all sessions share; immutable after the front creates it.
struct session_env {
  std::shared_ptr<const model::api_context> context;
  storage_actor storage;
  /// Idle time after which a session flushes and stops; zero pins sessions
  /// (no timer at all).
  std::chrono::milliseconds idle_timeout{0};
  /// The front, told `bye` when a session stops (weak: no reference cycle).
  caf::actor_addr front;
  /// Where sessions are counted (shared with the gateway). Never null.
  std::shared_ptr<metrics::session_stats> stats;
  /// Several nodes: the lease timing (a zero period: a single node, no
  /// leases).
  lease_timing lease;
};

/// One challenger's session: owns its `model::challenger` and answers its
/// requests with `model::respond`.
///
/// - **Loading.** Until storage answers, requests are stashed with response
///   promises and answered in arrival order once the session is ready.
/// - **Write-through.** Every answer that changed the challenger (its
///   `revision` moved) sends a snapshot to the storage actor.
/// - **Unknown GUIDs.** When the challenger is still unknown after answering,
///   the session leaves (below).
/// - **Idle.** After `idle_timeout` without requests: snapshot, flush, wait
///   for the ack, then leave. A request arriving meanwhile cancels the stop.
///   Requests only stamp `last_active`; one self-sent `idle_atom` per idle
///   period checks the stamp. (A receive timeout, `after(...)`, would re-arm
///   a timer in CAF's clock thread on every message: a wake-up of that
///   thread per request. Known sessions only: a dead actor's pending message
///   would keep its memory until it fires.)
/// - **Leaving.** A session never quits while the front may still route to
///   it: it asks the front `bye` (a request) and waits for the reply. The
///   front erases its entry before replying, and CAF keeps messages from one
///   sender in order, so every request the front delegated here before the
///   erase is in the mailbox ahead of the reply. Each is handed back to the
///   front, which routes it to a new session (that loads the snapshot just
///   flushed: the storage actor sees the pending write before the load).
///   The challenger does not change while leaving. On the reply the session
///   quits. A session leaving because its load failed answers such requests
///   with that failure instead.
/// - **Storage down.** When the flush fails (or times out) the session does
///   not stop: its state is not stored yet. It stays ready, serves from
///   memory and tries to stop again one `idle_timeout` later (at least
///   `timeouts::stop_retry`).
/// - **Evicted.** `stop_atom` from the front stops the session at once the
///   same way (`--max-live-sessions`).
/// - **Leases (several nodes).** With a lease period, a session starts by
///   taking its lease (`take_atom`); while another node holds it, the
///   session retries for up to one lease period (capped below the HTTP
///   wait), then answers 503 `session_busy`. Every request goes through
///   the stash: it is answered only while the lease has `margin` left,
///   else the session re-takes the lease first (conditional on its
///   version). A lost lease (refused write, renewal or re-take) drops the
///   copy: the session leaves and hands its requests back to the front,
///   whose new session reloads. A challenger that becomes known here
///   (`POST`, `PUT` of an unknown GUID, the single player's creation) is
///   inserted before the answer is delivered, without a lease. The idle
///   stop releases the lease after its flush.
struct session_state {
  using pointer = session_actor::stateful_pointer<session_state>;

  enum class phase : uint8_t {
    /// Waiting for storage; requests are stashed.
    loading,
    /// Serving requests.
    ready,
    /// Idle: waiting for the flush ack before leaving.
    stopping,
    /// Waiting for the front's reply to `bye`; requests go back to the
    /// front.
    leaving,
  };

  /// A request that arrived while loading.
  struct stashed {
    caf::typed_response_promise<model::response> promise;
    model::request request;
  };

  explicit session_state(pointer self) : self(self) {
    // nop
  }

  /// Sets the session up and, unless `fresh`, asks storage for the GUID.
  void start(std::shared_ptr<const session_env> env, model::challenger initial,
             session_start how);

  /// Answers `req`, or stashes it while loading.
  caf::result<model::response> serve(model::request& req);

  /// Replies (once ready) with a copy of the challenger, known or not.
  caf::result<model::challenger> view();

  /// Storage answered with a snapshot.
  void loaded(const std::string& snapshot);

  /// Storage had nothing (`no_such_session`) or failed.
  void load_failed(const caf::error& err);

  /// Answers everything stashed, then quits if the GUID is unknown.
  void become_ready();

  /// Calls the model, never throws; persists a change.
  model::response answer(const model::request& req);

  /// Sends a snapshot to storage if the challenger changed since the last
  /// one (or always, with `force`).
  void persist(bool force = false);

  /// Stamps `last_active` and, for a known, ready challenger, makes sure an
  /// idle check is pending.
  void keep_alive();

  /// The idle check fired: stops the session if it has had no request for
  /// `idle_timeout`, else checks again when it would have.
  void check_idle();

  /// Saves, flushes and then stops the idle session; on a failed flush it
  /// stays and retries later.
  void idle();

  /// Answers every stashed request and view with `failure`.
  void fail_waiting(const caf::error& failure);

  /// Asks `front` to forget this session (`bye` as a request) and quits
  /// on its reply, or when the front is gone.
  void bye_then_quit(const front_actor& front);

  /// Fails what is still stashed with `failure` (if any) and leaves: asks
  /// the front `bye` and quits on its reply.
  void leave(const caf::error& failure = caf::error{});

  /// Whether leases are in use (several nodes).
  bool leased() const noexcept {
    return env->lease.period.count() > 0;
  }

  /// Asks storage for the lease and the snapshot (leases only).
  void take();

  /// Answers stashed requests and views while the lease is fresh;
  /// re-takes it, stores a new challenger or drops the copy as needed.
  void pump();

  /// Re-takes the lease before answering; drops the copy when refused.
  void retake();

  /// Inserts the challenger that just became known, then delivers `res`
  /// to `promise` (if any).
  void store_new(
    std::optional<caf::typed_response_promise<model::response>> promise,
    model::response res);

  /// Drops a stale copy: leaves, handing every stashed request and view
  /// back to the front.
  void drop();

  /// Says `bye` to the front, fails what is still stashed with `failure`,
  /// and quits at once (shutdown: the front routes nothing any more).
  void stop(const caf::error& failure);

  pointer self;
  std::shared_ptr<const session_env> env;
  model::challenger challenger;
  session_start how = session_start::load;
  phase current = phase::loading;
  /// The challenger revision last sent to storage.
  uint64_t saved_revision = 0;
  std::vector<stashed> stash;
  /// `view` requests that arrived while loading.
  std::vector<caf::typed_response_promise<model::challenger>> viewers;
  /// When the last request arrived (the actor clock's time).
  caf::actor_clock::time_point last_active;
  /// Whether an `idle_atom` is on its way.
  bool idle_check_pending = false;
  /// A stop failed to flush: the next idle check stops without waiting for
  /// a full quiet period (cleared by any request).
  bool retry_stop = false;
  /// While leaving: why. Requests that still arrive get this error, or go
  /// back to the front when it is none.
  caf::error leave_reason;
  /// Several nodes: this session's lease (null until taken).
  lease_ptr held;
  /// When a take first found another node's lease (`lease_now()`), zero
  /// when not waiting.
  int64_t busy_since = 0;

  static inline constexpr const char* name = "session";
};

/// The session actor's behaviour. `initial` carries the GUID and a fresh
/// random auth token (and is the challenger itself for `fresh` and the
/// fallback for `load_or_create`).
session_actor::behavior_type session_impl(
  session_state::pointer self, std::shared_ptr<const session_env> env,
  model::challenger initial, session_start how);

} // namespace actors
