#pragma once

#include "actors/lease.hpp"
#include "model/challenger.hpp"
#include "model/message.hpp"

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/error.hpp>
#include <caf/fwd.hpp>
#include <caf/make_message.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/type_id.hpp>

#include <cstdint>
#include <optional>
#include <string>

/// The vocabulary of the actor layer: every atom, type ID, error code and
/// typed interface. Include this, not the actor headers, where
/// only handles and messages are needed.

// -- inspection of the model's message types ----------------------------------

// CAF 0.17 only lets inspectable types into messages. The overloads live in
// namespace model for ADL, but here: model/ stays free of CAF.
namespace model {

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, header& x) {
  return f(caf::meta::type_name("model::header"), x.name, x.value);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, route_match& x) {
  // The route as a number, 0 for none (CAF 0.17 has no std::optional).
  auto id = static_cast<uint8_t>(x.id ? static_cast<uint8_t>(*x.id) + 1 : 0);
  auto load = caf::meta::load_callback([&]() -> caf::error {
    x.id = id == 0 ? std::nullopt
                   : std::optional<route_id>{static_cast<route_id>(id - 1)};
    return caf::none;
  });
  return f(caf::meta::type_name("model::route_match"), id, x.param, load);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, request::routing& x) {
  return f(caf::meta::type_name("model::request::routing"), x.resolved,
           x.method, x.match);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, request& x) {
  return f(caf::meta::type_name("model::request"), x.method, x.path, x.query,
           x.headers, x.body, x.route);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, response& x) {
  return f(caf::meta::type_name("model::response"), x.status, x.content_type,
           x.headers, x.body);
}

} // namespace model

// -- type IDs and atoms -------------------------------------------------------

CAF_BEGIN_TYPE_ID_BLOCK(app, caf::first_custom_type_id)

  CAF_ADD_TYPE_ID(app, (model::header))
  CAF_ADD_TYPE_ID(app, (model::request))
  CAF_ADD_TYPE_ID(app, (model::response))

  /// A session tells the front that it is leaving (or has stopped).
  CAF_ADD_ATOM(app, actors, bye_atom, "bye")
  /// Asks for the number of live sessions.
  CAF_ADD_ATOM(app, actors, count_atom, "count")
  /// Serves a request for a new challenger.
  CAF_ADD_ATOM(app, actors, create_atom, "create")
  /// Asks for a copy of a session's challenger (pages read it; credits
  /// nothing).
  CAF_ADD_ATOM(app, actors, view_atom, "view")
  /// Loads a snapshot.
  CAF_ADD_ATOM(app, actors, load_atom, "load")
  /// Serves a request for an existing session GUID.
  CAF_ADD_ATOM(app, actors, serve_atom, "serve")
  /// Stops every session (shutdown).
  CAF_ADD_ATOM(app, actors, stop_atom, "stop")
  /// Runs the retention sweep.
  CAF_ADD_ATOM(app, actors, sweep_atom, "sweep")
  /// Takes (or re-takes) a session's lease.
  CAF_ADD_ATOM(app, actors, take_atom, "take")
  /// Gives a session's lease up.
  CAF_ADD_ATOM(app, actors, release_atom, "release")
  /// Renews the leases due (storage actor).
  CAF_ADD_ATOM(app, actors, renew_atom, "renew")

CAF_END_TYPE_ID_BLOCK(app)

// A challenger copy only ever travels between actors of this process (it is
// never serialized): no inspector needed.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(model::challenger)
// Likewise the lease a session shares with the storage actor.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::lease_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::take_reply)

// -- error codes --------------------------------------------------------------

namespace actors {

/// Failures that cross actor boundaries (as `caf::error` with category
/// `app`). `errors.hpp` maps them to responses.
enum class app_ec : uint8_t {
  /// Storage has no snapshot for the GUID (a normal outcome of `load`).
  no_such_session = 1,
  /// The storage backend failed; logged, and retried by the next attempt.
  storage_failed,
  /// A stored snapshot could not be decoded; logged, the session refuses to
  /// start rather than overwrite it.
  corrupt_snapshot,
  /// The server is shutting down and takes no more requests.
  shutting_down,
  /// Another node holds the session's lease (and kept it for a whole
  /// lease period while this node waited).
  session_busy,
};

/// Returns the enumerator's name.
const char* to_string(app_ec x) noexcept;

} // namespace actors

CAF_ERROR_CODE_ENUM(actors::app_ec, "app")

// -- typed interfaces ---------------------------------------------------------

namespace actors {

/// The one actor that touches the store (spawned detached: all blocking I/O
/// lives here). See `storage_actor.hpp`.
using storage_actor = caf::typed_actor<
  // Queues a session's snapshot (guid, text) for the next commit; writes to
  // one GUID are coalesced.
  caf::reacts_to<caf::put_atom, std::string, std::string>,
  // Loads the snapshot of a GUID: the pending write if any, else the store's.
  // Fails with `no_such_session` or `storage_failed`.
  caf::replies_to<load_atom, std::string>::with<std::string>,
  // Commits everything pending now; replies with the number of snapshots
  // written, or fails with `storage_failed` (the writes stay pending).
  caf::replies_to<caf::flush_atom>::with<uint64_t>,
  // Self-sent every tick while writes are pending: commits them.
  caf::reacts_to<caf::tick_atom>,
  // Takes the lease of a GUID and loads it (pending writes are committed
  // first). Fails with `no_such_session`, `session_busy` or
  // `storage_failed`. A single node's store grants a lease that never
  // lapses.
  caf::replies_to<take_atom, std::string>::with<take_reply>,
  // Re-takes a lease this node held, conditional on the version it holds;
  // false when the copy is stale (drop it).
  caf::replies_to<take_atom, lease_ptr>::with<bool>,
  // Stores a new session at once, without a lease (creation); replies with
  // its lease (not held), or null when the GUID was taken meanwhile.
  caf::replies_to<create_atom, std::string, std::string>::with<lease_ptr>,
  // Gives the lease up (commits the session's pending write first).
  caf::reacts_to<release_atom, lease_ptr>,
  // Self-sent while leases are held: renews those due.
  caf::reacts_to<renew_atom>,
  // Self-sent after takes were queued: runs them in one batch.
  caf::reacts_to<take_atom>,
  // Self-sent periodically: deletes sessions unused beyond the retention.
  caf::reacts_to<sweep_atom>>;

/// One challenger's session. See `session_actor.hpp`.
using session_actor = caf::typed_actor<
  // Answers one API request for this session's challenger (after loading).
  caf::replies_to<model::request>::with<model::response>,
  // Replies once the session is ready: a copy of its challenger (`known`
  // false for a GUID storage does not know).
  caf::replies_to<view_atom>::with<model::challenger>,
  // Self-sent once per idle period: stops the session if it has been idle.
  caf::reacts_to<caf::idle_atom>,
  // From the front (`--max-live-sessions`): flush and stop now, as if idle.
  caf::reacts_to<stop_atom>,
  // Self-sent while another node holds the lease: try to take it again.
  caf::reacts_to<take_atom>>;

/// Owns the GUID -> session map. See `front_actor.hpp`.
using front_actor = caf::typed_actor<
  // Answers a request for the session with this GUID; spawns and loads the
  // session on a miss.
  caf::replies_to<serve_atom, std::string,
                  model::request>::with<model::response>,
  // Answers a request for a new challenger with a fresh random GUID.
  caf::replies_to<create_atom, model::request>::with<model::response>,
  // Replies with a copy of the challenger of this GUID once its session is
  // ready (spawning and loading it on a miss).
  caf::replies_to<view_atom, std::string>::with<model::challenger>,
  // A session is leaving: forget it if the map still holds that actor. As a
  // request, the (empty) reply tells the session that nothing more will be
  // routed to it.
  caf::reacts_to<bye_atom, std::string, caf::actor_addr>,
  // Replies with the number of live sessions.
  caf::replies_to<count_atom>::with<uint64_t>,
  // Stops every session, replies with how many were live, then quits.
  caf::replies_to<stop_atom>::with<uint64_t>>;

} // namespace actors
