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
  if (leased()) {
    take();
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
  if (leased()) {
    // A request during the idle flush keeps the session.
    if (current == phase::stopping)
      current = phase::ready;
    auto promise = self->make_response_promise<model::response>();
    stash.push_back(stashed{promise, std::move(req)});
    if (held)
      held->last_request = lease_now();
    if (current == phase::ready)
      pump();
    return promise;
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
  if (leased()) {
    if (current == phase::stopping)
      current = phase::ready;
    auto promise = self->make_response_promise<model::challenger>();
    viewers.push_back(promise);
    if (current == phase::ready)
      pump();
    return promise;
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
    if (leased()) {
      store_new(std::nullopt, model::response{});
      return;
    }
    persist();
  } else {
    challenger.known = false;
  }
  become_ready();
}

void session_state::become_ready() {
  current = phase::ready;
  busy_since = 0;
  if (leased()) {
    pump();
    return;
  }
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
  // With leases a new challenger is inserted by `store_new` instead.
  if (!leased() || was_known)
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
  // what the retention sweep measures from. Except with a lapsed lease
  // (several nodes): another node may serve the session by now, and the
  // fence would refuse the stamp (every change was written while the lease
  // was fresh anyway).
  persist(!leased() || (held && held->fresh(env->lease.margin)));
  auto done = [self = self] {
    auto& st = self->state;
    if (st.current != phase::stopping)
      return;
    st.env->stats->stopped_idle.add();
    if (st.held) {
      // Released after the flush: another node may take it at once. A
      // request that still reaches this session re-takes first.
      st.held->valid_until = 0;
      self->send(st.env->storage, release_atom_v, st.held);
    }
    st.leave();
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
  bye_then_quit(front);
}

void session_state::bye_then_quit(const front_actor& front) {
  // The reply (or the front's end) is the last thing this session waits
  // for; see `session_state`.
  auto done = [self = self] { self->quit(); };
  self
    ->request(front, timeouts::session_leave, bye_atom_v, challenger.guid,
              self->address())
    .then(done, [done](caf::error&) { done(); });
}

void session_state::take() {
  auto on_grant = [self = self](take_reply& x) {
    self->state.held = std::move(x.held);
    self->state.loaded(x.snapshot);
  };
  auto on_error = [self = self](caf::error& err) {
    auto& st = self->state;
    if (err != app_ec::session_busy) {
      st.load_failed(err);
      return;
    }
    // Another node serves it: retry every tenth of a lease period. A dead
    // node's lease ends about one period after the first refusal (its
    // last renewal came before it), so retrying for one period plus one
    // interval makes the last take land after that end, rather than giving
    // up just before it. Also bounded by what the HTTP caller waits.
    auto now = lease_now();
    if (st.busy_since == 0)
      st.busy_since = now;
    auto delay = std::clamp(std::chrono::duration_cast<
                              std::chrono::milliseconds>(st.env->lease.period
                                                         / 10),
                            std::chrono::milliseconds{10},
                            std::chrono::milliseconds{250});
    auto limit = std::min(std::chrono::duration_cast<std::chrono::nanoseconds>(
                            st.env->lease.period + delay),
                          std::chrono::duration_cast<std::chrono::nanoseconds>(
                            timeouts::lease_wait));
    if (now - st.busy_since < limit.count()) {
      self->delayed_send(self, delay, take_atom_v);
      return;
    }
    st.env->stats->lease_busy.add(st.stash.size() + st.viewers.size());
    st.leave(err);
  };
  self
    ->request(env->storage, timeouts::storage_load, take_atom_v,
              challenger.guid)
    .then(on_grant, on_error);
}

void session_state::pump() {
  while (current == phase::ready) {
    if (challenger.known && !(held && held->fresh(env->lease.margin))) {
      if (!held || held->lost) {
        drop();
        return;
      }
      if (stash.empty() && viewers.empty()) {
        // Nothing to answer: no lease needed, but the idle stop must still
        // come (a session created here without a lease, whose requests go
        // to another node, would else stay in memory for good).
        keep_alive();
        return;
      }
      retake();
      return;
    }
    if (stash.empty())
      break;
    auto x = std::move(stash.front());
    stash.erase(stash.begin());
    bool was_known = challenger.known;
    auto res = answer(x.request);
    if (!was_known && challenger.known) {
      store_new(std::move(x.promise), std::move(res));
      return;
    }
    x.promise.deliver(std::move(res));
  }
  if (current != phase::ready)
    return;
  auto views = std::move(viewers);
  viewers.clear();
  for (auto& promise : views)
    promise.deliver(challenger);
  if (!challenger.known)
    leave();
  else
    keep_alive();
}

void session_state::retake() {
  current = phase::loading;
  auto on_reply = [self = self](bool ours) {
    auto& st = self->state;
    if (!ours) {
      st.drop();
      return;
    }
    st.current = phase::ready;
    st.pump();
  };
  auto on_error = [self = self](caf::error& err) { self->state.leave(err); };
  self->request(env->storage, timeouts::storage_load, take_atom_v, held)
    .then(on_reply, on_error);
}

void session_state::store_new(
  std::optional<caf::typed_response_promise<model::response>> promise,
  model::response res) {
  current = phase::loading;
  std::string snapshot;
  try {
    snapshot = storage::encode(challenger);
  } catch (const std::exception& e) {
    log_error("session " + challenger.guid + ": snapshot failed: " + e.what());
    if (promise)
      promise->deliver(caf::error{app_ec::storage_failed});
    leave(app_ec::storage_failed);
    return;
  }
  saved_revision = challenger.revision;
  auto on_stored = [self = self, promise,
                    res = std::move(res)](lease_ptr& l) mutable {
    auto& st = self->state;
    if (promise)
      promise->deliver(std::move(res));
    if (!l) {
      st.drop(); // the GUID was taken meanwhile: that copy wins
      return;
    }
    // Stored, not leased: the next request re-takes at this version.
    st.held = std::move(l);
    st.current = phase::ready;
    st.pump();
  };
  auto on_error = [self = self, promise](caf::error& err) mutable {
    if (promise)
      promise->deliver(err);
    self->state.leave(err);
  };
  self
    ->request(env->storage, timeouts::storage_load, create_atom_v,
              challenger.guid, std::move(snapshot))
    .then(on_stored, on_error);
}

void session_state::drop() {
  current = phase::leaving;
  leave_reason = caf::error{};
  auto front = caf::actor_cast<front_actor>(env->front);
  if (!front) {
    stop(app_ec::shutting_down);
    return;
  }
  // The bye first: the front forgets this session before the requests
  // handed back reach it, and routes them to a new one that reloads.
  bye_then_quit(front);
  for (auto& x : stash)
    x.promise.delegate(front, serve_atom_v, challenger.guid,
                       std::move(x.request));
  stash.clear();
  for (auto& promise : viewers)
    promise.delegate(front, view_atom_v, challenger.guid);
  viewers.clear();
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
  auto retry = [self](take_atom) {
    if (self->state.current == session_state::phase::loading)
      self->state.take();
  };
  return {serve, view, check, evict, retry};
}

} // namespace actors
