#include "actors/storage_actor.hpp"

#include "actors/errors.hpp"

#include <caf/all.hpp>

#include <chrono>
#include <utility>

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
  storage::batch xs;
  xs.reserve(pending.size());
  for (auto& [guid, w] : pending)
    xs.push_back(storage::record{guid, std::move(w.snapshot), w.last_used});
  pending.clear();
  auto& stats = *options.stats;
  auto started = std::chrono::steady_clock::now();
  auto res = store->save(xs);
  stats.commit_latency.observe(std::chrono::steady_clock::now() - started);
  if (!res) {
    // Nothing else ran meanwhile: put every write back as it was.
    for (auto& x : xs)
      pending.emplace(std::move(x.guid),
                      pending_write{std::move(x.state), x.last_used});
    ++failures;
    // Loud, but not ten lines a second during a long outage.
    if (is_power_of_two(failures))
      log_error("storage: commit of " + std::to_string(xs.size())
                + " session(s) failed (attempt " + std::to_string(failures)
                + ", will retry): " + res.err().message);
    stats.commit_failures.add();
    stats.storage_healthy.set(0);
    stats.storage_queue.set(static_cast<int64_t>(pending.size()));
    return res.err();
  }
  stats.commits.add();
  stats.storage_healthy.set(1);
  stats.snapshots_written.add(xs.size());
  stats.storage_queue.set(static_cast<int64_t>(pending.size()));
  if (failures > 0) {
    log_error("storage: commit succeeded again after "
              + std::to_string(failures) + " failed attempt(s)");
    failures = 0;
  }
  return static_cast<uint64_t>(xs.size());
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
  };
}

} // namespace actors
