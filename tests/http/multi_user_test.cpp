// Tier 3: many challengers at once against the real server (storage,
// actors, HTTP) in multi-user mode: each sees only its own todos and
// progress, unknown or malformed X-CHALLENGER values touch nothing, and
// everything survives a restart on the same SQLite file (ARCHITECTURE §7).

#include "storage/sqlite_store.hpp"
#include "support/server_fixture.hpp"
#include "support/temp_dir.hpp"
#include "support/todo_list.hpp"
#include "support/wait.hpp"
#include "tools/walk/walk.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

using C = model::challenge;

constexpr auto unknown_challenger = "UNKNOWN CHALLENGER - Challenger not found";

const walk::header_pairs accept_json{{"Accept", "application/json"}};

app::options multi_user(const std::string& db_path) {
  auto opts = test::options(model::user_mode::multi_user, true, db_path);
  return opts;
}

walk::header_pairs as(const std::string& guid, walk::header_pairs extra = {}) {
  extra.emplace_back("X-CHALLENGER", guid);
  return extra;
}

walk::header_pairs json_as(const std::string& guid) {
  return as(guid, {{"Content-Type", "application/json"},
                   {"Accept", "application/json"}});
}

std::string title_json(const std::string& title) {
  return R"({"title":")" + title + R"(","description":"test"})";
}

std::string random_uuid() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20)
      out += '-';
    auto nibble = rng() & 0xF;
    if (i == 12)
      nibble = 4; // version 4
    else if (i == 16)
      nibble = 8 | (nibble & 3); // RFC 4122 variant
    out += digits[nibble];
  }
  return out;
}

std::string upper(std::string x) {
  for (auto& ch : x)
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return x;
}

std::string lower(std::string x) {
  for (auto& ch : x)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return x;
}

/// Creates a challenger; returns its GUID or an empty string.
std::string create_challenger(walk::client& c) {
  auto r = c.call("POST", "/challenger");
  if (r.status != 201)
    return {};
  return r.header("X-CHALLENGER");
}

/// Waits for `app.live_sessions()` to reach `expected` (a session that
/// answered "unknown" says bye to the front right after its answer);
/// returns the last count.
std::size_t settle_live_sessions(app::server_app& app, std::size_t expected) {
  test::wait_until([&] { return app.live_sessions() == expected; });
  return app.live_sessions();
}

// -- many challengers at once -------------------------------------------------

constexpr std::size_t challenger_count = 200;
constexpr std::size_t client_threads = 100;
constexpr std::size_t todos_per_challenger = 5;

/// What one challenger did and saw. Written by one client thread only.
struct challenger_run {
  std::size_t index = 0;
  std::string guid;
  /// The ids of the todos it created, in order.
  std::vector<long> ids;
  /// The first answer that was not the expected one (empty: none).
  std::string failure;
  /// The titles its last `GET /todos` listed, sorted.
  std::vector<std::string> seen;
  /// What its `GET /challenges` reported done.
  walk::status_read status;

  std::string prefix() const {
    return "ch" + std::to_string(index) + "-";
  }

  /// 0: credits GET_ACCEPT_XML; 1: credits GET_TODO_404; 2: neither.
  std::size_t group() const {
    return index % 3;
  }

  bool expect(const walk::reply& r, int status, const std::string& what) {
    if (r.status == status || !failure.empty())
      return failure.empty();
    failure = what + ": got " + std::to_string(r.status)
              + (r.ok ? "" : " (socket error)") + ", wanted "
              + std::to_string(status);
    return false;
  }
};

/// One step of every challenger: returns false when the challenger cannot
/// go on.
using run_step = bool (*)(walk::client&, challenger_run&);

bool step_create(walk::client& c, challenger_run& x) {
  auto r = c.call("POST", "/challenger");
  if (!x.expect(r, 201, "POST /challenger"))
    return false;
  x.guid = r.header("X-CHALLENGER");
  return true;
}

bool step_add_todos(walk::client& c, challenger_run& x) {
  for (std::size_t k = 0; k < todos_per_challenger; ++k) {
    auto r = c.call("POST", "/todos", json_as(x.guid),
                    title_json(x.prefix() + "t" + std::to_string(k)));
    if (!x.expect(r, 201, "POST /todos"))
      return false;
    auto id = test::parse_todo_id(r.body);
    if (!id) {
      x.failure = "POST /todos answered without an id: " + r.body;
      return false;
    }
    x.ids.push_back(*id);
  }
  return true;
}

bool step_amend(walk::client& c, challenger_run& x) {
  // Its own first todo, and its copy of seeded todo 1.
  auto r = c.call("POST", "/todos/" + std::to_string(x.ids[0]), json_as(x.guid),
                  title_json(x.prefix() + "t0-amended"));
  if (!x.expect(r, 200, "amend own todo"))
    return false;
  r = c.call("POST", "/todos/1", json_as(x.guid),
             title_json(x.prefix() + "seed-1"));
  return x.expect(r, 200, "amend seeded todo 1");
}

bool step_delete(walk::client& c, challenger_run& x) {
  auto r = c.call("DELETE", "/todos/" + std::to_string(x.ids[1]), as(x.guid));
  if (!x.expect(r, 200, "delete own todo"))
    return false;
  r = c.call("DELETE", "/todos/2", as(x.guid));
  return x.expect(r, 200, "delete seeded todo 2");
}

bool step_group_challenge(walk::client& c, challenger_run& x) {
  if (x.group() == 0) {
    auto r = c.call("GET", "/todos",
                    as(x.guid, {{"Accept", "application/xml"}}));
    return x.expect(r, 200, "GET /todos as XML");
  }
  if (x.group() == 1) {
    auto r = c.call("GET", "/todos/999999", as(x.guid, accept_json));
    return x.expect(r, 404, "GET /todos/999999");
  }
  return true;
}

bool step_list(walk::client& c, challenger_run& x) {
  auto r = c.call("GET", "/todos", as(x.guid, accept_json));
  if (!x.expect(r, 200, "GET /todos"))
    return false;
  auto titles = test::parse_titles(r.body);
  if (!titles) {
    x.failure = "GET /todos: not a todo list: " + r.body.substr(0, 200);
    return false;
  }
  x.seen = std::move(*titles);
  std::sort(x.seen.begin(), x.seen.end());
  return true;
}

bool step_status(walk::client& c, challenger_run& x,
                 const model::challenge_set& defined) {
  walk::walk_state st;
  st.guid = x.guid;
  x.status = walk::read_status(c, st, defined);
  if (!x.status.ok)
    x.failure = "GET /challenges failed";
  return x.status.ok;
}

/// What challenger `x` must list: the seeded todos minus 1 and 2, its
/// renamed copy of 1 and its own todos as amended and deleted.
std::vector<std::string> expected_titles(
  const challenger_run& x, const std::vector<test::todo_item>& seeded) {
  std::vector<std::string> out;
  for (auto& t : seeded)
    if (t.id != 1 && t.id != 2)
      out.push_back(t.title);
  out.push_back(x.prefix() + "seed-1");
  out.push_back(x.prefix() + "t0-amended");
  for (std::size_t k = 2; k < todos_per_challenger; ++k)
    out.push_back(x.prefix() + "t" + std::to_string(k));
  std::sort(out.begin(), out.end());
  return out;
}

/// How many of `titles` belong to another challenger.
std::size_t foreign_titles(const challenger_run& x,
                           const std::vector<std::string>& titles) {
  return static_cast<std::size_t>(
    std::count_if(titles.begin(), titles.end(), [&](const std::string& t) {
      return t.compare(0, 2, "ch") == 0
             && t.compare(0, x.prefix().size(), x.prefix()) != 0;
    }));
}

// -- malformed values ---------------------------------------------------------

/// What a challenger looks like from outside, to compare before and after.
struct observed {
  std::string todos;
  model::progress done;
  bool ok = false;
};

observed observe(walk::client& c, const std::string& guid,
                 const model::challenge_set& defined) {
  observed out;
  auto r = c.call("GET", "/todos", as(guid, accept_json));
  walk::walk_state st;
  st.guid = guid;
  auto status = walk::read_status(c, st, defined);
  out.todos = r.body;
  out.done = status.done;
  out.ok = r.status == 200 && status.ok;
  return out;
}

} // namespace

TEST_SUITE("http.multi_user") {
  TEST_CASE("200 concurrent challengers each see exactly their own todos and "
            "progress") {
    test::temp_dir dir;
    auto opts = multi_user(dir.file("m.db"));
    // One worker per concurrent keep-alive client, plus a margin.
    test::running_server srv{opts, client_threads + 16};
    auto defined = model::challenge_set::for_config(opts.api);
    auto c = srv.make_client();
    auto shared = c.call("GET", "/todos", accept_json);
    REQUIRE(shared.status == 200);
    auto seeded = test::parse_todos(shared.body);
    REQUIRE(seeded);
    REQUIRE(seeded->size() == 10);
    std::vector<challenger_run> runs(challenger_count);
    for (std::size_t i = 0; i < runs.size(); ++i)
      runs[i].index = i;
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < client_threads; ++t) {
      threads.emplace_back([&, t] {
        // Each thread drives every client_threads-th challenger over one
        // keep-alive connection, interleaving them step by step.
        auto cli = srv.make_client();
        std::vector<challenger_run*> mine;
        for (auto i = t; i < runs.size(); i += client_threads)
          mine.push_back(&runs[i]);
        std::vector<run_step> steps{step_create,          step_add_todos,
                                    step_amend,           step_delete,
                                    step_group_challenge, step_list};
        std::vector<bool> alive(mine.size(), true);
        for (auto step : steps)
          for (std::size_t k = 0; k < mine.size(); ++k)
            if (alive[k])
              alive[k] = step(cli, *mine[k]);
        for (std::size_t k = 0; k < mine.size(); ++k)
          if (alive[k])
            step_status(cli, *mine[k], defined);
      });
    }
    for (auto& x : threads)
      x.join();
    std::set<std::string> guids;
    // The progress of the first challenger of each group: every other one
    // in the group did the same requests, so must have the same flags.
    std::array<std::optional<model::progress>, 3> group_done;
    std::size_t failed = 0;
    for (auto& x : runs) {
      CAPTURE(x.index);
      CAPTURE(x.guid);
      if (!x.failure.empty()) {
        ++failed;
        FAIL_CHECK(x.failure);
        continue;
      }
      guids.insert(x.guid);
      CHECK(foreign_titles(x, x.seen) == 0);
      CHECK(x.seen == expected_titles(x, *seeded));
      auto& done = x.status.done;
      CHECK(done.test(model::index_of(C::CREATE_NEW_CHALLENGER)));
      CHECK(done.test(model::index_of(C::POST_TODOS)));
      CHECK(done.test(model::index_of(C::DELETE_A_TODO)));
      CHECK(done.test(model::index_of(C::GET_ACCEPT_XML)) == (x.group() == 0));
      CHECK(done.test(model::index_of(C::GET_TODO_404)) == (x.group() == 1));
      auto& reference = group_done[x.group()];
      if (!reference)
        reference = done;
      CHECK(done == *reference);
    }
    CHECK(failed == 0);
    CHECK(guids.size() == challenger_count);
    CHECK(srv.app().live_sessions() == challenger_count);
    // The shared list for header-less reads is untouched by all of them.
    CHECK(c.call("GET", "/todos", accept_json).body == shared.body);
  }

  TEST_CASE("unknown and malformed X-CHALLENGER values get the shared list or "
            "401 and leave no session and no data behind") {
    test::temp_dir dir;
    auto path = dir.file("m.db");
    auto opts = multi_user(path);
    auto defined = model::challenge_set::for_config(opts.api);
    auto random = random_uuid();
    const std::vector<std::string> values{
      random,
      upper(random_uuid()),
      "00000000-0000-0000-0000-000000000000",
      "../../etc/passwd",
      "' OR 1=1 --",
      "x'); DROP TABLE session; --",
      std::string(8000, 'a'), // long, but within httplib's header limit
    };
    std::vector<std::string> guids;
    {
      test::running_server srv{opts};
      auto c = srv.make_client();
      auto shared = c.call("GET", "/todos", accept_json);
      REQUIRE(shared.status == 200);
      REQUIRE(shared.header("X-CHALLENGER") == unknown_challenger);
      for (int i = 0; i < 2; ++i) {
        auto guid = create_challenger(c);
        REQUIRE(!guid.empty());
        auto r = c.call("POST", "/todos", json_as(guid),
                        title_json("owned by " + guid));
        REQUIRE(r.status == 201);
        observe(c, guid, defined); // credits the reads once
        guids.push_back(guid);
      }
      std::vector<observed> before;
      for (auto& guid : guids)
        before.push_back(observe(c, guid, defined));
      REQUIRE(srv.app().live_sessions() == 2);
      for (auto& value : values) {
        CAPTURE(value.substr(0, 40));
        auto r = c.call("GET", "/todos", as(value, accept_json));
        CHECK(r.status == 200);
        CHECK(r.header("X-CHALLENGER") == unknown_challenger);
        CHECK(r.body == shared.body);
        r = c.call("POST", "/todos", json_as(value), title_json("intruder"));
        CHECK(r.status == 401);
        CHECK(r.header("X-CHALLENGER") == unknown_challenger);
        CHECK(r.body
              == R"({"errorMessages":["Cannot amend details. Missing a )"
                 R"(valid X-CHALLENGER header."]})");
        r = c.call("DELETE", "/todos/1", as(value));
        CHECK(r.status == 401);
        r = c.call("POST", "/challenger", as(value));
        CHECK(r.status == 404);
        CHECK(r.header("X-CHALLENGER") == unknown_challenger);
        walk::walk_state st;
        st.guid = value;
        auto status = walk::read_status(c, st, defined);
        CHECK(status.ok);
        CHECK(status.done.none());
      }
      // Over httplib's 8 KB header-line limit: refused before routing. Each
      // on a connection of its own: httplib 0.11.4 keeps the connection
      // open without reading the rest of such a request, so the next
      // request on it would be answered 400 too.
      auto huge = std::string(10 * 1024, 'a');
      CHECK(
        srv.make_client().call("GET", "/todos", as(huge, accept_json)).status
        == 400);
      CHECK(srv.make_client()
              .call("POST", "/todos", json_as(huge), title_json("intruder"))
              .status
            == 400);
      CHECK(settle_live_sessions(srv.app(), 2) == 2);
      for (std::size_t i = 0; i < guids.size(); ++i) {
        CAPTURE(guids[i]);
        auto now = observe(c, guids[i], defined);
        CHECK(now.ok);
        CHECK(now.todos == before[i].todos);
        CHECK(now.done.to_string() == before[i].done.to_string());
      }
      CHECK(c.call("GET", "/todos", accept_json).body == shared.body);
      // Leaving the scope closes the client first (an idle keep-alive
      // connection holds httplib's stop() for its 5 s timeout), then
      // stops the app, which flushes every session.
    }
    // Nothing was stored under any of the values, in any spelling.
    auto store = storage::sqlite_store::open(path);
    REQUIRE(store);
    for (auto& value : values) {
      CAPTURE(value.substr(0, 40));
      for (auto& key : {value, lower(value)}) {
        auto res = (*store)->load(key);
        REQUIRE(res);
        CHECK_FALSE(res->has_value());
      }
    }
    for (auto& guid : guids) {
      auto res = (*store)->load(guid);
      REQUIRE(res);
      CHECK(res->has_value());
    }
  }

  TEST_CASE("progress, todos and secrets survive a restart on the same "
            "SQLite file") {
    test::temp_dir dir;
    auto opts = multi_user(dir.file("m.db"));
    auto defined = model::challenge_set::for_config(opts.api);
    struct saved {
      std::string guid;
      std::string token;
      std::string note;
      model::progress done;
      std::vector<std::string> titles;
    };
    std::vector<saved> xs(3);
    {
      test::running_server srv{opts};
      auto c = srv.make_client();
      for (std::size_t i = 0; i < xs.size(); ++i) {
        auto& x = xs[i];
        x.guid = create_challenger(c);
        REQUIRE(!x.guid.empty());
        for (std::size_t k = 0; k < i + 2; ++k)
          REQUIRE(c.call("POST", "/todos", json_as(x.guid),
                         title_json("r" + std::to_string(i) + "-t"
                                    + std::to_string(k)))
                    .status
                  == 201);
        REQUIRE(c.call("DELETE", "/todos/3", as(x.guid)).status == 200);
        if (i == 0)
          REQUIRE(
            c.call("GET", "/todos", as(x.guid, {{"Accept", "application/xml"}}))
              .status
            == 200);
        if (i == 1)
          REQUIRE(c.call("GET", "/todos/999999", as(x.guid)).status == 404);
        auto token = c.call("POST", "/secret/token",
                            as(x.guid, {{"Authorization",
                                         "Basic YWRtaW46cGFzc3dvcmQ="}}));
        REQUIRE(token.status == 201);
        x.token = token.header("X-AUTH-TOKEN");
        x.note = "note of r" + std::to_string(i);
        auto headers = json_as(x.guid);
        headers.emplace_back("X-AUTH-TOKEN", x.token);
        REQUIRE(c.call("POST", "/secret/note", headers,
                       R"({"note":")" + x.note + "\"}")
                  .status
                == 200);
        auto list = c.call("GET", "/todos", as(x.guid, accept_json));
        auto titles = test::parse_titles(list.body);
        REQUIRE(titles);
        x.titles = *titles;
        walk::walk_state st;
        st.guid = x.guid;
        auto status = walk::read_status(c, st, defined);
        REQUIRE(status.ok);
        x.done = status.done;
      }
      // A last change right before stopping: only the shutdown flush saves
      // it (the next tick would not come before the app is gone).
      for (std::size_t i = 0; i < xs.size(); ++i) {
        auto title = "r" + std::to_string(i) + "-last";
        REQUIRE(c.call("POST", "/todos", json_as(xs[i].guid), title_json(title))
                  .status
                == 201);
        xs[i].titles.push_back(title);
      }
      // Leaving the scope closes the client first (an idle keep-alive
      // connection holds httplib's stop() for its 5 s timeout), then
      // stops the app, which flushes every session.
    }
    test::running_server srv{opts};
    CHECK(srv.app().live_sessions() == 0);
    auto c = srv.make_client();
    for (auto& x : xs) {
      CAPTURE(x.guid);
      walk::walk_state st;
      st.guid = x.guid;
      auto status = walk::read_status(c, st, defined);
      REQUIRE(status.ok);
      CHECK(status.done == x.done);
      CHECK(status.done.count() >= 6);
      auto list = c.call("GET", "/todos", as(x.guid, accept_json));
      CHECK(list.status == 200);
      CHECK(list.header("X-CHALLENGER") == x.guid);
      auto titles = test::parse_titles(list.body);
      REQUIRE(titles);
      CHECK(*titles == x.titles);
      auto note = c.call("GET", "/secret/note",
                         as(x.guid, {{"X-AUTH-TOKEN", x.token},
                                     {"Accept", "application/json"}}));
      CHECK(note.status == 200);
      CHECK(note.body == R"({"note":")" + x.note + "\"}");
    }
    CHECK(srv.app().live_sessions() == xs.size());
  }
}
