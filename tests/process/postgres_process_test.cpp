// The real challenge-server executable with `--storage postgres:...` on the
// test PostgreSQL server: progress survives a restart, an outage of the
// database costs nothing, and a database it cannot use stops it at start-up
// with a clear message.

#include "support/child_process.hpp"
#include "support/postgres.hpp"
#include "support/server_calls.hpp"
#include "support/temp_dir.hpp"
#include "support/todo_list.hpp"
#include "support/wait.hpp"
#include "tools/walk/http_client.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <optional>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

#ifndef CHALLENGE_SERVER_BINARY
#  error "CHALLENGE_SERVER_BINARY must name the challenge-server executable"
#endif

namespace {

using std::chrono::milliseconds;
using test::exited_with;
using test::has;
using test::json_headers;
using test::metric;
using test::post_todo;
using test::titles;

/// With trust authentication the server ignores the password: it is there
/// to show that logs never print it.
constexpr const char* password = "never-logged-7f3a";

std::vector<std::string> server_args(const std::string& conninfo) {
  return {"--multi-user",
          "--storage",
          "postgres:" + conninfo + " password=" + password,
          "--port",
          "0",
          "--host",
          "127.0.0.1"};
}

} // namespace

TEST_SUITE("process.postgres") {
  TEST_CASE("--storage postgres: a challenger's progress survives a "
            "restart") {
    test::temp_dir dir;
    test::pg_database db;
    std::string guid;
    {
      test::child_process server{CHALLENGE_SERVER_BINARY,
                                 server_args(db.conninfo()),
                                 dir.file("run.log")};
      auto port = server.wait_for_port(milliseconds(10000));
      REQUIRE_MESSAGE(port > 0, server.log());
      walk::client c{port};
      auto r = c.call("POST", "/challenger");
      REQUIRE(r.status == 201);
      guid = r.header("X-CHALLENGER");
      REQUIRE_FALSE(guid.empty());
      auto created = c.call("POST", "/todos", json_headers(guid),
                            R"({"title":"kept across restarts"})");
      CHECK(created.status == 201);
      server.signal(SIGTERM);
      auto status = server.wait_exit(milliseconds(10000));
      auto log = server.log();
      CHECK_MESSAGE(exited_with(status, 0), log);
      CHECK_MESSAGE(log.find("storage postgres:host=") != std::string::npos,
                    log);
      CHECK_MESSAGE(log.find("dbname=" + db.name()) != std::string::npos, log);
      CHECK_MESSAGE(log.find(password) == std::string::npos, log);
    }
    CHECK(db.exec("SELECT count(*) FROM sessions WHERE guid = '" + guid + "'")
          == "1");
    test::child_process server{CHALLENGE_SERVER_BINARY,
                               server_args(db.conninfo()),
                               dir.file("restart.log")};
    auto port = server.wait_for_port(milliseconds(10000));
    REQUIRE_MESSAGE(port > 0, server.log());
    walk::client c{port};
    CHECK(has(titles(c, guid), "kept across restarts"));
    // Progress too: the first challenge (creating the challenger) is done.
    auto progress = c.call("GET", "/challenges", json_headers(guid));
    CHECK(progress.status == 200);
    CHECK(progress.body.find("\"status\":true") != std::string::npos);
    server.signal(SIGTERM);
    CHECK(exited_with(server.wait_exit(milliseconds(10000)), 0));
  }

  TEST_CASE("a PostgreSQL database that does not exist stops the server at "
            "start-up with libpq's message") {
    test::temp_dir dir;
    test::child_process server{CHALLENGE_SERVER_BINARY,
                               server_args(test::postgres_conninfo()
                                           + " dbname=no_such_database"),
                               dir.file("run.log")};
    auto status = server.wait_exit(milliseconds(15000));
    auto log = server.log();
    CAPTURE(log);
    REQUIRE(status);
    CHECK(WIFEXITED(*status));
    CHECK(WEXITSTATUS(*status) != 0);
    CHECK(log.find("cannot connect") != std::string::npos);
    CHECK(log.find("database \"no_such_database\" does not exist")
          != std::string::npos);
    CHECK(log.find(password) == std::string::npos);
    CHECK(log.find("listening") == std::string::npos);
  }

  TEST_CASE("PostgreSQL down for a while: the server keeps serving from "
            "memory and writes everything once it is back") {
    test::temp_dir dir;
    test::pg_database db;
    auto args = server_args(db.conninfo());
    args.insert(args.end(), {"--idle-timeout", "1"});
    test::child_process server{CHALLENGE_SERVER_BINARY, args,
                               dir.file("run.log")};
    auto port = server.wait_for_port(milliseconds(10000));
    REQUIRE_MESSAGE(port > 0, server.log());
    walk::client c{port};
    std::vector<std::string> guids;
    for (int i = 0; i < 3; ++i) {
      auto r = c.call("POST", "/challenger");
      REQUIRE(r.status == 201);
      guids.push_back(r.header("X-CHALLENGER"));
      CHECK(post_todo(c, guids.back(), "before-" + std::to_string(i)) == 201);
    }
    REQUIRE(test::wait_until(
      [&] { return metric(c, "challenge_server_storage_queue_depth") == 0; },
      milliseconds(5000)));
    {
      test::pg_outage outage;
      for (int i = 0; i < 3; ++i)
        CHECK(post_todo(c, guids[i], "during-" + std::to_string(i)) == 201);
      CHECK(test::wait_until(
        [&] {
          return metric(c, "challenge_server_storage_commit_failures_total")
                   >= 1
                 && metric(c, "challenge_server_storage_healthy") == 0;
        },
        milliseconds(10000)));
      // The sessions went idle (1 s) but could not be stored: they stay.
      CHECK(test::wait_until(
        [&] {
          return metric(c, "challenge_server_sessions_stops_deferred_total")
                 >= 1;
        },
        milliseconds(10000)));
      for (int i = 0; i < 3; ++i)
        CHECK(has(titles(c, guids[i]), "during-" + std::to_string(i)));
      outage.end();
    }
    CHECK(test::wait_until(
      [&] {
        return metric(c, "challenge_server_storage_healthy") == 1
               && metric(c, "challenge_server_storage_queue_depth") == 0;
      },
      milliseconds(10000)));
    CHECK(db.exec("SELECT count(*) FROM sessions WHERE snapshot LIKE "
                  "'%during-%'")
          == "3");
    CHECK(test::wait_until(
      [&] { return metric(c, "challenge_server_sessions_live") == 0; },
      milliseconds(10000)));
    CHECK(server.log().find("commit succeeded again") != std::string::npos);
    server.signal(SIGTERM);
    CHECK_MESSAGE(exited_with(server.wait_exit(milliseconds(10000)), 0),
                  server.log());
  }
}
