#include "actors/gateway.hpp"

#include "actors/errors.hpp"
#include "actors/front_actor.hpp"
#include "actors/front_shard.hpp"
#include "actors/fwd.hpp"
#include "actors/inline_scheduler.hpp"
#include "actors/storage_actor.hpp"
#include "actors/timeouts.hpp"
#include "model/api.hpp"
#include "model/text.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace actors {

namespace {

std::size_t default_threads() {
  return std::max(1u, std::thread::hardware_concurrency());
}

/// Blocking actors for `gateway::impl::ask`, reused across requests and
/// threads (one user at a time). A blocking actor per request would cost a
/// spawn and, when it ends, a wake-up of CAF's clock thread (an ended actor
/// cancels its timeouts there): measured, several µs of CPU per request.
/// An actor whose wait timed out is not given back, so that a late answer
/// never reaches its next user. Requesters count as running actors:
/// `close` ends the idle ones before `await_all_actors_done`, and those in
/// use end when they come back.
class requester_pool {
public:
  using requester = std::unique_ptr<caf::scoped_actor>;

  /// An idle requester, or a new one in `sys`.
  requester take(caf::actor_system& sys) {
    {
      std::lock_guard<std::mutex> guard{mtx_};
      if (!idle_.empty()) {
        auto x = std::move(idle_.back());
        idle_.pop_back();
        return x;
      }
    }
    return std::make_unique<caf::scoped_actor>(sys);
  }

  void give_back(requester x) {
    std::lock_guard<std::mutex> guard{mtx_};
    if (!closed_)
      idle_.push_back(std::move(x));
  }

  /// Ends every idle requester, and from now on every one given back.
  void close() {
    std::vector<requester> xs;
    {
      std::lock_guard<std::mutex> guard{mtx_};
      closed_ = true;
      xs.swap(idle_);
    }
  }

private:
  std::mutex mtx_;
  std::vector<requester> idle_;
  bool closed_ = false;
};

} // namespace

struct gateway::impl {
  std::shared_ptr<const model::api_context> context;
  std::shared_ptr<metrics::session_stats>
    stats = std::make_shared<metrics::session_stats>();
  caf::actor_system_config config;
  std::unique_ptr<caf::actor_system> system;
  storage_actor storage;
  /// The fronts, one per shard (`front_shard`).
  std::vector<front_actor> fronts;
  /// Where the next `POST /challenger` goes (round robin).
  std::atomic<std::size_t> next_create{0};
  /// False once `shutdown` began: session requests then get 503.
  std::atomic<bool> accepting{true};
  std::mutex shutdown_mutex;
  bool shut_down = false;
  requester_pool requesters;

  ~impl() {
    // Handles first: the system's destructor waits for every actor.
    requesters.close();
    fronts.clear();
    storage = storage_actor{};
    system.reset();
  }

  /// The front of `guid`.
  const front_actor& front_of(const std::string& guid) const {
    return fronts[front_shard(guid, fronts.size())];
  }

  /// A copy of the challenger of `guid` once its session is ready, or
  /// `std::nullopt` when the front failed (logged).
  std::optional<model::challenger> view(const std::string& guid);

  /// Asks the front once: a session that is leaving hands the request back
  /// to the front (see `session_state`), so nothing here retries. The
  /// request moves into the message (no copy).
  model::response ask(const model::session_target& target, model::request req);
};

model::response gateway::impl::ask(const model::session_target& target,
                                   model::request req) {
  // The wait is bounded by the blocking receive's own `after` (a timed wait
  // on this thread's condition variable), not by a request timeout: that
  // would arm a timer in CAF's clock thread, which then wakes up for it
  // and again for its stale expiry (ARCHITECTURE §2: a long-lived blocking
  // actor would also collect those expiries forever). Without request
  // timers a blocking actor can be reused; see `requester_pool`.
  auto self = requesters.take(*system);
  std::optional<model::response> res;
  caf::error err;
  bool reusable = true;
  auto on_value = [&](model::response& x) { res = std::move(x); };
  auto on_error = [&](caf::error& x) { err = std::move(x); };
  auto on_timeout = [&] {
    err = caf::sec::request_timeout;
    reusable = false; // the answer may still arrive
  };
  caf::message_id id;
  auto method = req.method; // for the log: `req` moves into the message
  {
    // This thread waits for the answer anyway: it runs the front and the
    // session itself when they are idle (actors/inline_scheduler.hpp).
    inline_execution run_here;
    if (target.what == model::session_target::kind::create) {
      // Each front creates GUIDs of its own shard.
      auto& front = fronts[next_create.fetch_add(1, std::memory_order_relaxed)
                           % fronts.size()];
      id = (*self)
             ->request(front, caf::infinite, create_atom_v, std::move(req))
             .id();
    } else {
      id = (*self)
             ->request(front_of(target.guid), caf::infinite, serve_atom_v,
                       target.guid, std::move(req))
             .id();
    }
  }
  caf::blocking_actor::accept_one_cond accept_one;
  (*self)->varargs_receive(accept_one, id, on_value, on_error,
                           caf::after(timeouts::session_request) >> on_timeout);
  if (reusable)
    requesters.give_back(std::move(self));
  if (res)
    return std::move(*res);
  if (err == caf::sec::request_timeout)
    log_error("gateway: " + method + " for "
              + (target.guid.empty() ? "a new challenger" : target.guid)
              + " timed out");
  return error_response(err);
}

std::optional<model::challenger> gateway::impl::view(const std::string& guid) {
  std::optional<model::challenger> result;
  caf::scoped_actor self{*system};
  self->request(front_of(guid), timeouts::session_request, view_atom_v, guid)
    .receive([&](model::challenger& x) { result = std::move(x); },
             [&](caf::error& err) {
               log_error("gateway: reading " + guid
                         + " failed: " + describe(err));
             });
  return result;
}

std::size_t fronts_for(std::size_t fronts, std::size_t max_live) {
  auto n = std::max<std::size_t>(fronts, 1);
  if (max_live > 0)
    n = std::min(n, std::max<std::size_t>(max_live / min_front_share, 1));
  return n;
}

gateway::gateway(gateway_config cfg) : impl_(std::make_unique<impl>()) {
  auto& d = *impl_;
  d.context = std::make_shared<const model::api_context>(cfg.api);
  auto threads = cfg.scheduler_threads > 0 ? cfg.scheduler_threads
                                           : default_threads();
  d.config.set("scheduler.max-threads", threads);
  if (cfg.inline_throughput > 0)
    use_inline_scheduler(d.config, cfg.inline_throughput);
  d.config.add_message_types<caf::id_block::app>();
  // (add_error_category<T> does not compile in 0.17.6: pass a renderer.)
  d.config.add_error_category(caf::atom("app"), [](uint8_t code,
                                                   caf::atom_value,
                                                   const caf::message&) {
    return std::string{"app_ec::"} + to_string(static_cast<app_ec>(code));
  });
  d.system = std::make_unique<caf::actor_system>(d.config);
  storage_options options;
  // The single player is kept forever: the sweep is for multi-user sessions.
  if (cfg.api.mode == model::user_mode::multi_user)
    options.retention = cfg.retention;
  else
    options.retention = std::chrono::seconds{0};
  options.stats = d.stats;
  d.stats->node_id = cfg.node_id;
  lease_timing lease;
  if (cfg.store && cfg.store->leases())
    lease = lease_timing::of(cfg.lease, options.tick);
  options.lease = lease;
  std::shared_ptr<storage::store> store = std::move(cfg.store);
  // Detached: SQLite blocks, and must not block a scheduler thread.
  d.storage = d.system->spawn<caf::detached>(storage_impl, std::move(store),
                                             std::move(options));
  auto n = fronts_for(cfg.fronts, cfg.max_live_sessions);
  // Each front's share of the bound, rounded up.
  auto share = (cfg.max_live_sessions + n - 1) / n;
  for (std::size_t i = 0; i < n; ++i)
    d.fronts.push_back(d.system->spawn(front_impl_sharded, d.context, d.storage,
                                       cfg.idle_timeout, d.stats, share, lease,
                                       front_shard_of{i, n}));
  // Not fatal when it fails: the next request tries again.
  if (cfg.api.mode == model::user_mode::single_user
      && !d.view(std::string{model::single_player_guid}))
    log_error("gateway: cannot load or create the single player");
}

gateway::~gateway() {
  shutdown();
}

model::response gateway::handle(model::request req) {
  auto& d = *impl_;
  try {
    model::resolve_routing(req);
    auto target = model::target_of(req, d.context->config);
    if (target.what == model::session_target::kind::none)
      return model::respond(nullptr, req, *d.context);
    if (!d.accepting.load())
      return error_response(app_ec::shutting_down);
    return d.ask(target, std::move(req));
  } catch (const std::exception& e) {
    log_error(std::string{"gateway: "} + req.method + " " + req.path
              + " threw: " + e.what());
  } catch (...) {
    log_error("gateway: " + req.method + " " + req.path
              + " threw a non-standard exception");
  }
  return model::failure_response(model::failure::internal);
}

void gateway::shutdown() {
  auto& d = *impl_;
  std::lock_guard<std::mutex> guard{d.shutdown_mutex};
  if (d.shut_down)
    return;
  d.shut_down = true;
  d.accepting = false;
  {
    caf::scoped_actor self{*d.system};
    // Sessions first: once they are gone, every snapshot they sent is in
    // the storage actor's mailbox ahead of the flush below. All fronts
    // stop at once; each answers when its sessions are gone.
    for (auto& front : d.fronts)
      self->request(front, timeouts::shutdown, stop_atom_v)
        .receive([](uint64_t) {},
                 [](caf::error& err) {
                   log_error("gateway: stopping sessions failed: "
                             + describe(err));
                 });
    for (auto& front : d.fronts)
      self->send_exit(front, caf::exit_reason::user_shutdown);
    self->request(d.storage, timeouts::shutdown, caf::flush_atom_v)
      .receive([](uint64_t) {},
               [](caf::error& err) {
                 log_error("gateway: final commit failed: " + describe(err));
               });
    // Its exit handler tries once more if anything is still pending.
    self->send_exit(d.storage, caf::exit_reason::user_shutdown);
  }
  d.requesters.close();
  d.system->await_all_actors_done();
}

std::optional<model::challenger> gateway::view(const std::string& guid) {
  auto& d = *impl_;
  if (!d.accepting.load())
    return std::nullopt;
  // The same GUIDs a request could name: in single-user mode every page
  // shows the single player; in multi-user mode only a UUID names a
  // session, so a random name never reaches storage.
  if (d.context->config.mode == model::user_mode::single_user)
    return d.view(std::string{model::single_player_guid});
  if (!model::text::is_uuid(guid))
    return std::nullopt;
  auto x = d.view(guid);
  if (!x || !x->known)
    return std::nullopt;
  return x;
}

std::size_t gateway::live_sessions() {
  auto& d = *impl_;
  if (!d.accepting.load())
    return 0;
  uint64_t result = 0;
  caf::scoped_actor self{*d.system};
  for (auto& front : d.fronts)
    self->request(front, timeouts::session_request, count_atom_v)
      .receive([&](uint64_t n) { result += n; }, [](caf::error&) {});
  return static_cast<std::size_t>(result);
}

std::shared_ptr<const metrics::session_stats> gateway::stats() const {
  return impl_->stats;
}

} // namespace actors
