#include "actors/front_actor.hpp"

#include "actors/front_shard.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace actors {

namespace {

std::mt19937_64 seeded_generator() {
  std::random_device device;
  std::array<std::random_device::result_type, 8> words;
  for (auto& x : words)
    x = device();
  std::seed_seq seq(words.begin(), words.end());
  return std::mt19937_64{seq};
}

} // namespace

front_state::front_state(pointer self) : self(self), rng(seeded_generator()) {
  // nop
}

caf::result<model::response> front_state::serve(const std::string& guid,
                                                model::request& req) {
  if (stopping)
    return app_ec::shutting_down;
  return self->delegate(session_for(guid), std::move(req));
}

caf::result<model::response> front_state::create(model::request& req) {
  if (stopping)
    return app_ec::shutting_down;
  auto hdl = spawn_session(random_guid(), session_start::fresh, false);
  return self->delegate(hdl, std::move(req));
}

caf::result<model::challenger> front_state::view(const std::string& guid) {
  if (stopping)
    return app_ec::shutting_down;
  return self->delegate(session_for(guid), view_atom_v);
}

void front_state::bye(const std::string& guid, const caf::actor_addr& who) {
  auto i = sessions.find(guid);
  if (i == sessions.end() || i->second.hdl.address() != who)
    return;
  if (i->second.evicting)
    --evicting;
  sessions.erase(i);
  report_live();
  if (stopping && sessions.empty()) {
    stop_promise.deliver(stopped);
    self->quit();
  }
}

caf::result<uint64_t> front_state::stop() {
  if (stopping)
    return app_ec::shutting_down;
  stopping = true;
  stopped = sessions.size();
  if (sessions.empty()) {
    self->quit();
    return stopped;
  }
  stop_promise = self->make_response_promise<uint64_t>();
  for (auto& kvp : sessions)
    self->send_exit(kvp.second.hdl, caf::exit_reason::user_shutdown);
  return stop_promise;
}

session_actor front_state::session_for(const std::string& guid) {
  if (auto i = sessions.find(guid); i != sessions.end()) {
    i->second.last_use = ++clock;
    auto hdl = i->second.hdl;
    if (i->second.evicting) {
      i->second.evicting = false; // the request cancels the stop
      --evicting;
      // It counts again: without a pass here, stops cancelled under load
      // (the flush still running when the next request comes) would let
      // the live sessions grow past the bound until new ones spawn.
      evict_if_needed();
    }
    return hdl;
  }
  // Single-user mode has only the single player: create it when storage
  // does not have it. Multi-user GUIDs come from clients: load only.
  if (env->context->config.mode == model::user_mode::single_user)
    return spawn_session(guid, session_start::load_or_create, true);
  return spawn_session(guid, session_start::load, false);
}

session_actor front_state::spawn_session(const std::string& guid,
                                         session_start how, bool known) {
  auto initial = model::make_challenger(guid, random_uuid());
  initial.known = known;
  auto hdl = self->spawn(session_impl, env, std::move(initial), how);
  auto& slot = sessions[guid];
  if (slot.evicting)
    --evicting; // replaced (the old actor's bye will not match)
  slot = entry{hdl, ++clock, false};
  report_live();
  evict_if_needed();
  return hdl;
}

void front_state::evict_if_needed() {
  if (max_live == 0)
    return;
  auto slack = std::max<std::size_t>(max_live / 8, 1);
  // Sessions already told to stop do not count (they stop once flushed; a
  // failing storage keeps them), so the pass stays amortised meanwhile.
  if (sessions.size() - evicting <= max_live + slack)
    return;
  // One pass over the map per `slack` new sessions: collect the candidates
  // (not already stopping) and stop the oldest beyond `max_live`.
  std::vector<std::pair<uint64_t, entry*>> xs;
  xs.reserve(sessions.size());
  for (auto& kvp : sessions)
    if (!kvp.second.evicting)
      xs.emplace_back(kvp.second.last_use, &kvp.second);
  if (xs.size() <= max_live)
    return;
  auto n = xs.size() - max_live;
  std::nth_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(n - 1),
                   xs.end(), [](const auto& x, const auto& y) {
                     return x.first < y.first;
                   });
  for (std::size_t i = 0; i < n; ++i) {
    auto& e = *xs[i].second;
    // Never the session just spawned (it is the newest, so not reached).
    e.evicting = true;
    ++evicting;
    self->send(e.hdl, stop_atom_v);
  }
  env->stats->evicted.add(n);
}

void front_state::report_live() {
  auto now = sessions.size();
  env->stats->live.add(static_cast<int64_t>(now)
                       - static_cast<int64_t>(reported_live));
  reported_live = now;
}

std::string front_state::random_guid() {
  // One draw in `shards` lands here: a few draws on average.
  for (;;) {
    auto guid = random_uuid();
    if (front_shard(guid, shards) == shard)
      return guid;
  }
}

std::string front_state::random_uuid() {
  auto hi = rng();
  auto lo = rng();
  // Version 4 (random) and the RFC 4122 variant.
  hi = (hi & ~uint64_t{0xF000}) | uint64_t{0x4000};
  lo = (lo & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  auto put = [&](uint64_t x, int first_nibble, int count) {
    for (int i = first_nibble; i > first_nibble - count; --i)
      out += digits[(x >> (i * 4)) & 0xF];
  };
  put(hi, 15, 8);
  out += '-';
  put(hi, 7, 4);
  out += '-';
  put(hi, 3, 4);
  out += '-';
  put(lo, 15, 4);
  out += '-';
  put(lo, 11, 12);
  return out;
}

front_actor::behavior_type front_impl(
  front_state::pointer self, std::shared_ptr<const model::api_context> context,
  storage_actor storage, std::chrono::milliseconds idle_timeout,
  std::shared_ptr<metrics::session_stats> stats, std::size_t max_live) {
  return front_impl_leased(self, std::move(context), std::move(storage),
                           idle_timeout, std::move(stats), max_live,
                           lease_timing{});
}

front_actor::behavior_type front_impl_leased(
  front_state::pointer self, std::shared_ptr<const model::api_context> context,
  storage_actor storage, std::chrono::milliseconds idle_timeout,
  std::shared_ptr<metrics::session_stats> stats, std::size_t max_live,
  lease_timing lease) {
  return front_impl_sharded(self, std::move(context), std::move(storage),
                            idle_timeout, std::move(stats), max_live, lease,
                            front_shard_of{});
}

front_actor::behavior_type front_impl_sharded(
  front_state::pointer self, std::shared_ptr<const model::api_context> context,
  storage_actor storage, std::chrono::milliseconds idle_timeout,
  std::shared_ptr<metrics::session_stats> stats, std::size_t max_live,
  lease_timing lease, front_shard_of shard) {
  self->state.max_live = max_live;
  self->state.shard = shard.index;
  self->state.shards = std::max<std::size_t>(shard.count, 1);
  auto env = std::make_shared<session_env>();
  env->context = std::move(context);
  env->storage = std::move(storage);
  env->stats = stats ? std::move(stats)
                     : std::make_shared<metrics::session_stats>();
  // The single player is never purged (BEHAVIOUR §5.6): no idle timer.
  if (env->context->config.mode == model::user_mode::multi_user)
    env->idle_timeout = idle_timeout;
  env->front = self->address();
  env->lease = lease;
  self->state.env = std::move(env);
  self->set_exit_handler([self](caf::exit_msg& msg) {
    for (auto& kvp : self->state.sessions)
      self->send_exit(kvp.second.hdl, msg.reason);
    self->quit(msg.reason);
  });
  return {
    [self](serve_atom, const std::string& guid, model::request& req) {
      return self->state.serve(guid, req);
    },
    [self](create_atom, model::request& req) {
      return self->state.create(req);
    },
    [self](view_atom, const std::string& guid) {
      return self->state.view(guid);
    },
    [self](bye_atom, const std::string& guid, const caf::actor_addr& who) {
      self->state.bye(guid, who);
    },
    [self](count_atom) {
      return static_cast<uint64_t>(self->state.sessions.size());
    },
    [self](stop_atom) { return self->state.stop(); },
  };
}

} // namespace actors
