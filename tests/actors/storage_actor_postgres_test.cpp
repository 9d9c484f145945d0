// The storage actor on a real PostgreSQL that goes away and comes back:
// writes stay pending (and loads see them) while commits fail, and every
// one of them is written once the server is back, with no restart.

#include "actors/storage_actor.hpp"
#include "fixture.hpp"
#include "storage/postgres_store.hpp"
#include "support/postgres.hpp"

#include <doctest/doctest.h>

#include <thread>

using namespace std::chrono_literals;

namespace {

struct postgres_storage_fixture : test::actor_fixture {
  test::pg_database db;

  void put(const std::string& guid, const std::string& snapshot) {
    caf::anon_send(storage, caf::put_atom_v, guid, snapshot);
  }

  std::optional<std::string> stored(const std::string& guid) {
    return db.exec("SELECT snapshot FROM sessions WHERE guid = '" + guid + "'");
  }

  void start_postgres_storage() {
    auto res = storage::postgres_store::open(db.conninfo());
    REQUIRE_MESSAGE(res.has_value(), res.err().message);
    auto opts = storage_options();
    opts.tick = 100ms;
    storage = sys->spawn(actors::storage_impl,
                         std::shared_ptr<storage::store>(std::move(*res)),
                         std::move(opts));
    run();
  }

  /// A storage actor of node `id` with leases of `period` on this
  /// database, counting into `counters`; commit ticks of `tick` (the
  /// default: only explicit flushes commit).
  actors::storage_actor start_node(
    const std::string& id, std::chrono::milliseconds period,
    std::shared_ptr<metrics::session_stats> counters,
    std::chrono::milliseconds tick = std::chrono::hours(1)) {
    auto res = storage::postgres_store::open(db.conninfo());
    REQUIRE_MESSAGE(res.has_value(), res.err().message);
    (*res)->use_leases(id, period);
    auto opts = storage_options();
    opts.stats = std::move(counters);
    opts.tick = tick;
    opts.lease = actors::lease_timing::of(period, opts.tick);
    auto hdl = sys->spawn(actors::storage_impl,
                          std::shared_ptr<storage::store>(std::move(*res)),
                          std::move(opts));
    run();
    return hdl;
  }

  /// Runs `node`'s renewal passes (the test clock) while real time
  /// passes, until `done()` or `limit` of real time.
  template <class Predicate>
  bool renew_until(std::chrono::milliseconds every, Predicate done,
                   std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline)
        return false;
      advance(every);
      std::this_thread::sleep_for(every / 4);
    }
    return true;
  }

  std::optional<std::string> owner(const std::string& guid) {
    return db.exec("SELECT owner FROM sessions WHERE guid = '" + guid + "'");
  }
};

} // namespace

TEST_SUITE("actors.storage.postgres") {
  TEST_CASE_FIXTURE(postgres_storage_fixture,
                    "pending writes survive a PostgreSQL outage and are all "
                    "written once it is back") {
    start_postgres_storage();
    put("a", "a1");
    put("b", "b1");
    run();
    advance(100ms);
    CHECK(stored("a") == "a1");
    CHECK(stats->commits.value() == 1);
    {
      test::pg_outage outage;
      put("a", "a2");
      put("c", "c1");
      run();
      advance(100ms); // fails
      CHECK(stats->commit_failures.value() == 1);
      CHECK(stats->storage_healthy.value() == 0);
      CHECK(stats->storage_queue.value() == 2);
      // Loads are answered from the pending writes meanwhile.
      auto r = ask<std::string>(storage, actors::load_atom_v, std::string{"c"});
      run();
      REQUIRE(r->value);
      CHECK(*r->value == "c1");
      put("d", "d1");
      run();
      advance(100ms); // fails again, retried on schedule
      CHECK(stats->commit_failures.value() == 2);
      CHECK(stats->storage_queue.value() == 3);
      outage.end();
    }
    advance(100ms);
    CHECK(stats->storage_healthy.value() == 1);
    CHECK(stats->storage_queue.value() == 0);
    CHECK(stats->commit_failures.value() == 2);
    CHECK(stored("a") == "a2");
    CHECK(stored("b") == "b1");
    CHECK(stored("c") == "c1");
    CHECK(stored("d") == "d1");
    CHECK_FALSE(sched->has_pending_timeout());
  }

  TEST_CASE_FIXTURE(postgres_storage_fixture,
                    "two nodes' storage actors: one lease at a time, stale "
                    "writes refused and counted, release and shutdown free "
                    "the lease") {
    auto stats_a = std::make_shared<metrics::session_stats>();
    auto stats_b = std::make_shared<metrics::session_stats>();
    auto a = start_node("node-a", 60000ms, stats_a);
    auto b = start_node("node-b", 60000ms, stats_b);
    const std::string g = "g";
    // Created without a lease.
    auto made = ask<actors::lease_ptr>(a, actors::create_atom_v, g,
                                       std::string{"s0"});
    run();
    REQUIRE(made->value);
    CHECK(*made->value != nullptr);
    CHECK(stored(g) == "s0");
    CHECK_FALSE(owner(g).has_value());
    // a takes it; b is told another node holds it.
    auto ta = ask<actors::take_reply>(a, actors::take_atom_v, g);
    run();
    REQUIRE(ta->value);
    CHECK(ta->value->snapshot == "s0");
    auto held_a = ta->value->held;
    REQUIRE(held_a);
    CHECK(held_a->fresh(1000ms));
    CHECK(owner(g) == "node-a");
    auto tb = ask<actors::take_reply>(b, actors::take_atom_v, g);
    run();
    CHECK(tb->error == actors::app_ec::session_busy);
    CHECK(stats_b->lease_waits.value() == 1);
    // a's write lands (fenced by its version).
    caf::anon_send(a, caf::put_atom_v, g, std::string{"s1"});
    auto fa = ask<uint64_t>(a, caf::flush_atom_v);
    run();
    REQUIRE(fa->value);
    CHECK(*fa->value == 1);
    CHECK(stored(g) == "s1");
    // b writing without the lease is refused and counted.
    caf::anon_send(b, caf::put_atom_v, g, std::string{"stale"});
    auto fb = ask<uint64_t>(b, caf::flush_atom_v);
    run();
    REQUIRE(fb->value);
    CHECK(*fb->value == 0);
    CHECK(stats_b->writes_refused.value() == 1);
    CHECK(stored(g) == "s1");
    // a releases: b takes it at once and sees a's last write.
    caf::anon_send(a, actors::release_atom_v, held_a);
    run();
    CHECK_FALSE(owner(g).has_value());
    auto tb2 = ask<actors::take_reply>(b, actors::take_atom_v, g);
    run();
    REQUIRE(tb2->value);
    CHECK(tb2->value->snapshot == "s1");
    CHECK(owner(g) == "node-b");
    // a's cached copy is stale: its re-take is refused and marks it lost.
    auto ra = ask<bool>(a, actors::take_atom_v, held_a);
    run();
    REQUIRE(ra->value);
    CHECK_FALSE(*ra->value);
    CHECK(held_a->lost.load());
    CHECK_FALSE(held_a->fresh(0ms));
    CHECK(stats_a->leases_lost.value() == 1);
    // b's shutdown releases its leases.
    caf::anon_send_exit(b, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    run();
    CHECK_FALSE(owner(g).has_value());
    CHECK(stored(g) == "s1");
  }

  TEST_CASE_FIXTURE(postgres_storage_fixture,
                    "a quiet live session keeps its lease, renewed in the "
                    "background, until another node asks for it") {
    auto stats_a = std::make_shared<metrics::session_stats>();
    auto stats_b = std::make_shared<metrics::session_stats>();
    const auto period = 1000ms;
    const auto tick = 50ms;
    auto timing = actors::lease_timing::of(period, tick);
    auto a = start_node("node-a", period, stats_a, tick);
    auto b = start_node("node-b", period, stats_b, tick);
    const std::string g = "g";
    auto made = ask<actors::lease_ptr>(a, actors::create_atom_v, g,
                                       std::string{"s0"});
    run();
    REQUIRE(made->value);
    auto ta = ask<actors::take_reply>(a, actors::take_atom_v, g);
    run();
    REQUIRE(ta->value);
    auto held_a = ta->value->held;
    // No request for three lease periods: the lease never lapses.
    auto quiet_until = actors::lease_now() + 3 * 1000000000LL;
    bool fresh_all_along = true;
    REQUIRE(renew_until(
      timing.renew_every,
      [&] {
        fresh_all_along = fresh_all_along && held_a->fresh(timing.margin);
        return actors::lease_now() > quiet_until;
      },
      10000ms));
    CHECK(fresh_all_along);
    CHECK(held_a->fresh(timing.margin));
    CHECK(owner(g) == "node-a");
    CHECK(db.exec("SELECT lease_until > now() FROM sessions WHERE guid = 'g'")
          == "t");
    CHECK(stats_a->leases_lost.value() == 0);
    // b asks for it: busy at first, then a lets the quiet session's lease
    // lapse and b gets it within about a period.
    auto tb = ask<actors::take_reply>(b, actors::take_atom_v, g);
    run();
    CHECK(tb->error == actors::app_ec::session_busy);
    std::shared_ptr<test::reply<actors::take_reply>> got;
    REQUIRE(renew_until(
      timing.renew_every,
      [&] {
        got = ask<actors::take_reply>(b, actors::take_atom_v, g);
        run();
        return got->value.has_value();
      },
      5000ms));
    CHECK(got->value->snapshot == "s0");
    CHECK(owner(g) == "node-b");
    // a's copy was not dropped behind its back, but a request there now
    // finds it stale: the re-take is refused.
    CHECK_FALSE(held_a->fresh(timing.margin));
    auto ra = ask<bool>(a, actors::take_atom_v, held_a);
    run();
    REQUIRE(ra->value);
    CHECK_FALSE(*ra->value);
    CHECK(stats_a->leases_lost.value() == 1);
    caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(b, caf::exit_reason::user_shutdown);
    run();
  }

  TEST_CASE_FIXTURE(postgres_storage_fixture,
                    "takes that arrive together are answered from one "
                    "batch, each on its own") {
    auto stats_a = std::make_shared<metrics::session_stats>();
    auto stats_b = std::make_shared<metrics::session_stats>();
    auto a = start_node("node-a", 60000ms, stats_a);
    auto b = start_node("node-b", 60000ms, stats_b);
    for (std::string g : {"g1", "g2", "g3"}) {
      auto made = ask<actors::lease_ptr>(a, actors::create_atom_v, g, "s-" + g);
      run();
      REQUIRE(made->value);
    }
    auto tb = ask<actors::take_reply>(b, actors::take_atom_v,
                                      std::string{"g3"});
    run();
    REQUIRE(tb->value);
    auto t1 = ask<actors::take_reply>(a, actors::take_atom_v,
                                      std::string{"g1"});
    auto t2 = ask<actors::take_reply>(a, actors::take_atom_v,
                                      std::string{"g2"});
    auto t3 = ask<actors::take_reply>(a, actors::take_atom_v,
                                      std::string{"g3"});
    auto t4 = ask<actors::take_reply>(a, actors::take_atom_v,
                                      std::string{"nope"});
    run();
    REQUIRE(t1->value);
    CHECK(t1->value->snapshot == "s-g1");
    REQUIRE(t2->value);
    CHECK(t2->value->snapshot == "s-g2");
    CHECK(owner("g2") == "node-a");
    CHECK(t3->error == actors::app_ec::session_busy);
    CHECK(t4->error == actors::app_ec::no_such_session);
    CHECK(stats_a->lease_waits.value() == 1);
    // Re-takes batch too: both at the version held, both still ours.
    auto r1 = ask<bool>(a, actors::take_atom_v, t1->value->held);
    auto r2 = ask<bool>(a, actors::take_atom_v, t2->value->held);
    run();
    REQUIRE(r1->value);
    CHECK(*r1->value);
    REQUIRE(r2->value);
    CHECK(*r2->value);
    CHECK(stats_a->leases_lost.value() == 0);
    caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(b, caf::exit_reason::user_shutdown);
    run();
  }
}
