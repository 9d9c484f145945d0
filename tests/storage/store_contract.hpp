#pragma once

// What every durable `storage::store` must do, written once and run against
// each backend. A backend file defines a type `B` with `open()` (opens the
// same database again on every call, failing the test on error) and
// invokes each case, e.g.
//
//     TEST_CASE_TEMPLATE_INVOKE(store_round_trip, sqlite_backend);

#include "storage/store.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace test::contract {

using namespace std::chrono_literals;
using storage::clock;

/// A fixed point in time, so that expiry is exact.
inline const clock::time_point t0 = clock::time_point{} + 1700000000s;

inline std::optional<std::string> load_ok(storage::store& st,
                                          const std::string& guid) {
  auto res = st.load(guid);
  REQUIRE_MESSAGE(res.has_value(), res.err().message);
  return *res;
}

inline void save_ok(storage::store& st, const storage::batch& xs) {
  auto res = st.save(xs);
  REQUIRE_MESSAGE(res.has_value(), res.err().message);
}

} // namespace test::contract

TEST_CASE_TEMPLATE_DEFINE("snapshots round-trip and survive reopening", B,
                          store_round_trip) {
  using namespace test::contract;
  B backend;
  {
    auto st = backend.open();
    CHECK(st->persistent());
    CHECK_FALSE(load_ok(*st, "a").has_value());
    save_ok(*st, {{"a", "{\"v\":1}", t0}, {"b", "{\"v\":2}", t0}});
    save_ok(*st, {{"a", "{\"v\":3}", t0 + 1s}});
    CHECK(load_ok(*st, "a") == std::optional<std::string>{"{\"v\":3}"});
    CHECK(load_ok(*st, "b") == std::optional<std::string>{"{\"v\":2}"});
    CHECK(st->save({}).has_value());
  }
  auto st = backend.open();
  CHECK(load_ok(*st, "a") == std::optional<std::string>{"{\"v\":3}"});
  CHECK(load_ok(*st, "b") == std::optional<std::string>{"{\"v\":2}"});
}

TEST_CASE_TEMPLATE_DEFINE("snapshots keep every byte of their text", B,
                          store_exact_text) {
  using namespace test::contract;
  B backend;
  auto st = backend.open();
  std::string big(300000, 'x');
  const std::string tricky = "{\"t\":\"quote \\\" backslash \\\\ "
                             "comma, brace } tab\\t \xc3\xa9 \xe2\x82\xac\"}";
  save_ok(*st, {{"big", big, t0}, {"tricky", tricky, t0}, {"empty", "", t0}});
  CHECK(load_ok(*st, "big") == std::optional<std::string>{big});
  CHECK(load_ok(*st, "tricky") == std::optional<std::string>{tricky});
  CHECK(load_ok(*st, "empty") == std::optional<std::string>{""});
}

TEST_CASE_TEMPLATE_DEFINE("GUIDs are bound parameters, never SQL text", B,
                          store_bound_parameters) {
  using namespace test::contract;
  B backend;
  auto st = backend.open();
  const std::string evil = "x'); DROP TABLE session; DROP TABLE sessions; --";
  save_ok(*st, {{evil, "s1", t0}, {"plain", "s2", t0}});
  CHECK(load_ok(*st, evil) == std::optional<std::string>{"s1"});
  CHECK(load_ok(*st, "plain") == std::optional<std::string>{"s2"});
  CHECK_FALSE(load_ok(*st, "x").has_value());
  REQUIRE(st->erase(evil));
  CHECK_FALSE(load_ok(*st, evil).has_value());
  CHECK(load_ok(*st, "plain").has_value());
}

TEST_CASE_TEMPLATE_DEFINE("a GUID twice in one batch: the last record wins", B,
                          store_duplicate_guid) {
  using namespace test::contract;
  B backend;
  auto st = backend.open();
  save_ok(*st, {{"a", "1", t0}, {"b", "2", t0}, {"a", "3", t0 + 1s}});
  CHECK(load_ok(*st, "a") == std::optional<std::string>{"3"});
  CHECK(load_ok(*st, "b") == std::optional<std::string>{"2"});
}

TEST_CASE_TEMPLATE_DEFINE("erase removes one session and tolerates unknown "
                          "GUIDs",
                          B, store_erase) {
  using namespace test::contract;
  B backend;
  auto st = backend.open();
  save_ok(*st, {{"a", "1", t0}, {"b", "2", t0}});
  REQUIRE(st->erase("a"));
  REQUIRE(st->erase("nobody"));
  CHECK_FALSE(load_ok(*st, "a").has_value());
  CHECK(load_ok(*st, "b").has_value());
}

TEST_CASE_TEMPLATE_DEFINE("expire deletes exactly the sessions last used "
                          "before the cutoff",
                          B, store_expire) {
  using namespace test::contract;
  B backend;
  auto st = backend.open();
  save_ok(*st,
          {{"old", "1", t0 - 10s}, {"edge", "2", t0}, {"new", "3", t0 + 10s}});
  auto n = st->expire(t0);
  REQUIRE_MESSAGE(n.has_value(), n.err().message);
  CHECK(*n == 1);
  CHECK_FALSE(load_ok(*st, "old").has_value());
  CHECK(load_ok(*st, "edge").has_value());
  CHECK(load_ok(*st, "new").has_value());
  SUBCASE("saving again refreshes the stamp") {
    save_ok(*st, {{"edge", "2", t0 + 20s}});
    auto m = st->expire(t0 + 15s);
    REQUIRE(m.has_value());
    CHECK(*m == 1);
    CHECK(load_ok(*st, "edge").has_value());
    CHECK_FALSE(load_ok(*st, "new").has_value());
  }
  SUBCASE("nothing to expire") {
    auto m = st->expire(t0 - 1h);
    REQUIRE(m.has_value());
    CHECK(*m == 0);
  }
}
