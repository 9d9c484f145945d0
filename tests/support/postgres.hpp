#pragma once

// The PostgreSQL server of the tests: ctest starts it once (scripts/postgres,
// the `postgres` fixture of tests/CMakeLists.txt) and passes its conninfo in
// CHALLENGE_TEST_POSTGRES. Every test gets a database of its own; a test
// may also stop and start the server (the tests using it never run
// concurrently: they share one ctest RESOURCE_LOCK).

#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <libpq-fe.h>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unistd.h>

#ifndef CHALLENGE_POSTGRES_SCRIPT
#  error "CHALLENGE_POSTGRES_SCRIPT must name scripts/postgres"
#endif
#ifndef CHALLENGE_POSTGRES_DIR
#  error "CHALLENGE_POSTGRES_DIR must name the test server's directory"
#endif

namespace test {

/// The conninfo of the test server's `postgres` database.
inline std::string postgres_conninfo() {
  const char* x = std::getenv("CHALLENGE_TEST_POSTGRES");
  if (x == nullptr || *x == '\0')
    FAIL("CHALLENGE_TEST_POSTGRES is not set: run these tests through ctest "
         "(it starts the test server)");
  return x;
}

/// A connection of the test's own, to look behind a store's back.
class pg_connection {
public:
  explicit pg_connection(const std::string& conninfo)
      : conn_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK)
      FAIL("cannot connect to " << conninfo << ": " << PQerrorMessage(conn_));
  }

  ~pg_connection() {
    PQfinish(conn_);
  }

  pg_connection(const pg_connection&) = delete;
  pg_connection& operator=(const pg_connection&) = delete;

  /// Runs `sql`; fails the test on error. Returns the first column of the
  /// first row, if any.
  std::optional<std::string> exec(const std::string& sql) {
    std::unique_ptr<PGresult, void (*)(PGresult*)> res{PQexec(conn_,
                                                              sql.c_str()),
                                                       PQclear};
    auto status = PQresultStatus(res.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
      FAIL(sql << ": " << PQerrorMessage(conn_));
    if (status != PGRES_TUPLES_OK || PQntuples(res.get()) == 0
        || PQgetisnull(res.get(), 0, 0))
      return std::nullopt;
    return std::string{PQgetvalue(res.get(), 0, 0)};
  }

private:
  PGconn* conn_;
};

/// A fresh database on the test server, dropped (with any connection still
/// on it) when the test ends.
class pg_database {
public:
  pg_database() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    name_ = "challenge_test_" + std::to_string(::getpid()) + "_"
            + std::to_string(counter++) + "_" + std::to_string(rd() % 100000);
    pg_connection admin{postgres_conninfo()};
    admin.exec("CREATE DATABASE " + name_);
  }

  ~pg_database() {
    // The server may be down if the test failed half-way through a restart.
    PGconn* admin = PQconnectdb(postgres_conninfo().c_str());
    if (PQstatus(admin) == CONNECTION_OK)
      PQclear(
        PQexec(admin,
               ("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)").c_str()));
    PQfinish(admin);
  }

  pg_database(const pg_database&) = delete;
  pg_database& operator=(const pg_database&) = delete;

  const std::string& name() const {
    return name_;
  }

  /// The conninfo of this database (later keys win in a conninfo).
  std::string conninfo() const {
    return postgres_conninfo() + " dbname=" + name_;
  }

  /// Runs `sql` in this database on a connection of its own.
  std::optional<std::string> exec(const std::string& sql) const {
    pg_connection c{conninfo()};
    return c.exec(sql);
  }

private:
  std::string name_;
};

/// Stops (`"stop"`) or starts (`"start"`) the test server; fails the test
/// when the script does.
inline void pg_server(const std::string& what) {
  std::string cmd = std::string{"'"} + CHALLENGE_POSTGRES_SCRIPT + "' " + what
                    + " '" + CHALLENGE_POSTGRES_DIR + "' >/dev/null";
  REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, cmd);
}

/// Stops the test server for a scope and starts it again when leaving it,
/// even when the test fails in between.
class pg_outage {
public:
  pg_outage() {
    pg_server("stop");
  }

  ~pg_outage() {
    if (!restarted_)
      std::system((std::string{"'"} + CHALLENGE_POSTGRES_SCRIPT + "' start '"
                   + CHALLENGE_POSTGRES_DIR + "' >/dev/null")
                    .c_str());
  }

  pg_outage(const pg_outage&) = delete;
  pg_outage& operator=(const pg_outage&) = delete;

  /// Ends the outage now.
  void end() {
    restarted_ = true;
    pg_server("start");
  }

private:
  bool restarted_ = false;
};

} // namespace test
