// Per-session leases and fenced writes of storage::postgres_store: two
// store objects with different node ids on one database stand for two
// nodes (see docs/ARCHITECTURE.md, "Several nodes").

#include "storage/postgres_store.hpp"
#include "support/postgres.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

using namespace std::chrono_literals;
using storage::lease_status;

namespace {

const auto t0 = storage::clock::time_point{} + 1700000000s;

std::unique_ptr<storage::postgres_store> node(const test::pg_database& db,
                                              const std::string& id,
                                              std::chrono::milliseconds lease) {
  auto res = storage::postgres_store::open(db.conninfo());
  if (!res)
    FAIL("open failed: " << res.err().message);
  (*res)->use_leases(id, lease);
  return std::move(*res);
}

storage::lease_grant take_ok(storage::store& st, const std::string& guid,
                             std::optional<int64_t> held = std::nullopt) {
  auto res = st.take(guid, held);
  if (!res)
    FAIL("take failed: " << res.err().message);
  return *res;
}

storage::write_result write_ok(storage::store& st, const storage::batch& xs) {
  auto res = st.write(xs);
  if (!res)
    FAIL("write failed: " << res.err().message);
  return *res;
}

/// Creates session `guid` (no lease) and returns its version.
int64_t create(storage::store& st, const std::string& guid,
               const std::string& text) {
  auto res = write_ok(st, {{guid, text, t0, -1}});
  REQUIRE(res.refused.empty());
  REQUIRE(res.written.size() == 1);
  return res.written[0].second;
}

/// Polls `take` until it is granted or `limit` passed.
storage::lease_grant take_within(storage::store& st, const std::string& guid,
                                 std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    auto res = take_ok(st, guid);
    if (res.status != lease_status::busy
        || std::chrono::steady_clock::now() > deadline)
      return res;
    std::this_thread::sleep_for(20ms);
  }
}

} // namespace

TEST_SUITE("storage.postgres.leases") {
  TEST_CASE("a second node is refused while the first holds a live lease, "
            "and granted after it expires") {
    test::pg_database db;
    auto a = node(db, "node-a", 1000ms);
    auto b = node(db, "node-b", 1000ms);
    auto v0 = create(*a, "g", "{\"v\":0}");
    CHECK(take_ok(*a, "missing").status == lease_status::missing);
    auto got = take_ok(*a, "g");
    REQUIRE(got.status == lease_status::granted);
    CHECK(got.snapshot == "{\"v\":0}");
    CHECK(got.version == v0);
    CHECK(db.exec("SELECT owner FROM sessions WHERE guid = 'g'")
          == std::optional<std::string>{"node-a"});
    auto started = std::chrono::steady_clock::now();
    CHECK(take_ok(*b, "g").status == lease_status::busy);
    // Taking it again is fine for its holder.
    CHECK(take_ok(*a, "g").status == lease_status::granted);
    auto later = take_within(*b, "g", 5000ms);
    REQUIRE(later.status == lease_status::granted);
    // Not before the lease (renewed by a's second take) ran out.
    CHECK(std::chrono::steady_clock::now() - started >= 900ms);
    CHECK(later.snapshot == "{\"v\":0}");
    // Now a is the one refused; its re-take fails too.
    CHECK(take_ok(*a, "g").status == lease_status::busy);
    CHECK(take_ok(*a, "g", v0).status == lease_status::busy);
  }

  TEST_CASE("a fenced write needs the owner and the version it holds") {
    test::pg_database db;
    auto a = node(db, "node-a", 10000ms);
    auto b = node(db, "node-b", 10000ms);
    auto v0 = create(*a, "g", "{\"v\":0}");
    // Not leased by anyone yet: refused.
    CHECK(write_ok(*a, {{"g", "{\"v\":1}", t0, v0}}).refused
          == std::vector<std::string>{"g"});
    REQUIRE(take_ok(*a, "g").status == lease_status::granted);
    auto w = write_ok(*a, {{"g", "{\"v\":1}", t0, v0}});
    REQUIRE(w.refused.empty());
    REQUIRE(w.written.size() == 1);
    auto v1 = w.written[0].second;
    CHECK(v1 == v0 + 1);
    // A stale version is refused, the row keeps the newer snapshot.
    CHECK(write_ok(*a, {{"g", "{\"v\":9}", t0, v0}}).refused
          == std::vector<std::string>{"g"});
    CHECK(db.exec("SELECT snapshot FROM sessions WHERE guid = 'g'")
          == std::optional<std::string>{"{\"v\":1}"});
    // Another node's write, at the right version but without the lease.
    CHECK(write_ok(*b, {{"g", "{\"v\":8}", t0, v1}}).refused
          == std::vector<std::string>{"g"});
    // Creating a GUID that exists is refused, not an overwrite.
    CHECK(write_ok(*b, {{"g", "{\"v\":7}", t0, -1}}).refused
          == std::vector<std::string>{"g"});
    // Fenced and new records in one batch: each judged on its own.
    auto mixed = write_ok(*a,
                          {{"g", "{\"v\":2}", t0, v1}, {"h", "{}", t0, -1}});
    CHECK(mixed.refused.empty());
    CHECK(mixed.written.size() == 2);
    CHECK(db.exec("SELECT snapshot FROM sessions WHERE guid = 'g'")
          == std::optional<std::string>{"{\"v\":2}"});
  }

  TEST_CASE("after losing the lease a node's write is refused and its "
            "re-take reports the row moved") {
    test::pg_database db;
    auto a = node(db, "node-a", 300ms);
    auto b = node(db, "node-b", 10000ms);
    auto v0 = create(*a, "g", "{\"v\":0}");
    REQUIRE(take_ok(*a, "g").status == lease_status::granted);
    // a lets its lease lapse; b takes over and writes.
    auto got = take_within(*b, "g", 5000ms);
    REQUIRE(got.status == lease_status::granted);
    auto w = write_ok(*b, {{"g", "{\"v\":1}", t0, got.version}});
    REQUIRE(w.refused.empty());
    CHECK(write_ok(*a, {{"g", "{\"v\":9}", t0, v0}}).refused
          == std::vector<std::string>{"g"});
    auto renewed = a->renew({{"g", false}});
    REQUIRE(renewed);
    CHECK(renewed->renewed.empty());
    CHECK(renewed->yielded.empty());
    REQUIRE(b->release({"g"}));
    CHECK(take_ok(*a, "g", v0).status == lease_status::moved);
    CHECK(db.exec("SELECT snapshot FROM sessions WHERE guid = 'g'")
          == std::optional<std::string>{"{\"v\":1}"});
  }

  TEST_CASE("renewal keeps the lease past its period, release frees it at "
            "once") {
    test::pg_database db;
    auto a = node(db, "node-a", 500ms);
    auto b = node(db, "node-b", 500ms);
    create(*a, "g", "{}");
    REQUIRE(take_ok(*a, "g").status == lease_status::granted);
    auto until = std::chrono::steady_clock::now() + 1500ms;
    while (std::chrono::steady_clock::now() < until) {
      auto res = a->renew({{"g", false}, {"not-mine", false}});
      REQUIRE(res);
      CHECK(res->renewed == std::vector<std::string>{"g"});
      CHECK(res->yielded.empty());
      CHECK(take_ok(*b, "g").status == lease_status::busy);
      std::this_thread::sleep_for(100ms);
    }
    REQUIRE(a->release({"g"}));
    CHECK(db.exec("SELECT owner IS NULL FROM sessions WHERE guid = 'g'")
          == std::optional<std::string>{"t"});
    CHECK(take_ok(*b, "g").status == lease_status::granted);
  }

  TEST_CASE("takes in one batch: each GUID judged on its own, a busy one "
            "asked for") {
    test::pg_database db;
    auto a = node(db, "node-a", 10000ms);
    auto b = node(db, "node-b", 10000ms);
    for (auto g : {"g1", "g2", "g3"})
      create(*a, g, std::string{"{\"s\":\""} + g + "\"}");
    REQUIRE(take_ok(*b, "g3").status == lease_status::granted);
    CHECK(db.exec("SELECT wanted_until IS NULL FROM sessions WHERE guid = "
                  "'g3'")
          == std::optional<std::string>{"t"});
    auto res = a->take_all({{"g2", std::nullopt},
                            {"g3", std::nullopt},
                            {"missing", std::nullopt},
                            {"g1", std::nullopt},
                            {"g1", std::nullopt}});
    REQUIRE(res);
    REQUIRE(res->size() == 5);
    auto& xs = *res;
    CHECK(xs[0].status == lease_status::granted);
    CHECK(xs[0].snapshot == "{\"s\":\"g2\"}");
    CHECK(xs[1].status == lease_status::busy);
    CHECK(xs[2].status == lease_status::missing);
    CHECK(xs[3].status == lease_status::granted);
    CHECK(xs[3].snapshot == "{\"s\":\"g1\"}");
    // Asked twice: both granted (the holder may take again).
    CHECK(xs[4].status == lease_status::granted);
    CHECK(xs[4].version == xs[3].version);
    // a asked for g3: b's quiet session will give way.
    CHECK(db.exec("SELECT wanted_until > now() FROM sessions WHERE guid = "
                  "'g3'")
          == std::optional<std::string>{"t"});
    CHECK(db.exec("SELECT owner FROM sessions WHERE guid = 'g3'")
          == std::optional<std::string>{"node-b"});
    // Re-takes in one batch: at the version held (granted), at an older
    // one (moved).
    auto v2 = xs[0].version;
    auto w = write_ok(*a, {{"g2", "{\"v\":1}", t0, v2}});
    REQUIRE(w.refused.empty());
    auto again = a->take_all({{"g1", xs[3].version}, {"g2", v2}});
    REQUIRE(again);
    CHECK((*again)[0].status == lease_status::granted);
    CHECK((*again)[0].snapshot.empty());
    CHECK((*again)[1].status == lease_status::moved);
  }

  TEST_CASE("renewal: a quiet session gives way to a node that asked for "
            "it, a busy one keeps its lease") {
    test::pg_database db;
    auto a = node(db, "node-a", 600ms);
    auto b = node(db, "node-b", 600ms);
    create(*a, "g", "{}");
    REQUIRE(take_ok(*a, "g").status == lease_status::granted);
    // Nobody asked: a quiet session is renewed like any other.
    auto r1 = a->renew({{"g", true}});
    REQUIRE(r1);
    CHECK(r1->renewed == std::vector<std::string>{"g"});
    // b asks; a session with recent requests keeps it anyway.
    CHECK(take_ok(*b, "g").status == lease_status::busy);
    auto r2 = a->renew({{"g", false}});
    REQUIRE(r2);
    CHECK(r2->renewed == std::vector<std::string>{"g"});
    // Quiet now: still a's, but the lease is left to lapse.
    auto before = db.exec("SELECT lease_until FROM sessions WHERE guid = 'g'");
    CHECK(take_ok(*b, "g").status == lease_status::busy);
    auto r3 = a->renew({{"g", true}});
    REQUIRE(r3);
    CHECK(r3->renewed.empty());
    CHECK(r3->yielded == std::vector<std::string>{"g"});
    CHECK(db.exec("SELECT lease_until FROM sessions WHERE guid = 'g'")
          == before);
    auto got = take_within(*b, "g", 5000ms);
    REQUIRE(got.status == lease_status::granted);
    CHECK(db.exec("SELECT owner || ' ' || (wanted_until IS NULL) FROM "
                  "sessions WHERE guid = 'g'")
          == std::optional<std::string>{"node-b true"});
    // No longer a's: neither renewed nor yielded.
    auto r4 = a->renew({{"g", false}});
    REQUIRE(r4);
    CHECK(r4->renewed.empty());
    CHECK(r4->yielded.empty());
  }

  TEST_CASE("without use_leases the store is a single node's") {
    test::pg_database db;
    auto res = storage::postgres_store::open(db.conninfo());
    REQUIRE(res);
    auto& st = **res;
    CHECK_FALSE(st.leases());
    REQUIRE(st.save({{"g", "{}", t0}}));
    auto got = take_ok(st, "g");
    CHECK(got.status == lease_status::granted);
    CHECK(got.snapshot == "{}");
    // Saves overwrite, as before.
    auto w = write_ok(st, {{"g", "{\"v\":1}", t0, 42}});
    CHECK(w.refused.empty());
    CHECK(db.exec("SELECT snapshot FROM sessions WHERE guid = 'g'")
          == std::optional<std::string>{"{\"v\":1}"});
  }
}
