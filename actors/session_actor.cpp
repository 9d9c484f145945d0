#include "actors/session_actor.hpp"

#include "actors/errors.hpp"
#include "actors/timeouts.hpp"
#include "storage/snapshot.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <exception>
#include <utility>

namespace actors {

void session_state::start(std::shared_ptr<const session_env> session_env,
                          model::challenger initial, session_start start_how) {
  env = std::move(session_env);
  challenger = std::move(initial);
  how = start_how;
  saved_revision = challenger.revision;
  // Safety net for ends that bypass `stop` (an escaped exception): the
  // front must not keep routing to a dead actor. A second bye is harmless,
  // the front only erases an entry that still names this actor.
  self->attach_functor([front = env->front, guid = challenger.guid,
                        addr = self->address()](const caf::error&) {
    if (auto hdl = caf::actor_cast<front_actor>(front))
      caf::anon_send(hdl, bye_atom_v, guid, addr);
  });
  if (how == session_start::fresh) {
    current = phase::ready;
    return;
  }
  auto on_snapshot = [self = self](std::string& x) { self->state.loaded(x); };
  auto on_error = [self = self](caf::error& x) { self->state.load_failed(x); };
  self
    ->request(env->storage, timeouts::storage_load, load_atom_v,
              challenger.guid)
    .then(on_snapshot, on_error);
}

caf::result<model::response> session_state::serve(model::request& req) {
  if (current == phase::leaving) {
    if (leave_reason)
      return leave_reason;
    // Delegated here before the front forgot this session: back to the
    // front, which routes it to a new session.
    if (auto front = caf::actor_cast<front_actor>(env->front))
      return self->delegate(front, serve_atom_v, challenger.guid,
                            std::move(req));
    return app_ec::shutting_down;
  }
  if (current == phase::loading) {
    auto promise = self->make_response_promise<model::response>();
    stash.push_back(stashed{promise, std::move(req)});
    return promise;
  }
  // A request during the idle flush keeps the session: the flush ack then
  // finds it ready and does nothing.
  current = phase::ready;
  auto res = answer(req);
  if (!challenger.known)
    leave();
  else
    keep_alive();
  return res;
}

caf::result<model::challenger> session_state::view() {
  if (current == phase::leaving) {
    if (leave_reason)
      return leave_reason;
    if (auto front = caf::actor_cast<front_actor>(env->front))
      return self->delegate(front, view_atom_v, challenger.guid);
    return app_ec::shutting_down;
  }
  if (current == phase::loading) {
    auto promise = self->make_response_promise<model::challenger>();
    viewers.push_back(promise);
    return promise;
  }
  keep_alive();
  return challenger;
}

void session_state::loaded(const std::string& snapshot) {
  auto res = storage::decode(snapshot);
  if (!res || res->guid != challenger.guid) {
    log_error(
      "session " + challenger.guid + ": refusing to start, "
      + (res ? std::string{"snapshot names another GUID"} : res.err().message));
    leave(app_ec::corrupt_snapshot);
    return;
  }
  challenger = std::move(*res);
  challenger.state = model::challenger_state::loaded;
  challenger.known = true;
  saved_revision = challenger.revision;
  env->stats->restored.add();
  become_ready();
}

void session_state::load_failed(const caf::error& err) {
  if (err != app_ec::no_such_session) {
    // Storage down or slow: answer 503 and leave no half-started session.
    log_error("session " + challenger.guid + ": load failed: " + describe(err));
    leave(err);
    return;
  }
  if (how == session_start::load_or_create) {
    // `initial` is the known, seeded challenger: save it right away.
    challenger.known = true;
    challenger.touch();
    env->stats->created.add();
    persist();
  } else {
    challenger.known = false;
  }
  become_ready();
}

void session_state::become_ready() {
  current = phase::ready;
  auto requests = std::move(stash);
  stash.clear();
  for (auto& x : requests)
    x.promise.deliver(answer(x.request));
  auto views = std::move(viewers);
  viewers.clear();
  for (auto& promise : views)
    promise.deliver(challenger);
  if (!challenger.known)
    leave();
  else
    keep_alive();
}

model::response session_state::answer(const model::request& req) {
  model::response res;
  bool was_known = challenger.known;
  try {
    res = model::respond(&challenger, req, *env->context);
  } catch (const std::exception& e) {
    log_error("session " + challenger.guid + ": " + req.method + " " + req.path
              + " threw: " + e.what());
    res = model::failure_response(model::failure::internal);
  } catch (...) {
    log_error("session " + challenger.guid + ": " + req.method + " " + req.path
              + " threw a non-standard exception");
    res = model::failure_response(model::failure::internal);
  }
  if (!was_known && challenger.known)
    env->stats->created.add();
  persist();
  return res;
}

void session_state::persist(bool force) {
  if (!challenger.known || (!force && challenger.revision == saved_revision))
    return;
  std::string snapshot;
  try {
    snapshot = storage::encode(challenger);
  } catch (const std::exception& e) {
    log_error("session " + challenger.guid + ": snapshot failed: " + e.what());
    return;
  }
  saved_revision = challenger.revision;
  self->send(env->storage, caf::put_atom_v, challenger.guid,
             std::move(snapshot));
}

void session_state::keep_alive() {
  auto timeout = env->idle_timeout;
  if (timeout.count() <= 0 || !challenger.known || current != phase::ready)
    return;
  last_active = self->clock().now();
  retry_stop = false;
  if (!idle_check_pending) {
    idle_check_pending = true;
    self->delayed_send(self, timeout, caf::idle_atom_v);
  }
}

void session_state::check_idle() {
  idle_check_pending = false;
  if (retry_stop) {
    retry_stop = false;
    idle();
    return;
  }
  auto timeout = env->idle_timeout;
  if (timeout.count() <= 0)
    return;
  auto quiet = self->clock().now() - last_active;
  if (quiet >= timeout) {
    idle();
    return;
  }
  idle_check_pending = true;
  self->delayed_send(self, timeout - quiet, caf::idle_atom_v);
}

void session_state::idle() {
  // Loading: the load timeout decides. Stopping, leaving: already on the
  // way out.
  if (current != phase::ready)
    return;
  current = phase::stopping;
  // Always re-send the snapshot, even unchanged: its `last_used` stamp is
  // what the retention sweep measures from.
  persist(true);
  auto done = [self = self] {
    if (self->state.current != phase::stopping)
      return;
    self->state.env->stats->stopped_idle.add();
    self->state.leave();
  };
  auto failed = [self = self](caf::error& err) {
    auto& st = self->state;
    if (st.current != phase::stopping)
      return; // a request came meanwhile: the session stays anyway
    // Not stored yet: stay (serving from memory) and try again later. The
    // snapshot also stays pending in the storage actor, which retries.
    log_error("session " + st.challenger.guid + ": flush failed ("
              + describe(err) + "), staying alive and retrying the stop");
    st.env->stats->stops_deferred.add();
    st.current = phase::ready;
    st.retry_stop = true;
    if (!st.idle_check_pending) {
      st.idle_check_pending = true;
      auto delay = std::max(caf::timespan{st.env->idle_timeout},
                            caf::timespan{timeouts::stop_retry});
      self->delayed_send(self, delay, caf::idle_atom_v);
    }
  };
  self->request(env->storage, timeouts::storage_flush, caf::flush_atom_v)
    .then([done](uint64_t) { done(); }, failed);
}

void session_state::fail_waiting(const caf::error& failure) {
  for (auto& x : stash)
    x.promise.deliver(failure);
  stash.clear();
  for (auto& promise : viewers)
    promise.deliver(failure);
  viewers.clear();
}

void session_state::leave(const caf::error& failure) {
  fail_waiting(failure);
  current = phase::leaving;
  leave_reason = failure;
  auto front = caf::actor_cast<front_actor>(env->front);
  if (!front) {
    self->quit();
    return;
  }
  // The reply (or the front's end) is the last thing this session waits
  // for; see `session_state`.
  auto done = [self = self] { self->quit(); };
  self
    ->request(front, timeouts::session_leave, bye_atom_v, challenger.guid,
              self->address())
    .then(done, [done](caf::error&) { done(); });
}

void session_state::stop(const caf::error& failure) {
  if (auto hdl = caf::actor_cast<front_actor>(env->front))
    self->send(hdl, bye_atom_v, challenger.guid, self->address());
  fail_waiting(failure);
  self->quit();
}

session_actor::behavior_type session_impl(
  session_state::pointer self, std::shared_ptr<const session_env> env,
  model::challenger initial, session_start how) {
  self->state.start(std::move(env), std::move(initial), how);
  // Shutdown: stashed requests must not wait for their timeout.
  self->set_exit_handler(
    [self](caf::exit_msg&) { self->state.stop(app_ec::shutting_down); });
  auto serve = [self](model::request& req) { return self->state.serve(req); };
  auto view = [self](view_atom) { return self->state.view(); };
  auto check = [self](caf::idle_atom) { self->state.check_idle(); };
  auto evict = [self](stop_atom) { self->state.idle(); };
  return {serve, view, check, evict};
}

} // namespace actors
