#include "actors/errors.hpp"
#include "actors/front_shard.hpp"
#include "actors/gateway.hpp"
#include "fixture.hpp"
#include "storage/null_store.hpp"
#include "storage/sqlite_store.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

// Real threads, real scheduler: the gateway as the HTTP layer uses it.

using namespace std::chrono_literals;
using test::challenger_of;
using test::contains;
using test::get_todos;
using test::make_request;
using test::post_todo;

namespace {

std::unique_ptr<storage::store> sqlite_at(const std::string& path) {
  auto res = storage::sqlite_store::open(path);
  REQUIRE(res.has_value());
  return std::move(*res);
}

actors::gateway_config multi_user_config(std::unique_ptr<storage::store> st) {
  actors::gateway_config cfg;
  cfg.api.mode = model::user_mode::multi_user;
  cfg.scheduler_threads = 2;
  cfg.store = std::move(st);
  return cfg;
}

std::string create(actors::gateway& gw) {
  auto res = gw.handle(make_request("POST", "/challenger"));
  REQUIRE(res.status == 201);
  return challenger_of(res);
}

/// Collects failures from worker threads; asserted on the test thread.
struct failures {
  std::mutex mtx;
  std::vector<std::string> items;

  void add(std::string x) {
    std::lock_guard<std::mutex> guard{mtx};
    if (items.size() < 20)
      items.push_back(std::move(x));
  }
};

/// One learner's loop: create, then add, check and delete its own todos.
void learner(actors::gateway& gw, int id, int rounds, failures& out,
             std::chrono::milliseconds max_pause = 0ms) {
  std::mt19937 rng(static_cast<unsigned>(id));
  auto res = gw.handle(make_request("POST", "/challenger"));
  if (res.status != 201) {
    out.add("create: " + std::to_string(res.status));
    return;
  }
  auto guid = challenger_of(res);
  auto mine = "learner-" + std::to_string(id) + "-";
  for (int i = 0; i < rounds; ++i) {
    if (max_pause.count() > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(
        std::uniform_int_distribution<int>(0, max_pause.count())(rng)));
    auto title = mine + std::to_string(i);
    auto created = gw.handle(post_todo(guid, title));
    if (created.status != 201 || challenger_of(created) != guid) {
      out.add(title + ": POST " + std::to_string(created.status) + " "
              + created.body);
      return;
    }
    auto list = gw.handle(get_todos(guid));
    if (list.status != 200 || !contains(list.body, '"' + title + '"')) {
      out.add(title + ": GET " + std::to_string(list.status) + " " + list.body);
      return;
    }
    // Only this learner's todos: no other learner's title ever shows up.
    auto pos = list.body.find("learner-");
    while (pos != std::string::npos) {
      if (list.body.compare(pos, mine.size(), mine) != 0) {
        out.add(title + ": foreign todo in " + list.body);
        return;
      }
      pos = list.body.find("learner-", pos + 1);
    }
    // Delete it again so the 20-todo limit never interferes.
    auto id_pos = created.body.find("\"id\":");
    auto todo_id = std::stoi(created.body.substr(id_pos + 5));
    auto del = gw.handle(
      make_request("DELETE", "/todos/" + std::to_string(todo_id), guid));
    if (del.status != 200) {
      out.add(title + ": DELETE " + std::to_string(del.status));
      return;
    }
  }
  // Leave one todo behind for the persistence checks.
  gw.handle(post_todo(guid, mine + "last"));
}

} // namespace

TEST_SUITE("actors.gateway") {
  TEST_CASE("50 concurrent learners each see only their own todos") {
    test::temp_dir dir;
    actors::gateway gw{multi_user_config(sqlite_at(dir.file("s.db")))};
    failures bad;
    std::vector<std::thread> threads;
    for (int i = 0; i < 50; ++i)
      threads.emplace_back([&, i] { learner(gw, i, 40, bad); });
    for (auto& t : threads)
      t.join();
    CHECK(bad.items.empty());
    for (auto& x : bad.items)
      MESSAGE(x);
    CHECK(gw.live_sessions() == 50);
  }

  TEST_CASE("four fronts: each GUID keeps one session, all are counted") {
    test::temp_dir dir;
    auto cfg = multi_user_config(sqlite_at(dir.file("s.db")));
    cfg.fronts = 4;
    actors::gateway gw{std::move(cfg)};
    failures bad;
    std::vector<std::thread> threads;
    for (int i = 0; i < 24; ++i)
      threads.emplace_back([&, i] { learner(gw, i, 10, bad); });
    for (auto& t : threads)
      t.join();
    CHECK(bad.items.empty());
    for (auto& x : bad.items)
      MESSAGE(x);
    CHECK(gw.live_sessions() == 24);
    CHECK(gw.stats()->live.value() == 24);
    // Created GUIDs land on every front, not only on the one that made
    // them round robin (each front creates GUIDs of its own shard).
    std::vector<int> per_front(4);
    for (int i = 0; i < 40; ++i)
      ++per_front[actors::front_shard(create(gw), 4)];
    for (auto n : per_front)
      CHECK(n == 10);
    CHECK(gw.live_sessions() == 64);
    // A view goes to the GUID's own front: the same session.
    auto guid = create(gw);
    auto before = gw.view(guid);
    REQUIRE(before.has_value());
    REQUIRE(gw.handle(post_todo(guid, "seen by its front")).status == 201);
    auto seen = gw.view(guid);
    REQUIRE(seen.has_value());
    CHECK(seen->todos.size() == before->todos.size() + 1);
  }

  TEST_CASE("fronts keep a share of --max-live-sessions of at least 1024") {
    CHECK(actors::fronts_for(4, 0) == 4);
    CHECK(actors::fronts_for(4, 100) == 1);
    CHECK(actors::fronts_for(4, 2048) == 2);
    CHECK(actors::fronts_for(4, 100000) == 4);
    CHECK(actors::fronts_for(0, 0) == 1);
  }

  TEST_CASE("idle stops racing live traffic lose neither requests nor data") {
    test::temp_dir dir;
    auto cfg = multi_user_config(sqlite_at(dir.file("s.db")));
    cfg.idle_timeout = 15ms; // sessions stop and reload all the time
    actors::gateway gw{std::move(cfg)};
    failures bad;
    std::vector<std::thread> threads;
    for (int i = 0; i < 16; ++i)
      threads.emplace_back([&, i] { learner(gw, i, 40, bad, 30ms); });
    for (auto& t : threads)
      t.join();
    CHECK(bad.items.empty());
    for (auto& x : bad.items)
      MESSAGE(x);
    CHECK(test::wait_until([&] { return gw.live_sessions() == 0; }));
  }

  TEST_CASE("shutdown saves everything and a restart restores it") {
    test::temp_dir dir;
    auto path = dir.file("s.db");
    std::vector<std::string> guids;
    {
      actors::gateway gw{multi_user_config(sqlite_at(path))};
      for (int i = 0; i < 20; ++i) {
        guids.push_back(create(gw));
        auto res = gw.handle(post_todo(guids.back(), "saved " + guids.back()));
        REQUIRE(res.status == 201);
      }
      // No pause: the last writes are still pending when shutdown starts.
      gw.shutdown();
      CHECK(gw.live_sessions() == 0);
      auto late = gw.handle(get_todos(guids.front()));
      CHECK(late.status == 503);
    }
    actors::gateway gw{multi_user_config(sqlite_at(path))};
    for (const auto& g : guids) {
      auto res = gw.handle(get_todos(g));
      CHECK(res.status == 200);
      CHECK(contains(res.body, "saved " + g));
    }
  }

  TEST_CASE("single-user mode creates the single player at start-up") {
    test::temp_dir dir;
    auto path = dir.file("s.db");
    auto single = [&] {
      actors::gateway_config cfg;
      cfg.scheduler_threads = 2;
      cfg.store = sqlite_at(path);
      return cfg;
    };
    {
      actors::gateway gw{single()};
      CHECK(gw.live_sessions() == 1);
      auto res = gw.handle(post_todo("", "single player todo"));
      CHECK(res.status == 201);
      CHECK(challenger_of(res) == model::single_player_guid);
    }
    actors::gateway gw{single()};
    auto res = gw.handle(get_todos(""));
    CHECK(contains(res.body, "single player todo"));
  }

  TEST_CASE("requests without a challenger need no actor") {
    actors::gateway gw{
      multi_user_config(std::make_unique<storage::null_store>())};
    auto res = gw.handle(get_todos(""));
    CHECK(res.status == 200);
    CHECK(contains(res.body, "scan paperwork"));
    CHECK(gw.live_sessions() == 0);
    SUBCASE("and still work after shutdown") {
      gw.shutdown();
      CHECK(gw.handle(get_todos("")).status == 200);
    }
  }

  TEST_CASE("with --storage none an idle session is gone for good") {
    auto cfg = multi_user_config(std::make_unique<storage::null_store>());
    cfg.idle_timeout = 20ms;
    actors::gateway gw{std::move(cfg)};
    auto guid = create(gw);
    CHECK(gw.handle(post_todo(guid, "ephemeral")).status == 201);
    CHECK(test::wait_until([&] { return gw.live_sessions() == 0; }));
    auto res = gw.handle(get_todos(guid));
    CHECK(challenger_of(res) == "UNKNOWN CHALLENGER - Challenger not found");
    CHECK_FALSE(contains(res.body, "ephemeral"));
  }

  TEST_CASE("errors map to JSON 503 or 500") {
    auto busy = actors::error_response(caf::sec::request_timeout);
    CHECK(busy.status == 503);
    CHECK(busy.content_type == "application/json");
    REQUIRE(busy.header("Retry-After") != nullptr);
    CHECK(actors::error_response(caf::sec::request_receiver_down).status
          == 503);
    CHECK(actors::error_response(actors::app_ec::storage_failed).status == 503);
    CHECK(actors::error_response(actors::app_ec::shutting_down).status == 503);
    auto broken = actors::error_response(actors::app_ec::corrupt_snapshot);
    CHECK(broken.status == 500);
    CHECK(broken.body == R"({"errorMessages":["Internal Server Error"]})");
    CHECK(actors::error_response(caf::sec::unexpected_message).status == 500);
  }

} // TEST_SUITE
