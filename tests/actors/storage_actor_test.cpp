#include "actors/storage_actor.hpp"
#include "fixture.hpp"

#include <doctest/doctest.h>

using namespace std::chrono_literals;
using test::actor_fixture;

namespace {

struct storage_fixture : actor_fixture {
  void put(const std::string& guid, const std::string& snapshot) {
    caf::anon_send(storage, caf::put_atom_v, guid, snapshot);
  }

  std::shared_ptr<test::reply<std::string>> load(const std::string& guid) {
    return ask<std::string>(storage, actors::load_atom_v, guid);
  }

  std::shared_ptr<test::reply<uint64_t>> flush() {
    return ask<uint64_t>(storage, caf::flush_atom_v);
  }

  actors::storage_options ticking() {
    auto opts = storage_options();
    opts.tick = 100ms;
    return opts;
  }
};

} // namespace

TEST_SUITE("actors.storage") {
  TEST_CASE_FIXTURE(storage_fixture, "writes are coalesced per GUID into one "
                                     "transaction a tick") {
    start_storage(ticking());
    put("a", "a1");
    put("a", "a2");
    put("b", "b1");
    put("a", "a3");
    run();
    CHECK(store->batches.empty());
    advance(99ms);
    CHECK(store->batches.empty());
    advance(1ms);
    REQUIRE(store->batches.size() == 1);
    CHECK(store->batches[0] == 2);
    CHECK(store->rows["a"] == "a3");
    CHECK(store->rows["b"] == "b1");
    CHECK(store->stamps["a"] == wall);
    SUBCASE("an idle storage actor arms no timer") {
      CHECK_FALSE(sched->has_pending_timeout());
      advance(1s);
      CHECK(store->batches.size() == 1);
    }
    SUBCASE("the next write arms the next tick") {
      put("b", "b2");
      run();
      advance(100ms);
      REQUIRE(store->batches.size() == 2);
      CHECK(store->batches[1] == 1);
      CHECK(store->rows["b"] == "b2");
    }
  }

  TEST_CASE_FIXTURE(storage_fixture, "ticks keep a fixed schedule while "
                                     "writes are pending") {
    start_storage(ticking());
    // Every commit takes this long (of test time).
    auto commit_time = caf::timespan{30ms};
    store->on_save = [&] { sched->clock().current_time += commit_time; };
    put("a", "a1");
    run();
    advance(100ms); // the first tick: commits from 100 to 130 ms
    REQUIRE(store->batches.size() == 1);
    SUBCASE("a write during or after a commit is due a tick after the last "
            "tick started, not after the commit ended") {
      put("b", "b1"); // at 130 ms
      run();
      advance(69ms); // 199 ms
      CHECK(store->batches.size() == 1);
      advance(1ms); // 200 ms: on the schedule (not at 230 ms)
      REQUIRE(store->batches.size() == 2);
      CHECK(store->rows["b"] == "b1");
    }
    SUBCASE("after a commit that overran its tick the next runs at once") {
      commit_time = 150ms;
      put("b", "b1");
      run();
      advance(70ms); // 200 ms: the second tick commits until 350 ms
      REQUIRE(store->batches.size() == 2);
      put("c", "c1"); // queued during the overlong commit
      run(); // no time passes: committed right away
      REQUIRE(store->batches.size() == 3);
      CHECK(store->rows["c"] == "c1");
    }
    SUBCASE("a write long after the last tick waits one tick to coalesce") {
      advance(1s);
      put("b", "b1");
      run();
      advance(99ms);
      CHECK(store->batches.size() == 1);
      advance(1ms);
      CHECK(store->batches.size() == 2);
    }
    SUBCASE("failing commits retry on the same schedule") {
      store->broken = true;
      put("b", "b1"); // at 130 ms
      run();
      advance(70ms); // 200 ms: fails (until 230 ms)
      CHECK(stats->storage_healthy.value() == 0);
      advance(69ms); // 299 ms
      CHECK(stats->commit_failures.value() == 1);
      advance(1ms); // 300 ms: the retry, on schedule
      CHECK(stats->commit_failures.value() == 2);
      store->broken = false;
      advance(100ms);
      CHECK(store->rows["b"] == "b1");
      CHECK(stats->storage_healthy.value() == 1);
      CHECK(stats->storage_queue.value() == 0);
    }
  }

  TEST_CASE_FIXTURE(storage_fixture, "loads see pending writes first") {
    start_storage(storage_options());
    store->rows["a"] = "stored";
    SUBCASE("stored only") {
      auto r = load("a");
      run();
      REQUIRE(r->value);
      CHECK(*r->value == "stored");
      CHECK(store->loads == 1);
    }
    SUBCASE("pending wins over stored") {
      put("a", "pending");
      auto r = load("a");
      run();
      REQUIRE(r->value);
      CHECK(*r->value == "pending");
      CHECK(store->loads == 0);
    }
    SUBCASE("unknown GUID") {
      auto r = load("nobody");
      run();
      CHECK(r->error == actors::app_ec::no_such_session);
    }
    SUBCASE("store failure") {
      store->failing_loads = 1;
      auto r = load("a");
      run();
      CHECK(r->error == actors::app_ec::storage_failed);
    }
  }

  TEST_CASE_FIXTURE(storage_fixture, "flush commits everything pending now") {
    start_storage(storage_options()); // one-hour tick: only flush commits
    put("a", "a1");
    put("b", "b1");
    auto r = flush();
    run();
    REQUIRE(r->value);
    CHECK(*r->value == 2);
    CHECK(store->batches == std::vector<std::size_t>{2});
    CHECK(store->rows.size() == 2);
    auto again = flush();
    run();
    REQUIRE(again->value);
    CHECK(*again->value == 0);
    CHECK(store->batches.size() == 1);
  }

  TEST_CASE_FIXTURE(storage_fixture,
                    "failed commits are retried and never drop a write") {
    start_storage(ticking());
    store->failing_saves = 2;
    put("a", "a1");
    run();
    advance(100ms); // first attempt fails
    CHECK(store->rows.empty());
    auto pending = load("a");
    auto failed_flush = flush(); // second attempt fails
    run();
    REQUIRE(pending->value);
    CHECK(*pending->value == "a1");
    CHECK(failed_flush->error == actors::app_ec::storage_failed);
    CHECK(store->rows.empty());
    put("a", "a2"); // newer write for the same GUID while failing
    run();
    advance(100ms); // third attempt succeeds
    CHECK(store->rows["a"] == "a2");
    CHECK(store->batches == std::vector<std::size_t>{1});
    CHECK_FALSE(sched->has_pending_timeout());
  }

  TEST_CASE_FIXTURE(storage_fixture, "pending writes are committed on exit") {
    start_storage(storage_options());
    put("a", "a1");
    run();
    caf::anon_send_exit(storage, caf::exit_reason::user_shutdown);
    run();
    CHECK(store->rows["a"] == "a1");
  }

  TEST_CASE_FIXTURE(storage_fixture,
                    "the retention sweep deletes sessions unused too long") {
    auto opts = storage_options();
    opts.retention = std::chrono::hours(24 * 7);
    opts.sweep_interval = std::chrono::hours(1);
    store->rows = {{"old", "1"}, {"recent", "2"}};
    store->stamps = {{"old", wall - std::chrono::hours(24 * 8)},
                     {"recent", wall - std::chrono::hours(24 * 6)}};
    start_storage(opts); // sweeps at start-up
    REQUIRE(store->expire_calls.size() == 1);
    CHECK(store->expire_calls[0] == wall - std::chrono::hours(24 * 7));
    CHECK(store->rows.count("old") == 0);
    CHECK(store->rows.count("recent") == 1);
    wall += std::chrono::hours(24 * 2);
    advance(std::chrono::minutes(59));
    CHECK(store->expire_calls.size() == 1);
    advance(std::chrono::minutes(1));
    REQUIRE(store->expire_calls.size() == 2);
    CHECK(store->rows.count("recent") == 0);
    CHECK(stats->deleted_by_retention.value() == 2);
  }

  TEST_CASE_FIXTURE(storage_fixture, "the queue depth and commits are "
                                     "counted") {
    start_storage(storage_options());
    put("a", "a1");
    put("b", "b1");
    put("a", "a2");
    run();
    CHECK(stats->storage_queue.value() == 2);
    CHECK(stats->commits.value() == 0);
    store->failing_saves = 1;
    auto failed = flush();
    run();
    CHECK_FALSE(failed->value);
    CHECK(stats->commit_failures.value() == 1);
    CHECK(stats->storage_queue.value() == 2);
    auto ok = flush();
    run();
    REQUIRE(ok->value);
    CHECK(stats->storage_queue.value() == 0);
    CHECK(stats->commits.value() == 1);
    CHECK(stats->snapshots_written.value() == 2);
    CHECK(stats->commit_latency.read().count == 2);
  }

  TEST_CASE_FIXTURE(storage_fixture, "a zero retention never sweeps") {
    start_storage(storage_options());
    advance(std::chrono::hours(24 * 30));
    CHECK(store->expire_calls.empty());
  }

} // TEST_SUITE
