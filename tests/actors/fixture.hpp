#pragma once

// Tier 2 support: an actor system on CAF's deterministic test scheduler
// (no caf/test/dsl.hpp), a scriptable in-memory store, request builders and
// client actors that record what they got.

#include "actors/front_actor.hpp"
#include "actors/fwd.hpp"
#include "actors/session_actor.hpp"
#include "actors/storage_actor.hpp"
#include "model/api.hpp"
#include "storage/store.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/all.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace test {

using namespace std::chrono_literals;

/// The fake wall clock's start.
inline const storage::clock::time_point wall_start = storage::clock::
                                                       time_point{}
                                                     + std::chrono::hours(
                                                       24 * 365 * 50);

/// A store that keeps rows in a map, records every call and fails on demand.
class fake_store : public storage::store {
public:
  std::map<std::string, std::string> rows;
  std::map<std::string, storage::clock::time_point> stamps;
  /// The size of every successful `save` (one entry per transaction).
  std::vector<std::size_t> batches;
  std::vector<storage::clock::time_point> expire_calls;
  std::size_t loads = 0;
  /// The next this many saves (loads) fail.
  int failing_saves = 0;
  int failing_loads = 0;
  /// While true every save fails (a storage outage), until reset.
  bool broken = false;
  /// Runs at the start of every save (e.g. to let test time pass).
  std::function<void()> on_save;

  storage::expected<std::optional<std::string>> load(
    const std::string& guid) override {
    ++loads;
    if (failing_loads > 0) {
      --failing_loads;
      return storage::error{"fake load failure"};
    }
    if (auto i = rows.find(guid); i != rows.end())
      return std::optional<std::string>{i->second};
    return std::optional<std::string>{};
  }

  storage::expected<void> save(const storage::batch& xs) override {
    if (on_save)
      on_save();
    if (broken)
      return storage::error{"fake storage outage"};
    if (failing_saves > 0) {
      --failing_saves;
      return storage::error{"fake save failure"};
    }
    for (const auto& x : xs) {
      rows[x.guid] = x.state;
      stamps[x.guid] = x.last_used;
    }
    batches.push_back(xs.size());
    return {};
  }

  storage::expected<void> erase(const std::string& guid) override {
    rows.erase(guid);
    stamps.erase(guid);
    return {};
  }

  storage::expected<std::size_t> expire(
    storage::clock::time_point older_than) override {
    expire_calls.push_back(older_than);
    std::size_t n = 0;
    for (auto i = stamps.begin(); i != stamps.end();) {
      if (i->second < older_than) {
        rows.erase(i->first);
        i = stamps.erase(i);
        ++n;
      } else {
        ++i;
      }
    }
    return n;
  }

  bool persistent() const noexcept override {
    return true;
  }
};

// -- requests -----------------------------------------------------------------

inline model::request make_request(std::string method, std::string path,
                                   std::string guid = {},
                                   std::string body = {}) {
  model::request req;
  req.method = std::move(method);
  req.path = std::move(path);
  if (!guid.empty())
    req.headers.push_back({"X-CHALLENGER", std::move(guid)});
  if (!body.empty()) {
    req.headers.push_back({"Content-Type", "application/json"});
    req.body = std::move(body);
  }
  return req;
}

inline model::request post_todo(const std::string& guid,
                                const std::string& title) {
  return make_request("POST", "/todos", guid,
                      R"({"title":")" + title + R"("})");
}

inline model::request get_todos(const std::string& guid) {
  return make_request("GET", "/todos", guid);
}

/// Returns the value of `X-CHALLENGER`, or "".
inline std::string challenger_of(const model::response& res) {
  auto x = res.header("X-CHALLENGER");
  return x ? *x : std::string{};
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// -- replies ------------------------------------------------------------------

/// What a client actor got.
template <class T>
struct reply {
  std::optional<T> value;
  caf::error error;

  bool done() const {
    return value.has_value() || static_cast<bool>(error);
  }
};

using response_reply = std::shared_ptr<reply<model::response>>;

// -- the fixture --------------------------------------------------------------

struct actor_fixture {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  caf::scheduler::test_coordinator* sched = nullptr;
  std::shared_ptr<fake_store> store = std::make_shared<fake_store>();
  /// The wall clock the storage actor sees.
  storage::clock::time_point wall = wall_start;
  std::shared_ptr<const model::api_context> context;
  /// The session counters the front and its sessions update.
  std::shared_ptr<metrics::session_stats>
    stats = std::make_shared<metrics::session_stats>();
  actors::storage_actor storage;
  actors::front_actor front;
  /// Running actors once storage and front are up.
  std::size_t baseline = 0;

  actor_fixture() {
    cfg.set("scheduler.policy", caf::atom("testing"));
    cfg.add_message_types<caf::id_block::app>();
    sys = std::make_unique<caf::actor_system>(cfg);
    sched = &dynamic_cast<caf::scheduler::test_coordinator&>(sys->scheduler());
  }

  ~actor_fixture() {
    if (front)
      caf::anon_send_exit(front, caf::exit_reason::user_shutdown);
    if (storage)
      caf::anon_send_exit(storage, caf::exit_reason::user_shutdown);
    front = actors::front_actor{};
    storage = actors::storage_actor{};
    sched->run();
    // A leftover actor would make ~actor_system wait forever: fire every
    // timer (idle sessions stop), and give up loudly if that is not enough.
    for (int i = 0; i < 10 && sys->registry().running() > 0; ++i) {
      sched->trigger_timeouts();
      sched->run();
    }
    if (sys->registry().running() > 0) {
      std::fprintf(stderr, "actor_fixture: %zu actor(s) still running\n",
                   sys->registry().running());
      std::_Exit(3);
    }
  }

  /// Storage options for tests: the fake wall clock, and a tick of one
  /// hour so that only explicit flushes (or `advance(tick)`) commit.
  actors::storage_options storage_options() {
    actors::storage_options opts;
    opts.tick = std::chrono::hours(1);
    opts.retention = std::chrono::seconds{0};
    opts.now = [this] { return wall; };
    opts.stats = stats;
    return opts;
  }

  void start_storage(actors::storage_options opts) {
    storage = sys->spawn(actors::storage_impl,
                         std::shared_ptr<storage::store>(store),
                         std::move(opts));
    sched->run();
  }

  /// Starts storage (unless running) and a front (`max_live`: see
  /// `front_state`).
  void start(model::user_mode mode = model::user_mode::multi_user,
             std::chrono::milliseconds idle = 1s, std::size_t max_live = 0) {
    if (!storage)
      start_storage(storage_options());
    model::api_config api;
    api.mode = mode;
    context = std::make_shared<const model::api_context>(api);
    front = sys->spawn(actors::front_impl, context, storage, idle, stats,
                       max_live);
    sched->run();
    baseline = sys->registry().running();
  }

  void run() {
    sched->run();
  }

  /// Moves the test clock (firing due timers) and runs everything.
  void advance(caf::timespan d) {
    sched->advance_time(d);
    sched->run();
  }

  /// Sends one request from a fresh client actor.
  template <class T, class Handle, class... Ts>
  std::shared_ptr<reply<T>> ask(const Handle& hdl, Ts... xs) {
    auto r = std::make_shared<reply<T>>();
    sys->spawn([=](caf::event_based_actor* self) {
      self->request(hdl, caf::infinite, xs...)
        .then([r](T& x) { r->value = std::move(x); },
              [r](caf::error& err) { r->error = std::move(err); });
    });
    return r;
  }

  /// Serves `req` for `guid` through the front, once (like the gateway).
  response_reply serve(const std::string& guid, model::request req) {
    return ask<model::response>(front, actors::serve_atom_v, guid,
                                std::move(req));
  }

  /// Serves `req` and runs until answered; fails the test otherwise.
  model::response serve_now(const std::string& guid, model::request req) {
    auto r = serve(guid, std::move(req));
    run();
    if (!r->value)
      throw std::runtime_error("no response: " + caf::to_string(r->error));
    return *r->value;
  }

  /// Creates a challenger (`POST /challenger`) and returns its GUID.
  std::string create_challenger() {
    auto r = ask<model::response>(front, actors::create_atom_v,
                                  make_request("POST", "/challenger"));
    run();
    if (!r->value || r->value->status != 201)
      throw std::runtime_error("POST /challenger failed");
    return challenger_of(*r->value);
  }

  std::size_t live_sessions() {
    auto r = ask<uint64_t>(front, actors::count_atom_v);
    run();
    return r->value ? static_cast<std::size_t>(*r->value) : 9999;
  }

  /// The resumable of an actor, for `run_jobs_filtered`.
  template <class Handle>
  static caf::resumable* job_of(const Handle& hdl) {
    return dynamic_cast<caf::resumable*>(
      caf::actor_cast<caf::abstract_actor*>(hdl));
  }

  /// Runs every job except those of `hdl` until none is left.
  template <class Handle>
  void run_all_but(const Handle& hdl) {
    auto excluded = job_of(hdl);
    sched->run_jobs_filtered(
      [excluded](caf::resumable* x) { return x != excluded; });
  }
};

} // namespace test
