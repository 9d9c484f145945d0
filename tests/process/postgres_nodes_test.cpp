// Two challenge-server processes on one PostgreSQL database, asked directly
// for the same challenger (no HAProxy in between): a session is live on at
// most one node at a time, moves between them without losing acknowledged
// progress, and a node that stops with SIGTERM hands its sessions over at
// once (see docs/ARCHITECTURE.md, "Several nodes").

#include "support/child_process.hpp"
#include "support/postgres.hpp"
#include "support/server_calls.hpp"
#include "support/temp_dir.hpp"
#include "support/todo_list.hpp"
#include "tools/walk/http_client.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

#ifndef CHALLENGE_SERVER_BINARY
#  error "CHALLENGE_SERVER_BINARY must name the challenge-server executable"
#endif

namespace {

using std::chrono::milliseconds;
using clock_type = std::chrono::steady_clock;
using test::exited_with;
using test::json_headers;
using test::metric;

std::vector<std::string> node_args(const std::string& conninfo,
                                   const std::string& id, int lease_seconds) {
  return {"--multi-user",    "--unlimited-todos",
          "--storage",       "postgres:" + conninfo,
          "--port",          "0",
          "--host",          "127.0.0.1",
          "--node-id",       id,
          "--lease-seconds", std::to_string(lease_seconds)};
}

/// What the clients saw.
struct ledger {
  std::mutex mutex;
  /// Acknowledged todos: id -> title (from the 201's body).
  std::map<long, std::string> acked;
  /// Ids acknowledged more than once.
  std::vector<long> duplicate_ids;
  int busy = 0;
  int busy_without_retry_after = 0;
  int unexpected = 0;
  std::string last_unexpected;

  void record(const walk::reply& r, const std::string& title) {
    std::lock_guard<std::mutex> guard{mutex};
    if (r.status == 201) {
      auto todo = test::parse_todos("{\"todos\":[" + r.body + "]}");
      if (!todo || todo->size() != 1 || (*todo)[0].title != title) {
        ++unexpected;
        last_unexpected = r.body;
        return;
      }
      if (!acked.emplace((*todo)[0].id, title).second)
        duplicate_ids.push_back((*todo)[0].id);
    } else if (r.status == 503) {
      ++busy;
      if (r.header("Retry-After").empty())
        ++busy_without_retry_after;
    } else {
      ++unexpected;
      last_unexpected = std::to_string(r.status) + " " + r.body;
    }
  }
};

/// POSTs a todo titled `title`; records the outcome; returns the status.
int post_todo(walk::client& c, const std::string& guid,
              const std::string& title, ledger& book) {
  auto r = c.call("POST", "/todos", json_headers(guid),
                  R"({"title":")" + title + "\"}");
  book.record(r, title);
  return r.status;
}

/// POSTs until one is acknowledged or `limit` passed; true on a 201.
bool post_until_created(walk::client& c, const std::string& guid,
                        const std::string& title, ledger& book,
                        milliseconds limit) {
  auto deadline = clock_type::now() + limit;
  while (clock_type::now() < deadline)
    if (post_todo(c, guid, title, book) == 201)
      return true;
  return false;
}

/// GETs the todo list, retrying 503s for up to `limit`.
std::optional<std::vector<test::todo_item>> todos(walk::client& c,
                                                  const std::string& guid,
                                                  milliseconds limit) {
  auto deadline = clock_type::now() + limit;
  for (;;) {
    auto r = c.call("GET", "/todos", json_headers(guid));
    if (r.status == 200)
      return test::parse_todos(r.body);
    if (r.status != 503 || clock_type::now() >= deadline)
      return std::nullopt;
  }
}

std::vector<std::string> with(std::vector<std::string> xs,
                              const std::vector<std::string>& more) {
  xs.insert(xs.end(), more.begin(), more.end());
  return xs;
}

/// A node: the process and a client of its own.
struct node {
  test::child_process process;
  int port = 0;

  node(const test::temp_dir& dir, const test::pg_database& db,
       const std::string& id, int lease_seconds,
       std::vector<std::string> extra = {})
      : process(CHALLENGE_SERVER_BINARY,
                with(node_args(db.conninfo(), id, lease_seconds), extra),
                dir.file(id + ".log")) {
    port = process.wait_for_port(milliseconds(10000));
    REQUIRE_MESSAGE(port > 0, process.log());
  }
};

} // namespace

TEST_SUITE("process.postgres.nodes") {
  TEST_CASE("two nodes asked for the same challenger at once never both "
            "serve it, and lose no acknowledged todo") {
    test::temp_dir dir;
    test::pg_database db;
    node a{dir, db, "node-a", 2};
    node b{dir, db, "node-b", 2};
    walk::client ca{a.port};
    walk::client cb{b.port};
    ledger book;

    // Created on a, stored at once and leased by nobody: b serves it.
    auto created = ca.call("POST", "/challenger");
    REQUIRE(created.status == 201);
    auto guid = created.header("X-CHALLENGER");
    REQUIRE_FALSE(guid.empty());
    CHECK(post_todo(cb, guid, "first-on-b", book) == 201);

    // Both nodes at once: b holds the lease and keeps it while it is used;
    // a waits (at most a lease period) and answers 503.
    std::atomic<bool> go{true};
    auto racer = [&](int port, const std::string& name) {
      walk::client c{port};
      for (int i = 0; go.load(); ++i)
        post_todo(c, guid, name + "-race-" + std::to_string(i), book);
    };
    std::thread ra{racer, a.port, "a"};
    std::thread rb{racer, b.port, "b"};
    std::this_thread::sleep_for(milliseconds(4500));
    go = false;
    ra.join();
    rb.join();

    // b goes quiet: its lease lapses and a takes the session over.
    CHECK(
      post_until_created(ca, guid, "moved-to-a", book, milliseconds(15000)));
    // And back: a goes quiet, b's cached copy is stale and is reloaded.
    CHECK(post_until_created(cb, guid, "back-on-b", book, milliseconds(15000)));
    // Alternating quickly: whichever node holds the lease answers.
    for (int i = 0; i < 6; ++i)
      post_todo(i % 2 == 0 ? ca : cb, guid, "alt-" + std::to_string(i), book);

    auto final_list = todos(ca, guid, milliseconds(15000));
    if (!final_list)
      final_list = todos(cb, guid, milliseconds(15000));
    REQUIRE(final_list);
    std::map<long, std::string> stored;
    std::set<long> ids;
    for (auto& t : *final_list) {
      CHECK_MESSAGE(ids.insert(t.id).second, "id given twice: " << t.id);
      stored[t.id] = t.title;
    }
    MESSAGE("acknowledged " << book.acked.size() << " todos, " << book.busy
                            << " answers 503");
    CAPTURE(book.last_unexpected);
    CHECK(book.unexpected == 0);
    CHECK(book.duplicate_ids.empty());
    // Every acknowledged todo is there, under the id it was given.
    for (auto& [id, title] : book.acked) {
      CAPTURE(id);
      CAPTURE(title);
      CHECK(stored.count(id) == 1);
      CHECK(stored[id] == title);
    }
    CHECK(book.acked.size() >= 3);
    // The other node was kept waiting, and answered 503 with Retry-After.
    CHECK(book.busy > 0);
    CHECK(book.busy_without_retry_after == 0);
    auto waits = metric(ca, "challenge_server_session_lease_waits_total")
                 + metric(cb, "challenge_server_session_lease_waits_total");
    CHECK(waits > 0);
    auto busy = metric(ca, "challenge_server_session_lease_busy_total")
                + metric(cb, "challenge_server_session_lease_busy_total");
    CHECK(busy >= book.busy);
    // The node id labels the info metric.
    auto m = ca.call("GET", "/metrics");
    CHECK(m.body.find("challenge_server_node_info{node=\"node-a\"} 1")
          != std::string::npos);
    a.process.signal(SIGTERM);
    b.process.signal(SIGTERM);
    CHECK_MESSAGE(exited_with(a.process.wait_exit(milliseconds(10000)), 0),
                  a.process.log());
    CHECK_MESSAGE(exited_with(b.process.wait_exit(milliseconds(10000)), 0),
                  b.process.log());
  }

  TEST_CASE("SIGTERM releases a node's leases: the other node serves its "
            "sessions at once, nothing lost") {
    test::temp_dir dir;
    test::pg_database db;
    // A long lease: waiting for it to lapse would show.
    node a{dir, db, "node-a", 20};
    node b{dir, db, "node-b", 20};
    walk::client ca{a.port};
    ledger book;
    auto created = ca.call("POST", "/challenger");
    REQUIRE(created.status == 201);
    auto guid = created.header("X-CHALLENGER");
    for (int i = 0; i < 5; ++i)
      REQUIRE(post_todo(ca, guid, "on-a-" + std::to_string(i), book) == 201);
    CHECK(db.exec("SELECT owner FROM sessions WHERE guid = '" + guid + "'")
          == std::optional<std::string>{"node-a"});
    a.process.signal(SIGTERM);
    CHECK_MESSAGE(exited_with(a.process.wait_exit(milliseconds(10000)), 0),
                  a.process.log());
    CHECK(
      db.exec("SELECT owner IS NULL FROM sessions WHERE guid = '" + guid + "'")
      == std::optional<std::string>{"t"});
    walk::client cb{b.port};
    auto started = clock_type::now();
    auto r = cb.call("GET", "/todos", json_headers(guid));
    auto took = clock_type::now() - started;
    REQUIRE(r.status == 200);
    CHECK(took < milliseconds(2000));
    auto list = test::parse_todos(r.body);
    REQUIRE(list);
    std::set<std::string> titles;
    for (auto& t : *list)
      titles.insert(t.title);
    for (auto& [id, title] : book.acked)
      CHECK(titles.count(title) == 1);
    CHECK(metric(cb, "challenge_server_session_lease_waits_total") == 0);
    b.process.signal(SIGTERM);
    CHECK(exited_with(b.process.wait_exit(milliseconds(10000)), 0));
  }

  TEST_CASE("a node whose lease is taken behind its back drops its copy and "
            "answers 503 until the lease is free, then reloads") {
    test::temp_dir dir;
    test::pg_database db;
    node a{dir, db, "node-a", 2};
    walk::client ca{a.port};
    ledger book;
    auto created = ca.call("POST", "/challenger");
    REQUIRE(created.status == 201);
    auto guid = created.header("X-CHALLENGER");
    REQUIRE(post_todo(ca, guid, "before", book) == 201);
    auto where = " WHERE guid = '" + guid + "'";
    // Let the write land (the lease alone is taken before the commit),
    // then another "node" takes the row over.
    auto deadline = clock_type::now() + milliseconds(5000);
    while (db.exec("SELECT owner FROM sessions" + where
                   + " AND snapshot LIKE '%before%'")
             != std::optional<std::string>{"node-a"}
           && clock_type::now() < deadline)
      std::this_thread::sleep_for(milliseconds(20));
    db.exec("UPDATE sessions SET owner = 'intruder', lease_until = now() + "
            "interval '1 hour', version = version + 1"
            + where);
    // Keep writing: the next commit (or renewal) is refused, the copy is
    // dropped, and from then on every request waits and gets 503.
    bool refused = false;
    deadline = clock_type::now() + milliseconds(10000);
    while (!refused && clock_type::now() < deadline)
      refused = post_todo(ca, guid, "during", book) == 503;
    REQUIRE(refused);
    for (int i = 0; i < 2; ++i)
      CHECK(post_todo(ca, guid, "still-refused", book) == 503);
    CHECK(book.busy_without_retry_after == 0);
    CHECK(metric(ca, "challenge_server_storage_writes_refused_total")
            + metric(ca, "challenge_server_session_leases_lost_total")
          >= 1);
    CHECK(metric(ca, "challenge_server_session_lease_busy_total") >= 3);
    CHECK(a.process.log().find("dropping this node's copy")
          != std::string::npos);
    // The intruder leaves: a reloads what the database holds and goes on.
    db.exec("UPDATE sessions SET owner = NULL, lease_until = NULL" + where);
    REQUIRE(post_todo(ca, guid, "after", book) == 201);
    auto list = todos(ca, guid, milliseconds(5000));
    REQUIRE(list);
    std::set<std::string> titles;
    for (auto& t : *list)
      titles.insert(t.title);
    CHECK(titles.count("before") == 1);
    CHECK(titles.count("after") == 1);
    CHECK(titles.count("still-refused") == 0);
    a.process.signal(SIGTERM);
    CHECK(exited_with(a.process.wait_exit(milliseconds(10000)), 0));
  }

  TEST_CASE("an idle stop releases the lease: another node serves the "
            "session at once") {
    test::temp_dir dir;
    test::pg_database db;
    node a{dir, db, "node-a", 20, {"--idle-timeout", "1"}};
    node b{dir, db, "node-b", 20};
    walk::client ca{a.port};
    ledger book;
    auto created = ca.call("POST", "/challenger");
    REQUIRE(created.status == 201);
    auto guid = created.header("X-CHALLENGER");
    REQUIRE(post_todo(ca, guid, "on-a", book) == 201);
    auto where = " WHERE guid = '" + guid + "'";
    auto owner = [&] { return db.exec("SELECT owner FROM sessions" + where); };
    CHECK(owner() == std::optional<std::string>{"node-a"});
    // Idle for a second: saved, stopped, released.
    auto deadline = clock_type::now() + milliseconds(10000);
    while (owner().has_value() && clock_type::now() < deadline)
      std::this_thread::sleep_for(milliseconds(50));
    REQUIRE_FALSE(owner().has_value());
    walk::client cb{b.port};
    auto started = clock_type::now();
    auto list = todos(cb, guid, milliseconds(0));
    CHECK(clock_type::now() - started < milliseconds(2000));
    REQUIRE(list);
    bool found = false;
    for (auto& t : *list)
      found = found || t.title == "on-a";
    CHECK(found);
    CHECK(metric(cb, "challenge_server_session_lease_waits_total") == 0);
    CHECK(metric(ca, "challenge_server_sessions_stopped_idle_total") >= 1);
    a.process.signal(SIGTERM);
    b.process.signal(SIGTERM);
    CHECK(exited_with(a.process.wait_exit(milliseconds(10000)), 0));
    CHECK(exited_with(b.process.wait_exit(milliseconds(10000)), 0));
  }

  TEST_CASE("a session created on one node and used on another leaves the "
            "creating node's memory after its idle timeout") {
    // What HAProxy does to most new sessions: POST /challenger goes to any
    // node, the GUID's requests to the one it hashes to. The creating
    // node's copy (stored, no lease) must still stop idle.
    test::temp_dir dir;
    test::pg_database db;
    node a{dir, db, "node-a", 5, {"--idle-timeout", "1"}};
    node b{dir, db, "node-b", 5, {"--idle-timeout", "1"}};
    walk::client ca{a.port};
    walk::client cb{b.port};
    ledger book;
    auto created = ca.call("POST", "/challenger");
    REQUIRE(created.status == 201);
    auto guid = created.header("X-CHALLENGER");
    REQUIRE(post_todo(cb, guid, "on-b", book) == 201);
    auto live = [&](walk::client& c) {
      return metric(c, "challenge_server_sessions_live");
    };
    auto deadline = clock_type::now() + milliseconds(10000);
    while ((live(ca) != 0 || live(cb) != 0) && clock_type::now() < deadline)
      std::this_thread::sleep_for(milliseconds(50));
    CHECK(live(ca) == 0);
    CHECK(live(cb) == 0);
    CHECK(metric(ca, "challenge_server_sessions_stopped_idle_total") >= 1);
    a.process.signal(SIGTERM);
    b.process.signal(SIGTERM);
    CHECK(exited_with(a.process.wait_exit(milliseconds(10000)), 0));
    CHECK(exited_with(b.process.wait_exit(milliseconds(10000)), 0));
  }
}
