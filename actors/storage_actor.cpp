#include "actors/storage_actor.hpp"

#include "actors/errors.hpp"

#include <caf/all.hpp>

#include <chrono>
#include <limits>
#include <optional>
#include <unordered_set>
#include <utility>
#include <vector>

namespace actors {

namespace {

bool is_power_of_two(uint64_t x) {
  return x != 0 && (x & (x - 1)) == 0;
}

} // namespace

void storage_state::put(std::string guid, std::string snapshot) {
  auto& slot = pending[std::move(guid)];
  slot.snapshot = std::move(snapshot);
  slot.last_used = options.now();
  options.stats->storage_queue.set(static_cast<int64_t>(pending.size()));
  arm_tick();
}

caf::result<std::string> storage_state::load(const std::string& guid) {
  if (auto i = pending.find(guid); i != pending.end())
    return i->second.snapshot;
  auto res = store->load(guid);
  if (!res) {
    log_error(res.err().message);
    return app_ec::storage_failed;
  }
  if (!res->has_value())
    return app_ec::no_such_session;
  return std::move(**res);
}

caf::result<uint64_t> storage_state::flush() {
  auto res = commit();
  if (!res) {
    arm_tick();
    return app_ec::storage_failed;
  }
  return *res;
}

void storage_state::tick() {
  tick_armed = false;
  overran = false;
  // The actor clock: the deterministic test scheduler fakes it.
  auto started = self->clock().now();
  commit();
  auto elapsed = self->clock().now() - started;
  last_tick_start = started;
  ticked = true;
  // Writes that queued up in the mailbox during an overlong commit are due
  // at once (see `arm_tick`).
  overran = elapsed >= options.tick;
  if (pending.empty())
    return;
  // Due one tick after this one started, not after the commit ended: a slow
  // commit must not stretch what `kill -9` can lose.
  arm_tick(overran ? caf::timespan{0} : caf::timespan{options.tick - elapsed});
}

void storage_state::sweep() {
  if (options.retention.count() <= 0)
    return;
  auto cutoff = options.now() - options.retention;
  if (auto res = store->expire(cutoff); !res)
    log_error(res.err().message);
  else
    options.stats->deleted_by_retention.add(*res);
  self->delayed_send(self, options.sweep_interval, sweep_atom_v);
}

storage::expected<uint64_t> storage_state::commit() {
  if (pending.empty())
    return uint64_t{0};
  bool leased = store->leases();
  storage::batch xs;
  xs.reserve(pending.size());
  for (auto& [guid, w] : pending) {
    int64_t version = -1;
    if (leased)
      if (auto i = held.find(guid); i != held.end())
        version = i->second->version;
    xs.push_back(
      storage::record{guid, std::move(w.snapshot), w.last_used, version});
  }
  pending.clear();
  auto& stats = *options.stats;
  auto started = std::chrono::steady_clock::now();
  std::optional<storage::error> failed;
  storage::write_result outcome;
  if (leased) {
    auto res = store->write(xs);
    if (res)
      outcome = std::move(*res);
    else
      failed = res.err();
  } else if (auto res = store->save(xs); !res) {
    failed = res.err();
  }
  stats.commit_latency.observe(std::chrono::steady_clock::now() - started);
  if (failed) {
    // Nothing else ran meanwhile: put every write back as it was.
    for (auto& x : xs)
      pending.emplace(std::move(x.guid),
                      pending_write{std::move(x.state), x.last_used});
    ++failures;
    // Loud, but not ten lines a second during a long outage.
    if (is_power_of_two(failures))
      log_error("storage: commit of " + std::to_string(xs.size())
                + " session(s) failed (attempt " + std::to_string(failures)
                + ", will retry): " + failed->message);
    stats.commit_failures.add();
    stats.storage_healthy.set(0);
    stats.storage_queue.set(static_cast<int64_t>(pending.size()));
    return *failed;
  }
  uint64_t written = xs.size();
  if (leased) {
    written = outcome.written.size();
    for (auto& [guid, version] : outcome.written)
      if (auto i = held.find(guid); i != held.end())
        i->second->version = version;
    for (auto& guid : outcome.refused) {
      // A stale copy: another node took the session over (or this node's
      // lease lapsed and the row moved on).
      stats.writes_refused.add();
      if (auto i = held.find(guid); i != held.end())
        lose(i->second, "write refused (fenced)");
      else
        log_error("storage: session " + guid
                  + ": write refused (fenced), not held by this node");
    }
  }
  stats.commits.add();
  stats.storage_healthy.set(1);
  stats.snapshots_written.add(written);
  stats.storage_queue.set(static_cast<int64_t>(pending.size()));
  if (failures > 0) {
    log_error("storage: commit succeeded again after "
              + std::to_string(failures) + " failed attempt(s)");
    failures = 0;
  }
  return written;
}

caf::result<take_reply> storage_state::take(const std::string& guid) {
  if (!store->leases()) {
    // A single node: the lease never lapses.
    auto l = std::make_shared<lease>(guid);
    l->valid_until = std::numeric_limits<int64_t>::max();
    if (auto i = pending.find(guid); i != pending.end())
      return take_reply{i->second.snapshot, std::move(l)};
    auto res = store->load(guid);
    if (!res) {
      log_error(res.err().message);
      return app_ec::storage_failed;
    }
    if (!res->has_value())
      return app_ec::no_such_session;
    return take_reply{std::move(**res), std::move(l)};
  }
  queued_take x;
  x.guid = guid;
  x.first = self->make_response_promise<take_reply>();
  auto promise = x.first;
  takes.push_back(std::move(x));
  if (!takes_armed) {
    // Behind the messages already in the mailbox: the takes among them
    // join this batch.
    takes_armed = true;
    self->send(self, take_atom_v);
  }
  return promise;
}

caf::result<bool> storage_state::retake(const lease_ptr& l) {
  if (!store->leases())
    return true;
  if (l->lost)
    return false;
  queued_take x;
  x.guid = l->guid;
  x.held = l;
  x.again = self->make_response_promise<bool>();
  auto promise = x.again;
  takes.push_back(std::move(x));
  if (!takes_armed) {
    takes_armed = true;
    self->send(self, take_atom_v);
  }
  return promise;
}

void storage_state::run_takes() {
  takes_armed = false;
  auto batch = std::move(takes);
  takes.clear();
  if (batch.empty())
    return;
  auto fail_all = [&batch](app_ec code) {
    for (auto& x : batch)
      if (x.held)
        x.again.deliver(caf::error{code});
      else
        x.first.deliver(caf::error{code});
  };
  // Writes of these GUIDs first (an earlier session's, or the re-taking
  // session's own): the versions taken must include them.
  bool due = false;
  for (auto& x : batch)
    due = due || pending.count(x.guid) != 0;
  if (due && !commit()) {
    fail_all(app_ec::storage_failed);
    return;
  }
  std::vector<storage::take_request> xs;
  std::vector<queued_take*> asked;
  for (auto& x : batch) {
    if (x.held && x.held->lost) {
      x.again.deliver(false); // the pending write was refused
      continue;
    }
    xs.push_back(
      storage::take_request{x.guid, x.held
                                      ? std::optional<int64_t>{x.held->version}
                                      : std::nullopt});
    asked.push_back(&x);
  }
  if (xs.empty())
    return;
  auto sent = lease_now();
  auto res = store->take_all(xs);
  if (!res) {
    log_error(res.err().message);
    for (auto* x : asked)
      if (x->held)
        x->again.deliver(caf::error{app_ec::storage_failed});
      else
        x->first.deliver(caf::error{app_ec::storage_failed});
    return;
  }
  for (std::size_t i = 0; i < asked.size(); ++i) {
    auto& x = *asked[i];
    auto& grant = (*res)[i];
    if (x.held) {
      auto& l = x.held;
      if (grant.status != storage::lease_status::granted) {
        if (grant.status == storage::lease_status::busy)
          options.stats->lease_waits.add();
        lose(l, grant.status == storage::lease_status::busy
                  ? "lease taken by another node"
                  : "session changed on another node");
        x.again.deliver(false);
        continue;
      }
      l->valid_until = sent + period_ns();
      held[l->guid] = l;
      x.again.deliver(true);
      continue;
    }
    switch (grant.status) {
      case storage::lease_status::granted: break;
      case storage::lease_status::missing:
        x.first.deliver(caf::error{app_ec::no_such_session});
        continue;
      default:
        options.stats->lease_waits.add();
        x.first.deliver(caf::error{app_ec::session_busy});
        continue;
    }
    auto l = std::make_shared<lease>(x.guid);
    l->version = grant.version;
    l->last_request = sent;
    l->valid_until = sent + period_ns();
    if (auto j = held.find(x.guid); j != held.end() && j->second != l)
      j->second->valid_until = 0; // an earlier session of this GUID: leaving
    held[x.guid] = l;
    x.first.deliver(take_reply{std::move(grant.snapshot), std::move(l)});
  }
  arm_renew();
}

caf::result<lease_ptr> storage_state::create(const std::string& guid,
                                             std::string snapshot) {
  auto l = std::make_shared<lease>(guid);
  if (!store->leases()) {
    l->valid_until = std::numeric_limits<int64_t>::max();
    put(guid, std::move(snapshot));
    return l;
  }
  storage::batch xs{
    storage::record{guid, std::move(snapshot), options.now(), -1}};
  auto res = store->write(xs);
  if (!res) {
    log_error(res.err().message);
    return app_ec::storage_failed;
  }
  if (!res->refused.empty() || res->written.empty()) {
    options.stats->writes_refused.add();
    log_error("storage: session " + guid
              + ": not created, the GUID is taken meanwhile");
    return lease_ptr{};
  }
  options.stats->snapshots_written.add();
  l->version = res->written.front().second;
  return l;
}

void storage_state::release(const lease_ptr& l) {
  if (!store->leases())
    return;
  l->valid_until = 0;
  if (pending.count(l->guid) != 0)
    commit();
  auto i = held.find(l->guid);
  if (i == held.end() || i->second != l)
    return;
  held.erase(i);
  if (auto res = store->release({l->guid}); !res)
    log_error(res.err().message);
}

void storage_state::renew() {
  renew_armed = false;
  if (!store->leases() || held.empty())
    return;
  auto now = lease_now();
  auto ns = [](std::chrono::milliseconds x) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(x).count();
  };
  auto below = ns(options.lease.renew_below);
  auto quiet = ns(options.lease.quiet_after);
  // Every live session's lease, not only recently used ones: a quiet
  // session must not have to re-take its lease (a round trip each) when
  // its next request comes. A lapsed lease (renewal failed, or given way
  // to another node) is re-taken by its session on demand.
  std::vector<storage::renewal> xs;
  for (auto& [guid, l] : held) {
    auto until = l->valid_until.load();
    if (l->lost || until <= now || until - now >= below)
      continue;
    xs.push_back(storage::renewal{guid, now - l->last_request.load() >= quiet});
  }
  if (!xs.empty()) {
    auto sent = lease_now();
    auto res = store->renew(xs);
    if (!res) {
      // The leases lapse; sessions re-take before answering again.
      log_error(res.err().message);
    } else {
      std::unordered_set<std::string> ours(res->renewed.begin(),
                                           res->renewed.end());
      // Still ours, left to lapse for the node that asked.
      std::unordered_set<std::string> yielded(res->yielded.begin(),
                                              res->yielded.end());
      for (auto& x : xs) {
        auto i = held.find(x.guid);
        if (i == held.end())
          continue;
        if (ours.count(x.guid) != 0)
          i->second->valid_until = sent + period_ns();
        else if (yielded.count(x.guid) == 0)
          lose(i->second, "lease renewal refused");
      }
    }
  }
  if (!held.empty())
    arm_renew();
}

void storage_state::lose(const lease_ptr& l, const char* why) {
  l->lost = true;
  l->valid_until = 0;
  if (auto i = held.find(l->guid); i != held.end() && i->second == l)
    held.erase(i);
  options.stats->leases_lost.add();
  log_error("storage: session " + l->guid + ": " + why
            + "; dropping this node's copy");
}

void storage_state::arm_renew() {
  if (renew_armed || options.lease.renew_every.count() <= 0)
    return;
  renew_armed = true;
  self->delayed_send(self, options.lease.renew_every, renew_atom_v);
}

int64_t storage_state::period_ns() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           options.lease.period)
    .count();
}

void storage_state::arm_tick() {
  if (tick_armed)
    return;
  if (overran) {
    arm_tick(caf::timespan{0});
    return;
  }
  if (ticked) {
    auto since = self->clock().now() - last_tick_start;
    if (since < options.tick) {
      arm_tick(caf::timespan{options.tick - since});
      return;
    }
  }
  arm_tick(options.tick);
}

void storage_state::arm_tick(caf::timespan delay) {
  if (tick_armed)
    return;
  tick_armed = true;
  if (delay.count() <= 0)
    self->send(self, caf::tick_atom_v);
  else
    self->delayed_send(self, delay, caf::tick_atom_v);
}

storage_actor::behavior_type storage_impl(storage_state::pointer self,
                                          std::shared_ptr<storage::store> store,
                                          storage_options options) {
  self->state.store = std::move(store);
  self->state.options = std::move(options);
  if (!self->state.options.stats)
    self->state.options.stats = std::make_shared<metrics::session_stats>();
  self->state.options.stats->storage_healthy.set(1);
  // Last chance for pending writes; the gateway flushes before this anyway.
  self->set_exit_handler([self](caf::exit_msg& msg) {
    auto& st = self->state;
    if (!st.pending.empty() && !st.commit())
      log_error("storage: " + std::to_string(st.pending.size())
                + " session snapshot(s) could not be written at exit");
    // Shutdown: another node may serve these sessions at once.
    if (!st.held.empty()) {
      std::vector<std::string> xs;
      for (auto& kvp : st.held) {
        kvp.second->valid_until = 0;
        xs.push_back(kvp.first);
      }
      st.held.clear();
      if (auto res = st.store->release(xs); !res)
        log_error(res.err().message);
    }
    self->quit(msg.reason);
  });
  if (self->state.options.retention.count() > 0)
    self->send(self, sweep_atom_v);
  return {
    [self](caf::put_atom, std::string& guid, std::string& snapshot) {
      self->state.put(std::move(guid), std::move(snapshot));
    },
    [self](load_atom, const std::string& guid) {
      return self->state.load(guid);
    },
    [self](caf::flush_atom) { return self->state.flush(); },
    [self](caf::tick_atom) { self->state.tick(); },
    [self](sweep_atom) { self->state.sweep(); },
    [self](take_atom, const std::string& guid) {
      return self->state.take(guid);
    },
    [self](take_atom, const lease_ptr& l) { return self->state.retake(l); },
    [self](create_atom, const std::string& guid, std::string& snapshot) {
      return self->state.create(guid, std::move(snapshot));
    },
    [self](release_atom, const lease_ptr& l) { self->state.release(l); },
    [self](renew_atom) { self->state.renew(); },
    [self](take_atom) { self->state.run_takes(); },
  };
}

} // namespace actors
