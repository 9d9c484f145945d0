// storage::postgres_store against a real PostgreSQL 15 (the test server of
// tests/support/postgres.hpp): the shared store cases, the schema and its
// version, connection errors, and recovery when the server goes away.

#include "storage/postgres_store.hpp"
#include "storage/store_contract.hpp"
#include "support/postgres.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace std::chrono_literals;
using test::contract::load_ok;
using test::contract::save_ok;
using test::contract::t0;

namespace {

std::unique_ptr<storage::postgres_store> open_ok(const std::string& conninfo) {
  auto res = storage::postgres_store::open(conninfo);
  if (!res)
    FAIL("open failed: " << res.err().message);
  return std::move(*res);
}

/// The backend of the shared store cases: one database per test.
struct postgres_backend {
  test::pg_database db;

  std::unique_ptr<storage::store> open() {
    return open_ok(db.conninfo());
  }
};

/// A TCP port on 127.0.0.1 that nothing listens on (just released).
int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  socklen_t len = sizeof(addr);
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

/// The error of opening `conninfo`; fails the test when it opens.
std::string open_error(const std::string& conninfo) {
  auto res = storage::postgres_store::open(conninfo);
  REQUIRE_FALSE(res.has_value());
  return res.err().message;
}

} // namespace

TYPE_TO_STRING(postgres_backend);

TEST_CASE_TEMPLATE_INVOKE(store_round_trip, postgres_backend);
TEST_CASE_TEMPLATE_INVOKE(store_exact_text, postgres_backend);
TEST_CASE_TEMPLATE_INVOKE(store_bound_parameters, postgres_backend);
TEST_CASE_TEMPLATE_INVOKE(store_duplicate_guid, postgres_backend);
TEST_CASE_TEMPLATE_INVOKE(store_erase, postgres_backend);
TEST_CASE_TEMPLATE_INVOKE(store_expire, postgres_backend);

TEST_SUITE("storage.postgres_store") {
  TEST_CASE("the tables have the documented columns and version 2") {
    test::pg_database db;
    auto st = open_ok(db.conninfo());
    CHECK(db.exec("SELECT string_agg(column_name || ' ' || data_type || ' ' "
                  "|| is_nullable, ', ' ORDER BY ordinal_position) FROM "
                  "information_schema.columns WHERE table_name = 'sessions'")
          == "guid text NO, snapshot text NO, updated_at timestamp with time "
             "zone NO, version bigint NO, owner text YES, lease_until "
             "timestamp with time zone YES, wanted_until timestamp with time "
             "zone YES");
    CHECK(db.exec("SELECT string_agg(version::text, ',') FROM schema_version")
          == "2");
    // Opening again (another node starting) changes nothing.
    auto again = open_ok(db.conninfo());
    CHECK(db.exec("SELECT count(*) FROM schema_version") == "1");
  }

  TEST_CASE("nodes that start at once on an empty database set it up once") {
    test::pg_database db;
    constexpr int nodes = 6;
    std::vector<std::string> errors(nodes);
    {
      std::vector<std::thread> threads;
      for (int i = 0; i < nodes; ++i)
        threads.emplace_back([&, i] {
          auto res = storage::postgres_store::open(db.conninfo());
          if (!res)
            errors[i] = res.err().message;
        });
      for (auto& t : threads)
        t.join();
    }
    for (auto& e : errors)
      CHECK_MESSAGE(e.empty(), e);
    CHECK(db.exec("SELECT count(*) FROM schema_version") == "1");
  }

  TEST_CASE("a row keeps its stamp to the microsecond and counts its "
            "writes") {
    test::pg_database db;
    auto st = open_ok(db.conninfo());
    save_ok(*st, {{"a", "1", t0 + 123456us}, {"b", "2", t0}});
    save_ok(*st, {{"a", "3", t0 + 1s}});
    save_ok(*st, {{"a", "4", t0 + 2s + 1us}});
    CHECK(db.exec("SELECT (extract(epoch FROM updated_at) * 1000000)::bigint "
                  "FROM sessions WHERE guid = 'a'")
          == "1700000002000001");
    CHECK(db.exec("SELECT (extract(epoch FROM updated_at) * 1000000)::bigint "
                  "FROM sessions WHERE guid = 'b'")
          == "1700000000000000");
    CHECK(db.exec("SELECT version FROM sessions WHERE guid = 'a'") == "2");
    CHECK(db.exec("SELECT version FROM sessions WHERE guid = 'b'") == "0");
    CHECK(db.exec("SELECT snapshot FROM sessions WHERE guid = 'a'") == "4");
  }

  TEST_CASE("a batch is all or nothing") {
    test::pg_database db;
    auto st = open_ok(db.conninfo());
    save_ok(*st, {{"a", "1", t0}});
    // PostgreSQL refuses bytes that are not UTF-8 in a text column.
    auto res = st->save({{"a", "2", t0}, {"b", "2", t0}, {"c", "\xff", t0}});
    REQUIRE_FALSE(res.has_value());
    CAPTURE(res.err().message);
    CHECK(contains(res.err().message, "save of 3 session(s) failed"));
    CHECK(contains(res.err().message, "invalid byte sequence"));
    CHECK(load_ok(*st, "a") == std::optional<std::string>{"1"});
    CHECK_FALSE(load_ok(*st, "b").has_value());
    // The connection is still good for the next batch.
    save_ok(*st, {{"a", "2", t0}, {"b", "2", t0}});
    CHECK(db.exec("SELECT count(*) FROM sessions") == "2");
  }

  TEST_CASE("a version 1 database gets wanted_until and keeps its rows") {
    test::pg_database db;
    db.exec("CREATE TABLE schema_version(version integer NOT NULL);"
            "INSERT INTO schema_version VALUES (1);"
            "CREATE TABLE sessions(guid text PRIMARY KEY, snapshot text NOT "
            "NULL, updated_at timestamptz NOT NULL, version bigint NOT NULL "
            "DEFAULT 0, owner text, lease_until timestamptz);"
            "INSERT INTO sessions(guid, snapshot, updated_at, version) "
            "VALUES ('a', 'old', now(), 3)");
    auto st = open_ok(db.conninfo());
    CHECK(db.exec("SELECT string_agg(version::text, ',') FROM schema_version")
          == "2");
    CHECK(db.exec("SELECT snapshot || version || (wanted_until IS NULL) FROM "
                  "sessions")
          == "old3true");
    CHECK(load_ok(*st, "a") == std::optional<std::string>{"old"});
  }

  TEST_CASE("a database with a newer schema version is refused") {
    test::pg_database db;
    open_ok(db.conninfo())->save({{"a", "1", t0}});
    db.exec("UPDATE schema_version SET version = 99");
    auto msg = open_error(db.conninfo());
    CHECK(contains(msg, "schema version 99, newer than this binary knows (2)"));
    CHECK(contains(msg, "dbname=" + db.name()));
    // Nothing was touched.
    CHECK(db.exec("SELECT version FROM schema_version") == "99");
    CHECK(db.exec("SELECT snapshot FROM sessions") == "1");
  }

  TEST_CASE("a foreign sessions table is rejected") {
    test::pg_database db;
    db.exec("CREATE TABLE sessions(id integer, data bytea)");
    auto msg = open_error(db.conninfo());
    CHECK(contains(msg, "cannot create the sessions table"));
    CHECK(contains(msg, "column \"updated_at\" does not exist"));
  }

  TEST_CASE("connection errors name the database and quote the cause") {
    SUBCASE("nothing listens on the port") {
      auto port = std::to_string(closed_port());
      auto msg = open_error("host=127.0.0.1 port=" + port
                            + " dbname=x user=postgres");
      CHECK(contains(msg, "storage postgres:host=127.0.0.1 port=" + port
                            + " dbname=x user=postgres: cannot connect"));
      CHECK(contains(msg, "Connection refused"));
      CHECK_FALSE(contains(msg, "\n"));
    }
    SUBCASE("the database does not exist") {
      auto msg = open_error(test::postgres_conninfo()
                            + " dbname=no_such_database");
      CHECK(contains(msg, "cannot connect"));
      CHECK(contains(msg, "database \"no_such_database\" does not exist"));
    }
    SUBCASE("a wrong password, which is never shown") {
      auto msg = open_error(test::postgres_conninfo()
                            + " user=challenge_pw password=wrong-pw-4711");
      CHECK(contains(msg, "password authentication failed"));
      CHECK(contains(msg, "user=challenge_pw"));
      CHECK_FALSE(contains(msg, "wrong-pw-4711"));
      auto port = test::postgres_conninfo();
      port = port.substr(port.find("port=") + 5);
      port = port.substr(0, port.find(' '));
      auto uri = open_error("postgresql://challenge_pw:wrong-pw-4711@"
                            "127.0.0.1:"
                            + port + "/postgres");
      CHECK(contains(uri, "password authentication failed"));
      CHECK_FALSE(contains(uri, "wrong-pw-4711"));
    }
    SUBCASE("the right password but no right to create tables") {
      test::pg_database db;
      auto msg = open_error(
        db.conninfo() + " user=challenge_pw password=challenge-pw-secret");
      CHECK(contains(msg, "cannot set up the schema"));
      CHECK(contains(msg, "permission denied for schema public"));
      CHECK_FALSE(contains(msg, "challenge-pw-secret"));
    }
    SUBCASE("a malformed connection string") {
      auto msg = open_error("host=x port");
      CHECK(msg
            == "storage postgres: invalid connection string: missing \"=\" "
               "after \"port\" in connection info string");
      auto secret = open_error("password=abc def");
      CHECK(secret == "storage postgres: invalid connection string");
    }
  }

  TEST_CASE("describe shows where, never the password") {
    using storage::postgres_store;
    CHECK(
      postgres_store::describe("host=h port=1 dbname=d user=u password=secret")
      == "host=h port=1 dbname=d user=u");
    CHECK(postgres_store::describe("postgresql://u:secret@h:1/d")
          == "host=h port=1 dbname=d user=u");
    CHECK(postgres_store::describe("password=x") == "(libpq defaults)");
    CHECK(postgres_store::describe("nonsense")
          == "(invalid connection string)");
  }

  TEST_CASE("a save fails while the server is down and succeeds once it is "
            "back, without reopening") {
    test::pg_database db;
    auto st = open_ok(db.conninfo());
    save_ok(*st, {{"a", "1", t0}});
    {
      test::pg_outage outage;
      auto res = st->save({{"a", "2", t0}, {"b", "2", t0}});
      REQUIRE_FALSE(res.has_value());
      CAPTURE(res.err().message);
      CHECK(contains(res.err().message, "dbname=" + db.name()));
      auto again = st->save({{"a", "2", t0}, {"b", "2", t0}});
      CHECK_FALSE(again.has_value());
      CHECK_FALSE(st->load("a").has_value());
      CHECK_FALSE(st->expire(t0).has_value());
      outage.end();
      save_ok(*st, {{"a", "2", t0}, {"b", "2", t0}});
    }
    CHECK(load_ok(*st, "a") == std::optional<std::string>{"2"});
    CHECK(load_ok(*st, "b") == std::optional<std::string>{"2"});
    REQUIRE(st->erase("b"));
    CHECK(db.exec("SELECT count(*) FROM sessions") == "1");
  }

  TEST_CASE("a connection the server closed while idle is replaced before "
            "the next call") {
    test::pg_database db;
    auto st = open_ok(db.conninfo());
    save_ok(*st, {{"a", "1", t0}});
    SUBCASE("the server restarted") {
      test::pg_outage outage;
      outage.end();
    }
    SUBCASE("the connection was terminated") {
      // (Waits up to 5 s for the backend to end.)
      CHECK(db.exec("SELECT count(pg_terminate_backend(pid, 5000)) FROM "
                    "pg_stat_activity WHERE application_name = "
                    "'challenge-server' AND datname = '"
                    + db.name() + "'")
            == "1");
    }
    // The very next call succeeds.
    auto res = st->load("a");
    REQUIRE_MESSAGE(res.has_value(), res.err().message);
    CHECK(*res == std::optional<std::string>{"1"});
    save_ok(*st, {{"a", "2", t0}});
  }
}
