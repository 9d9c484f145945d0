// Tier 3: the 2026 edition over real HTTP (BEHAVIOUR §10): the API under
// /api with the root paths kept as legacy routes, the 431 for an oversized
// X-CHALLENGER, and a classic server that knows nothing of /api.

#include "support/server_fixture.hpp"
#include "support/temp_dir.hpp"
#include "tools/walk/walk.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using C = model::challenge;

app::options options_for(
  model::edition_id edition,
  model::user_mode mode = model::user_mode::single_user) {
  auto opts = test::options(mode, false);
  opts.api.edition = edition;
  return opts;
}

bool done(walk::client& c, const model::api_config& cfg, C x,
          const std::string& guid = {}) {
  walk::walk_state st;
  st.guid = guid;
  auto now = walk::read_status(c, st, model::challenge_set::for_config(cfg));
  REQUIRE(now.ok);
  return now.done.test(model::index_of(x));
}

} // namespace

TEST_SUITE("http.edition") {
  TEST_CASE("§10 2026: /api paths and the legacy root paths both answer") {
    auto opts = options_for(model::edition_id::y2026);
    test::running_server srv{opts};
    auto c = srv.make_client();
    auto api = c.call("GET", "/api/todos", {{"Accept", "application/json"}});
    CHECK(api.status == 200);
    CHECK(api.body.rfind("{\"todos\":[", 0) == 0);
    auto legacy = c.call("GET", "/todos", {{"Accept", "application/json"}});
    CHECK(legacy.status == 200);
    CHECK(legacy.body == api.body);
    CHECK(api.header("X-CHALLENGER") == "rest-api-challenges-single-player");
    // The hooks see the path without /api: /api/todo is the plural miss.
    CHECK_FALSE(done(c, opts.api, C::GET_TODOS_NOT_PLURAL_404));
    CHECK(c.call("GET", "/api/todo").status == 404);
    CHECK(done(c, opts.api, C::GET_TODOS_NOT_PLURAL_404));
    // /api itself and unknown paths under it are no API paths.
    CHECK(c.call("GET", "/api/nothing", {{"Accept", "application/json"}}).status
          == 404);
    // The challenge list speaks of /api paths.
    auto list = c.call("GET", "/api/challenges",
                       {{"Accept", "application/json"}});
    CHECK(list.status == 200);
    CHECK(list.body.find("\"name\":\"POST /api/challenger (201)\"")
          != std::string::npos);
    CHECK(list.body.find("\"id\":96,") != std::string::npos);
    CHECK(list.body.find("\"id\":97,") == std::string::npos);
  }

  TEST_CASE("§10 2026: DELETE answers 204 and credits DELETE_A_TODO") {
    auto opts = options_for(model::edition_id::y2026);
    test::running_server srv{opts};
    auto c = srv.make_client();
    auto r = c.call("DELETE", "/api/todos/1");
    CHECK(r.status == 204);
    CHECK(r.body.empty());
    CHECK(done(c, opts.api, C::DELETE_A_TODO));
    CHECK(c.call("DELETE", "/api/todos/1").status == 404);
  }

  TEST_CASE("§10 2026: an X-CHALLENGER over 100 characters gets 431") {
    auto opts = options_for(model::edition_id::y2026,
                            model::user_mode::multi_user);
    test::running_server srv{opts};
    auto c = srv.make_client();
    auto created = c.call("POST", "/api/challenger");
    REQUIRE(created.status == 201);
    auto guid = created.header("X-CHALLENGER");
    REQUIRE(guid.size() == 36);
    // A near miss: the same header on another route credits nothing.
    auto miss = c.call("GET", "/api/todos",
                       {{"X-CHALLENGER", guid + std::string(65, 'x')}});
    CHECK(miss.status == 431);
    CHECK_FALSE(done(c, opts.api, C::X_CHALLENGER_TOO_LONG_431, guid));
    auto r = c.call("GET", "/api/heartbeat",
                    {{"X-CHALLENGER", guid + std::string(65, 'x')}});
    CHECK(r.status == 431);
    CHECK(r.body
          == "{\"errorMessages\":[\"X-CHALLENGER header is too large, maximum "
             "allowed is 100 characters\"]}");
    CHECK(r.header("Access-Control-Allow-Origin") == "*");
    CHECK(r.header("X-CHALLENGER") == guid);
    CHECK(done(c, opts.api, C::X_CHALLENGER_TOO_LONG_431, guid));
    // 100 characters exactly are accepted (an unknown GUID: 204 still).
    CHECK(c.call("GET", "/api/heartbeat",
                 {{"X-CHALLENGER", guid + std::string(64, 'x')}})
            .status
          == 204);
  }

  TEST_CASE("§10 2026: documentation under /api/docs, 301 from /docs") {
    auto opts = options_for(model::edition_id::y2026);
    test::running_server srv{opts};
    auto c = srv.make_client();
    auto moved = c.call("GET", "/docs");
    CHECK(moved.status == 301);
    CHECK(moved.header("Location") == "/api/docs");
    auto json = c.call("GET", "/docs/openapi.json");
    CHECK(json.status == 301);
    CHECK(json.header("Location") == "/api/docs/openapi.json");
    auto page = c.call("GET", "/api/docs");
    CHECK(page.status == 200);
    CHECK(page.body.find("<code>/api/todos/{id}</code>") != std::string::npos);
    auto doc = c.call("GET", "/api/docs/openapi.json");
    CHECK(doc.status == 200);
    CHECK(doc.body.find("\"/api/todos\": {") != std::string::npos);
    CHECK(doc.body.find("\"/todos\": {") == std::string::npos);
    // The progress page has the 2026 sections and names.
    auto gui = c.call("GET", "/gui/challenges");
    CHECK(gui.status == 200);
    CHECK(gui.body.find("GET Pagination Challenges") != std::string::npos);
    CHECK(gui.body.find("GET /api/heartbeat (431) X-CHALLENGER too long")
          != std::string::npos);
    auto metrics = c.call("GET", "/metrics");
    CHECK(metrics.body.find("challenge_server_edition_info{edition=\"2026\"} 1")
          != std::string::npos);
  }

  TEST_CASE("§10 a session stored by classic loads in 2026 and back") {
    test::temp_dir dir;
    auto opts = test::options(model::user_mode::multi_user, true,
                              dir.file("both.db"));
    std::string guid;
    {
      test::running_server classic{opts};
      auto c = classic.make_client();
      auto created = c.call("POST", "/challenger");
      REQUIRE(created.status == 201);
      guid = created.header("X-CHALLENGER");
      CHECK(
        c.call("PUT", "/todos/99",
               {{"X-CHALLENGER", guid}, {"Content-Type", "application/json"}},
               R"({"title":"x"})")
          .status
        == 400);
      CHECK(done(c, opts.api, C::PUT_TODOS_400, guid));
    }
    auto opts_2026 = opts;
    opts_2026.api.edition = model::edition_id::y2026;
    {
      test::running_server y2026{opts_2026};
      auto c = y2026.make_client();
      // The renamed challenge reads as PUT_TODOS_422, shared ones stay.
      CHECK(done(c, opts_2026.api, C::PUT_TODOS_400, guid));
      CHECK(done(c, opts_2026.api, C::CREATE_NEW_CHALLENGER, guid));
      auto progress = c.call("GET", "/api/challenger/" + guid,
                             {{"X-CHALLENGER", guid}});
      CHECK(progress.body.find("\"PUT_TODOS_422\":true") != std::string::npos);
      // Earn a 2026-only challenge before going back.
      CHECK(c.call("GET", "/api/heartbeat",
                   {{"X-CHALLENGER", guid + std::string(70, 'x')}})
              .status
            == 431);
      CHECK(done(c, opts_2026.api, C::X_CHALLENGER_TOO_LONG_431, guid));
    }
    {
      test::running_server classic{opts};
      auto c = classic.make_client();
      CHECK(done(c, opts.api, C::PUT_TODOS_400, guid));
      auto progress = c.call("GET", "/challenger/" + guid,
                             {{"X-CHALLENGER", guid}});
      CHECK(progress.body.find("\"PUT_TODOS_400\":true") != std::string::npos);
      CHECK(progress.body.find("X_CHALLENGER_TOO_LONG_431")
            == std::string::npos);
    }
  }

  TEST_CASE("§10 classic: /api is no API path, and no 431") {
    auto opts = options_for(model::edition_id::classic);
    test::running_server srv{opts};
    auto c = srv.make_client();
    auto r = c.call("GET", "/api/todos", {{"Accept", "application/json"}});
    CHECK(r.status == 404);
    CHECK_FALSE(r.has_header("X-CHALLENGER"));
    CHECK(c.call("GET", "/heartbeat", {{"X-CHALLENGER", std::string(200, 'x')}})
            .status
          == 204);
    CHECK(c.call("DELETE", "/todos/1").status == 200);
    CHECK(c.call("GET", "/docs").status == 200);
    CHECK(c.call("GET", "/api/docs").status == 404);
    auto metrics = c.call("GET", "/metrics");
    CHECK(
      metrics.body.find("challenge_server_edition_info{edition=\"classic\"} 1")
      != std::string::npos);
  }
}
