// Tier 1: every challenge is credited by its exact request and not by a
// near miss (BEHAVIOUR §1.1, §1.2).

#include "support/api_fixture.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <vector>

using model::challenge;
using test::api_fixture;

namespace {

struct step {
  std::string method;
  std::string target;
  model::header_list headers = {};
  std::string body = {};
};

struct row {
  challenge key;
  /// A request that looks close but must not credit `key`.
  step miss;
  /// The exact request that credits `key`.
  step hit;
  /// Runs after the miss and before the hit.
  std::function<void(api_fixture&)> setup = {};
};

const std::string token = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const std::string single = "rest-api-challenges-single-player";

model::header_list json(model::header_list extra = {}) {
  extra.push_back({"Content-Type", "application/json"});
  return extra;
}

model::header_list xml(model::header_list extra = {}) {
  extra.push_back({"Content-Type", "application/xml"});
  return extra;
}

std::string title_body(std::size_t title, std::size_t description) {
  return R"({"title":")" + std::string(title, 't') + R"(","description":")"
         + std::string(description, 'd') + "\"}";
}

std::string progress_body(const std::string& guid) {
  return R"({"xAuthToken":")" + token + R"(","xChallenger":")" + guid
         + R"(","secretNote":"","challengeStatus":{}})";
}

void run(api_fixture& f, const step& s) {
  f.send(s.method, s.target, s.headers, s.body);
}

void check_row(const row& r, model::api_config cfg) {
  CAPTURE(model::info(r.key).key_name);
  api_fixture f{cfg};
  run(f, r.miss);
  CHECK_FALSE(f.done(r.key));
  if (r.setup)
    r.setup(f);
  run(f, r.hit);
  CHECK(f.done(r.key));
}

std::vector<row> single_user_rows() {
  auto override_to = [](const char* m) {
    return model::header_list{{"X-HTTP-Method-Override", m}};
  };
  std::string note = R"({"note":"my note"})";
  return {
    {challenge::CREATE_NEW_CHALLENGER,
     {"GET", "/challenger"},
     {"POST", "/challenger"}},
    {challenge::GET_CHALLENGES,
     {"HEAD", "/challenges"},
     {"GET", "/challenges"}},
    {challenge::GET_TODOS, {"GET", "/todos?x=1"}, {"GET", "/todos"}},
    {challenge::GET_TODOS_NOT_PLURAL_404, {"GET", "/todos/"}, {"GET", "/todo"}},
    {challenge::GET_TODO, {"GET", "/todos/99"}, {"GET", "/todos/1"}},
    {challenge::GET_TODO_404, {"GET", "/todos/1"}, {"GET", "/todos/99"}},
    {challenge::GET_TODOS_FILTERED,
     {"GET", "/todos?doneStatus=true"},
     {"GET", "/todos?doneStatus=true"},
     [](api_fixture& f) {
       f.send("POST", "/todos/1", json(), R"({"doneStatus":true})");
     }},
    {challenge::GET_HEAD_TODOS,
     {"HEAD", "/todos?doneStatus=true"},
     {"HEAD", "/todos"}},
    {challenge::POST_TODOS,
     {"POST", "/todos", json(), R"({"title":""})"},
     {"POST", "/todos", json(), R"({"title":"x"})"}},
    {challenge::POST_TODOS_BAD_DONE_STATUS,
     {"POST", "/todos", json(), R"({"title":"x","doneStatus":true})"},
     {"POST", "/todos", json(), R"({"title":"x","doneStatus":"invalid"})"}},
    {challenge::POST_TODOS_TOO_LONG_TITLE_LENGTH,
     {"POST", "/todos", json(), title_body(50, 0)},
     {"POST", "/todos", json(), title_body(51, 0)}},
    {challenge::POST_TODOS_TOO_LONG_DESCRIPTION_LENGTH,
     {"POST", "/todos", json(), title_body(5, 200)},
     {"POST", "/todos", json(), title_body(5, 201)}},
    {challenge::POST_MAX_OUT_TITLE_DESCRIPTION_LENGTH,
     {"POST", "/todos", json(), title_body(50, 199)},
     {"POST", "/todos", json(), title_body(50, 200)}},
    {challenge::POST_TODOS_TOO_LONG_PAYLOAD_SIZE,
     {"POST", "/todos", json(), std::string(5000, ' ')},
     {"POST", "/todos", json(), std::string(5001, ' ')}},
    {challenge::POST_TODOS_INVALID_EXTRA_FIELD,
     {"POST", "/todos/1", json(), R"({"priority":"extra"})"},
     {"POST", "/todos", json(), R"({"title":"a title","priority":"extra"})"}},
    {challenge::PUT_TODOS_400,
     {"PUT", "/todos/1", json(), R"({"title":"x"})"},
     {"PUT", "/todos/99", json(), R"({"title":"x"})"}},
    {challenge::POST_UPDATE_TODO,
     {"POST", "/todos/99", json(), R"({"title":"y"})"},
     {"POST", "/todos/1", json(), R"({"title":"y"})"}},
    {challenge::POST_TODOS_404,
     {"PUT", "/todos/99", json(), R"({"title":"y"})"},
     {"POST", "/todos/99", json(), R"({"title":"y"})"}},
    {challenge::PUT_TODOS_FULL_200,
     {"PUT", "/todos/1", json(), R"({"title":"x","description":"d"})"},
     {"PUT", "/todos/1", json(),
      R"({"title":"x","description":"d","doneStatus":true})"}},
    {challenge::PUT_TODOS_PARTIAL_200,
     {"PUT", "/todos/1", json(), R"({"title":"x","description":"d"})"},
     {"PUT", "/todos/1", json(), R"({"title":"x"})"}},
    {challenge::PUT_TODOS_MISSING_TITLE_400,
     {"POST", "/todos/1", json(), R"({"description":"d"})"},
     {"PUT", "/todos/1", json(), R"({"description":"d"})"}},
    {challenge::PUT_TODOS_400_NO_AMEND_ID,
     {"PUT", "/todos/1", json(), R"({"id":1,"title":"x"})"},
     {"PUT", "/todos/1", json(), R"({"id":2,"title":"x"})"}},
    {challenge::DELETE_A_TODO, {"DELETE", "/todos/99"}, {"DELETE", "/todos/1"}},
    {challenge::OPTIONS_TODOS, {"OPTIONS", "/todos/1"}, {"OPTIONS", "/todos"}},
    {challenge::GET_ACCEPT_XML,
     {"GET", "/todos?x=1", {{"Accept", "application/xml"}}},
     {"GET", "/todos", {{"Accept", "application/xml"}}}},
    {challenge::GET_ACCEPT_JSON,
     {"GET", "/todos", {{"Accept", "application/xml"}}},
     {"GET", "/todos", {{"Accept", "application/json"}}}},
    {challenge::GET_ACCEPT_ANY_DEFAULT_JSON,
     {"GET", "/todos", {{"Accept", "application/json"}}},
     {"GET", "/todos", {{"Accept", "*/*"}}}},
    {challenge::GET_ACCEPT_XML_PREFERRED,
     {"GET", "/todos", {{"Accept", "application/json, application/xml"}}},
     {"GET", "/todos", {{"Accept", "application/xml, application/json"}}}},
    {challenge::GET_JSON_BY_DEFAULT_NO_ACCEPT,
     {"GET", "/todos", {{"Accept", "*/*"}}},
     {"GET", "/todos"}},
    {challenge::GET_UNSUPPORTED_ACCEPT_406,
     {"GET", "/todos?x=1", {{"Accept", "application/gzip"}}},
     {"GET", "/todos", {{"Accept", "application/gzip"}}}},
    {challenge::POST_CREATE_XML,
     {"POST", "/todos", xml({{"Accept", "application/json"}}),
      "<todo><title>x</title></todo>"},
     {"POST", "/todos", xml({{"Accept", "application/xml"}}),
      "<todo><title>x</title></todo>"}},
    {challenge::POST_CREATE_JSON,
     {"POST", "/todos", json({{"Accept", "application/xml"}}),
      R"({"title":"x"})"},
     {"POST", "/todos", json({{"Accept", "application/json"}}),
      R"({"title":"x"})"}},
    {challenge::POST_TODOS_415,
     {"POST", "/todos/1", {{"Content-Type", "text/plain"}}, "x"},
     {"POST", "/todos", {{"Content-Type", "text/plain"}}, "x"}},
    {challenge::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS,
     {"GET", "/challenger/0f8fad5b-d9cb-469f-a165-70867728950e"},
     {"GET", "/challenger/" + single}},
    {challenge::PUT_RESTORABLE_CHALLENGER_PROGRESS_STATUS,
     {"PUT", "/challenger/" + single, json(), progress_body("other")},
     {"PUT", "/challenger/" + single, json(), progress_body(single)}},
    {challenge::GET_RESTORABLE_TODOS,
     {"HEAD", "/challenger/database/x"},
     {"GET", "/challenger/database/x"}},
    {challenge::PUT_RESTORABLE_TODOS,
     {"PUT", "/challenger/database/x", json(), R"({"bob":[]})"},
     {"PUT", "/challenger/database/x", json(),
      R"({"todos":[{"id":1,"title":"a"}]})"}},
    {challenge::POST_CREATE_XML_ACCEPT_JSON,
     {"POST", "/todos", xml({{"Accept", "application/xml"}}),
      "<todo><title>x</title></todo>"},
     {"POST", "/todos", xml({{"Accept", "application/json"}}),
      "<todo><title>x</title></todo>"}},
    {challenge::POST_CREATE_JSON_ACCEPT_XML,
     {"POST", "/todos", json({{"Accept", "application/json"}}),
      R"({"title":"x"})"},
     {"POST", "/todos", json({{"Accept", "application/xml"}}),
      R"({"title":"x"})"}},
    {challenge::DELETE_HEARTBEAT_405,
     {"POST", "/heartbeat", override_to("DELETE")},
     {"DELETE", "/heartbeat"}},
    {challenge::PATCH_HEARTBEAT_500,
     {"POST", "/heartbeat", override_to("PATCH")},
     {"PATCH", "/heartbeat"}},
    {challenge::TRACE_HEARTBEAT_501,
     {"POST", "/heartbeat", override_to("TRACE")},
     {"TRACE", "/heartbeat"}},
    {challenge::GET_HEARTBEAT_204,
     {"HEAD", "/heartbeat"},
     {"GET", "/heartbeat"}},
    {challenge::OVERRIDE_DELETE_HEARTBEAT_405,
     {"DELETE", "/heartbeat"},
     {"POST", "/heartbeat", override_to("delete")}},
    {challenge::OVERRIDE_PATCH_HEARTBEAT_500,
     {"GET", "/heartbeat", override_to("patch")},
     {"POST", "/heartbeat", override_to("patch")}},
    {challenge::OVERRIDE_TRACE_HEARTBEAT_501,
     {"TRACE", "/heartbeat"},
     {"POST", "/heartbeat", override_to("Trace")}},
    {challenge::CREATE_SECRET_TOKEN_401,
     {"POST", "/secret/token", {{"Authorization", "Basic x"}}},
     {"POST", "/secret/token", {{"Authorization", "Basic YWRtaW46d3Jvbmc="}}}},
    {challenge::CREATE_SECRET_TOKEN_201,
     {"POST", "/secret/token", {{"Authorization", "Basic YWRtaW46d3Jvbmc="}}},
     {"POST",
      "/secret/token",
      {{"Authorization", "Basic YWRtaW46cGFzc3dvcmQ="}}}},
    {challenge::GET_SECRET_NOTE_403,
     {"GET", "/secret/note", {{"X-AUTH-TOKEN", "x"}}},
     {"GET", "/secret/note", {{"X-AUTH-TOKEN", "bob"}}}},
    {challenge::GET_SECRET_NOTE_401,
     {"GET", "/secret/note", {{"X-AUTH-TOKEN", ""}}},
     {"GET", "/secret/note"}},
    {challenge::GET_SECRET_NOTE_200,
     {"GET", "/secret/note", {{"Authorization", "Bearer " + token}}},
     {"GET", "/secret/note", {{"X-AUTH-TOKEN", token}}}},
    {challenge::POST_SECRET_NOTE_200,
     {"POST", "/secret/note", xml({{"X-AUTH-TOKEN", token}}),
      "<secretnote><note>x</note></secretnote>"},
     {"POST", "/secret/note", json({{"X-AUTH-TOKEN", token}}), note}},
    {challenge::POST_SECRET_NOTE_401,
     {"POST", "/secret/note", json(), "{}"},
     {"POST", "/secret/note", json(), note}},
    {challenge::POST_SECRET_NOTE_403,
     {"POST", "/secret/note", json({{"X-AUTH-TOKEN", "x"}}), note},
     {"POST", "/secret/note", json({{"X-AUTH-TOKEN", "bob"}}), note}},
    {challenge::GET_SECRET_NOTE_BEARER_200,
     {"GET", "/secret/note", {{"X-AUTH-TOKEN", token}}},
     {"GET", "/secret/note", {{"Authorization", "bearer " + token}}}},
    {challenge::POST_SECRET_NOTE_BEARER_200,
     {"POST", "/secret/note", xml({{"Authorization", "Bearer " + token}}),
      "<secretnote><note>x</note></secretnote>"},
     {"POST", "/secret/note", json({{"Authorization", "Bearer " + token}}),
      note}},
    {challenge::DELETE_ALL_TODOS,
     {"DELETE", "/todos/1"},
     {"DELETE", "/todos/10"},
     [](api_fixture& f) {
       for (int i = 2; i <= 9; ++i)
         f.send("DELETE", "/todos/" + std::to_string(i));
     }},
    {challenge::POST_ALL_TODOS,
     {"POST", "/todos", json(), R"({"x":1})"},
     {"POST", "/todos", json(), R"({"title":"21st"})"},
     [](api_fixture& f) {
       for (int i = 0; i < 10; ++i)
         f.create(R"({"title":"t"})");
     }},
  };
}

} // namespace

TEST_SUITE("model.rules") {
  TEST_CASE("§1.2 every single-user challenge: its request credits it, a near "
            "miss does not") {
    auto rows = single_user_rows();
    // Every challenge of the single-user set has a row.
    auto defined = model::challenge_set::for_config({});
    CHECK(rows.size() == defined.size());
    for (auto& r : rows)
      check_row(r, {});
  }

  TEST_CASE("§1.2 multi-user: the restore challenges need a loaded session") {
    model::api_config cfg;
    cfg.mode = model::user_mode::multi_user;
    api_fixture probe{cfg};
    auto guid = probe.me.guid;
    auto loaded = [](api_fixture& f) {
      f.me.state = model::challenger_state::loaded;
    };
    check_row({challenge::GET_RESTORE_EXISTING_CHALLENGER,
               {"GET", "/challenger/" + guid},
               {"GET", "/challenger/" + guid},
               loaded},
              cfg);
    check_row({challenge::POST_RESTORE_EXISTING_CHALLENGER,
               {"POST", "/challenger"},
               {"POST", "/challenger"},
               loaded},
              cfg);
    // The 59-challenge configuration (no storage) does not define them.
    cfg.storage = false;
    api_fixture hosted{cfg};
    hosted.me.state = model::challenger_state::loaded;
    hosted.send("GET", "/challenger/" + guid);
    CHECK_FALSE(hosted.done(challenge::GET_RESTORE_EXISTING_CHALLENGER));
    CHECK(hosted.done(challenge::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS));
  }

  TEST_CASE("§1.2 multi-user: GET /challenger/{guid} credits only with the "
            "same X-CHALLENGER") {
    model::api_config cfg;
    cfg.mode = model::user_mode::multi_user;
    api_fixture f{cfg};
    auto path = "/challenger/" + f.me.guid;
    model::respond(&f.me, test::make_request("GET", path), f.ctx);
    CHECK_FALSE(f.done(challenge::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS));
    f.send("GET", path);
    CHECK(f.done(challenge::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS));
  }

  TEST_CASE("§1.2 multi-user: PUT /challenger/{guid} CREATE needs a new GUID") {
    model::api_config cfg;
    cfg.mode = model::user_mode::multi_user;
    api_fixture f{cfg};
    auto body = progress_body(f.me.guid);
    f.send("PUT", "/challenger/" + f.me.guid, json(), body);
    CHECK_FALSE(f.done(challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS));
    model::challenger fresh;
    fresh.guid = f.me.guid;
    fresh.auth_token = token;
    auto res = model::respond(&fresh,
                              test::make_request("PUT",
                                                 "/challenger/" + f.me.guid,
                                                 json(), body),
                              f.ctx);
    CHECK(res.status == 201);
    CHECK(fresh.done.test(
      model::index_of(challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS)));
    // A session just loaded from storage was not in memory: a PUT without
    // its X-CHALLENGER recreates it (201); one that names it restores (200).
    model::challenger loaded = f.me;
    loaded.resident = false;
    loaded.done.reset();
    auto put = test::make_request("PUT", "/challenger/" + f.me.guid, json(),
                                  body);
    CHECK(model::respond(&loaded, put, f.ctx).status == 201);
    CHECK(loaded.done.test(
      model::index_of(challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS)));
    CHECK(model::respond(&loaded, put, f.ctx).status == 200);
    loaded.resident = false;
    put.headers.push_back({"X-CHALLENGER", f.me.guid});
    CHECK(model::respond(&loaded, put, f.ctx).status == 200);
    // Not defined in single-user mode.
    api_fixture s;
    CHECK_FALSE(s.ctx.challenges.contains(
      challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS));
  }

  TEST_CASE("§1.1 crediting is idempotent and only a change bumps revision") {
    api_fixture f;
    f.send("GET", "/heartbeat");
    auto after_first = f.me.revision;
    CHECK(after_first > 0);
    f.send("GET", "/heartbeat");
    CHECK(f.me.revision == after_first);
    CHECK(f.me.done.count() == 1);
  }

  TEST_CASE("§1.1 rules see the real method: an overridden POST credits only "
            "POST rules") {
    api_fixture f;
    f.send("POST", "/todos/2", {{"X-HTTP-Method-Override", "DELETE"}});
    CHECK(f.me.todos.find(2) == nullptr);
    CHECK(f.done(challenge::POST_UPDATE_TODO));
    CHECK_FALSE(f.done(challenge::DELETE_A_TODO));
    // POST /todos overridden to OPTIONS: 204, no rewrite, no credit.
    auto res = f.send("POST", "/todos",
                      {{"X-HTTP-Method-Override", "OPTIONS"}});
    CHECK(res.status == 204);
    CHECK_FALSE(f.done(challenge::OPTIONS_TODOS));
  }

  TEST_CASE("§5.3 nothing is credited without a challenger") {
    model::api_config cfg;
    cfg.mode = model::user_mode::multi_user;
    api_fixture f{cfg};
    f.anonymous("GET", "/todos");
    f.anonymous("GET", "/challenges");
    CHECK(f.me.done.none());
  }

} // TEST_SUITE
