#include "actors/gateway.hpp"
#include "fixture.hpp"
#include "storage/sqlite_store.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

// Sessions that leave all the time under real threads: the front hands
// every request that meets a leaving session to a new one, so no request
// fails and nothing retries.

using namespace std::chrono_literals;
using test::challenger_of;
using test::contains;
using test::get_todos;
using test::make_request;
using test::post_todo;

TEST_SUITE("actors.leaving") {
  TEST_CASE("sessions that stop after 1 ms of quiet never fail a request") {
    test::temp_dir dir;
    auto store = storage::sqlite_store::open(dir.file("s.db"));
    REQUIRE(store.has_value());
    actors::gateway_config cfg;
    cfg.api.mode = model::user_mode::multi_user;
    cfg.scheduler_threads = 2;
    cfg.idle_timeout = 1ms; // nearly every request meets a leaving session
    cfg.store = std::move(*store);
    actors::gateway gw{std::move(cfg)};
    constexpr int threads = 24;
    constexpr int rounds = 40;
    std::atomic<int> failed{0};
    std::atomic<int> served{0};
    std::mutex mtx;
    std::vector<std::string> first_failures;
    auto fail = [&](std::string what) {
      ++failed;
      std::lock_guard<std::mutex> guard{mtx};
      if (first_failures.size() < 10)
        first_failures.push_back(std::move(what));
    };
    auto worker = [&](int id) {
      auto res = gw.handle(make_request("POST", "/challenger"));
      if (res.status != 201) {
        fail("create: " + std::to_string(res.status) + " " + res.body);
        return;
      }
      auto guid = challenger_of(res);
      // With 1 ms of idle time the session leaves between this thread's
      // requests, and the next request often meets it while it leaves.
      auto mine = "t" + std::to_string(id) + "-";
      std::mt19937 rng(static_cast<unsigned>(id));
      std::uniform_int_distribution<int> pause_us(0, 4000);
      for (int i = 0; i < rounds; ++i) {
        // Pauses of up to 4 ms: some outlast the session's flush, so it
        // leaves rather than being kept by the next request.
        std::this_thread::sleep_for(std::chrono::microseconds(pause_us(rng)));
        auto title = mine + std::to_string(i);
        auto created = gw.handle(post_todo(guid, title));
        if (created.status != 201) {
          fail(title + ": POST " + std::to_string(created.status) + " "
               + created.body);
          continue;
        }
        auto list = gw.handle(get_todos(guid));
        if (list.status != 200 || !contains(list.body, '"' + title + '"'))
          fail(title + ": GET " + std::to_string(list.status) + " "
               + list.body);
        auto id_pos = created.body.find("\"id\":");
        auto todo_id = std::stoi(created.body.substr(id_pos + 5));
        auto del = gw.handle(
          make_request("DELETE", "/todos/" + std::to_string(todo_id), guid));
        if (del.status != 200)
          fail(title + ": DELETE " + std::to_string(del.status));
        served += 3;
      }
    };
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i)
      pool.emplace_back(worker, i);
    for (auto& t : pool)
      t.join();
    for (auto& x : first_failures)
      MESSAGE(x);
    CHECK(failed.load() == 0);
    CHECK(served.load() == threads * rounds * 3);
    // Sessions did stop and reload meanwhile: the stress was real.
    auto stats = gw.stats();
    MESSAGE("stopped " << stats->stopped_idle.value() << ", restored "
                       << stats->restored.value());
    CHECK(stats->stopped_idle.value() > 0);
    CHECK(stats->restored.value() > 0);
  }
}
