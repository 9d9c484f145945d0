// The storage actor on a real PostgreSQL that goes away and comes back:
// writes stay pending (and loads see them) while commits fail, and every
// one of them is written once the server is back, with no restart.

#include "actors/storage_actor.hpp"
#include "fixture.hpp"
#include "storage/postgres_store.hpp"
#include "support/postgres.hpp"

#include <doctest/doctest.h>

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
}
