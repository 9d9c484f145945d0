// Tier 1: the API answered by model::respond, without a server. Each test
// names the spec section it checks.

#include "model/negotiation.hpp"
#include "support/api_fixture.hpp"

#include <doctest/doctest.h>

using test::api_fixture;
using test::json_headers;

namespace {

model::api_config multi_user() {
  model::api_config cfg;
  cfg.mode = model::user_mode::multi_user;
  return cfg;
}

std::string header(const model::response& res, std::string_view name) {
  auto x = res.header(name);
  return x ? *x : std::string{"<absent>"};
}

} // namespace

TEST_SUITE("model.api") {
  TEST_CASE("§2.2 §2.3 the seed todos in JSON, ids ascending") {
    api_fixture f;
    auto res = f.send("GET", "/todos");
    CHECK(res.status == 200);
    CHECK(res.content_type == "application/json");
    CHECK(
      res.body.rfind("{\"todos\":[{\"id\":1,\"title\":\"scan paperwork\","
                     "\"doneStatus\":false,\"description\":\"\"},{\"id\":2,",
                     0)
      == 0);
    CHECK(res.body.find("{\"id\":10,\"title\":\"install webcam\","
                        "\"doneStatus\":false,\"description\":\"\"}]}")
          != std::string::npos);
    CHECK(header(res, "x-robots-tag") == "noindex");
  }

  TEST_CASE("§2.3 GET /todos/{id} is a one-element collection, JSON and XML") {
    api_fixture f;
    CHECK(
      f.send("GET", "/todos/1").body
      == R"({"todos":[{"id":1,"title":"scan paperwork","doneStatus":false,"description":""}]})");
    auto xml = f.send("GET", "/todos/1", {{"Accept", "application/xml"}});
    CHECK(xml.content_type == "application/xml");
    CHECK(xml.body
          == "<todos><todo><doneStatus>false</doneStatus><description/>"
             "<id>1</id><title>scan paperwork</title></todo></todos>");
  }

  TEST_CASE("§2.5 ids match by exact text and absurd ids are plain 404s") {
    api_fixture f;
    for (auto id : {"01", "-1", "abc", "99999999999999999999", "1e309", "0"}) {
      CAPTURE(id);
      auto res = f.send("GET", std::string{"/todos/"} + id);
      CHECK(res.status == 404);
      CHECK(res.body
            == std::string{"{\"errorMessages\":[\"Could not find an instance "
                           "with todos/"}
                 + id + "\"]}");
    }
  }

  TEST_CASE("§2.5 POST /todos creates with 201, Location and the todo") {
    api_fixture f;
    auto res = f.create(R"({"title":"my title"})");
    CHECK(res.status == 201);
    CHECK(header(res, "Location") == "/todos/11");
    CHECK(
      res.body
      == R"({"id":11,"title":"my title","doneStatus":false,"description":""})");
    CHECK(f.me.todos.size() == 11);
  }

  TEST_CASE("§2.6 create check order and messages (2025 engine)") {
    api_fixture f;
    auto err = [&](std::string body) {
      auto res = f.create(std::move(body));
      CHECK(res.status == 400);
      return res.body;
    };
    CHECK(
      err(R"({"id":5,"title":"x"})")
      == R"({"errorMessages":["Invalid Creation: Failed Validation: Not allowed to create with id"]})");
    CHECK(
      err(R"({"title":"a title","doneStatus":"invalid"})")
      == R"({"errorMessages":["Failed Validation: doneStatus should be BOOLEAN but was STRING"]})");
    CHECK(
      err(R"({"title":"a","doneStatus":1})")
      == R"({"errorMessages":["Failed Validation: doneStatus should be BOOLEAN but was NUMERIC"]})");
    CHECK(
      err(R"({"title":"a","doneStatus":null})")
      == R"({"errorMessages":["Failed Validation: doneStatus should be BOOLEAN but was Something Else"]})");
    CHECK(err(R"({"title":"a title","priority":"extra"})")
          == R"({"errorMessages":["Could not find field: priority"]})");
    CHECK(
      err(R"({"title":")" + std::string(51, 'x') + "\"}")
      == R"({"errorMessages":["Failed Validation: Maximum allowable length exceeded for title - maximum allowed is 50"]})");
    CHECK(
      err(R"({"title":"t","description":")" + std::string(201, 'x') + "\"}")
      == R"({"errorMessages":["Failed Validation: Maximum allowable length exceeded for description - maximum allowed is 200"]})");
    CHECK(
      err(R"({"title":"   "})")
      == R"({"errorMessages":["Failed Validation: title : can not be empty"]})");
    CHECK(err(R"({"description":"no title"})")
          == R"({"errorMessages":["title : field is mandatory"]})");
    // The first failing key in request-document order wins.
    CHECK(
      err(R"({"priority":1,"doneStatus":"x"})")
      == R"({"errorMessages":["Failed Validation: doneStatus should be BOOLEAN but was STRING"]})");
    CHECK(
      err(R"({"description":")" + std::string(201, 'x') + R"(","title":")"
          + std::string(51, 'x') + "\"}")
      == R"({"errorMessages":["Failed Validation: Maximum allowable length exceeded for description - maximum allowed is 200"]})");
  }

  TEST_CASE("§2.2 §2.6 failed creates burn ids but the id check does not") {
    api_fixture f;
    f.create(R"({"id":1,"title":"x"})"); // rejected before allocation
    f.create(R"({"title":"x","bad":1})"); // burns 11
    f.create(R"({"description":"no title"})"); // burns 12
    auto res = f.create(R"({"title":"ok"})");
    CHECK(header(res, "Location") == "/todos/13");
  }

  TEST_CASE(
    "§2.6 the 20 limit is checked last and --unlimited-todos lifts it") {
    api_fixture f;
    for (int i = 0; i < 10; ++i)
      CHECK(f.create(R"({"title":"t"})").status == 201);
    auto full = f.create(R"({"title":"t"})");
    CHECK(full.status == 400);
    CHECK(
      full.body
      == R"({"errorMessages":["ERROR: Cannot add instance, maximum limit of 20 reached"]})");
    CHECK(f.create(R"({"description":"d"})").body
          == R"({"errorMessages":["title : field is mandatory"]})");
    model::api_config cfg;
    cfg.unlimited_todos = true;
    api_fixture unlimited{cfg};
    for (int i = 0; i < 15; ++i)
      CHECK(unlimited.create(R"({"title":"t"})").status == 201);
    CHECK(unlimited.me.todos.size() == 25);
  }

  TEST_CASE("§2.3 a JSON number stored in a string field is Java's double") {
    api_fixture f;
    auto res = f.create(R"({"title":5})");
    CHECK(res.body
          == R"({"id":11,"title":"5.0","doneStatus":false,"description":""})");
  }

  TEST_CASE("§2.4 pipeline order: 406, 413, then Content-Type and syntax") {
    api_fixture f;
    auto res = f.send("GET", "/todos", {{"Accept", "application/gzip"}});
    CHECK(res.status == 406);
    CHECK(res.content_type == "application/json");
    CHECK(res.body == R"({"errorMessages":["Unrecognised Accept Type"]})");
    // Size precedes the Content-Type check (repo test ConfigSetupTest).
    res = f.send("POST", "/todos/1", {}, std::string(5001, 'x'));
    CHECK(res.status == 413);
    CHECK(
      res.body
      == R"({"errorMessages":["Error: Request body too large, max allowed is 5000 bytes"]})");
    res = f.send("POST", "/todos", {{"Content-Type", "Text/Plain"}}, "x");
    CHECK(res.status == 415);
    CHECK(res.body
          == R"({"errorMessages":["Unsupported Content Type - text/plain"]})");
    res = f.send("POST", "/todos", {}, R"({"title":"x"})");
    CHECK(res.status == 400);
    CHECK(
      res.body
      == R"({"errorMessages":["Unknown content Type: API cannot parse "]})");
    res = f.send("POST", "/todos", json_headers(), "{\"title\":");
    CHECK(res.status == 400);
    CHECK(
      res.body
      == R"({"errorMessages":["Invalid Json Payload: please check the syntax of the request body"]})");
    res = f.send("POST", "/todos", json_headers(), "[1,2]");
    CHECK(res.status == 400);
    res = f.send("POST", "/todos", {{"Content-Type", "application/xml"}},
                 "<todo><title>x</title>");
    CHECK(res.status == 400);
    CHECK(res.body.find("Invalid XML Payload: ") != std::string::npos);
    res = f.send("POST", "/todos", json_headers(), "\xff\xfe");
    CHECK(res.status == 400);
  }

  TEST_CASE("§2.4 an empty JSON body means no fields") {
    api_fixture f;
    auto res = f.send("POST", "/todos", json_headers(), "");
    CHECK(res.status == 400);
    CHECK(res.body == R"({"errorMessages":["title : field is mandatory"]})");
  }

  TEST_CASE("§3.2 XML in, XML or JSON out") {
    api_fixture f;
    auto res = f.send("POST", "/todos",
                      {{"Content-Type", "application/xml"},
                       {"Accept", "application/xml"}},
                      "<todo><title>my title</title><description>d"
                      "</description><doneStatus>TRUE</doneStatus></todo>");
    CHECK(res.status == 201);
    CHECK(res.body
          == "<todo><doneStatus>true</doneStatus><description>d</description>"
             "<id>11</id><title>my title</title></todo>");
    res = f.send("POST", "/todos",
                 {{"Content-Type", "text/xml"}, {"Accept", "application/json"}},
                 "<todos><title>x</title></todos>");
    CHECK(res.status == 400);
    CHECK(res.body == R"({"errorMessages":["Could not find field: todos"]})");
  }

  TEST_CASE("§2.5 §2.6 amend: partial update, 404, id and typing rules") {
    api_fixture f;
    auto res = f.send("POST", "/todos/1", json_headers(),
                      R"({"doneStatus":"TRUE","description":"d"})");
    CHECK(res.status == 200);
    CHECK(
      res.body
      == R"({"id":1,"title":"scan paperwork","doneStatus":true,"description":"d"})");
    res = f.send("POST", "/todos/99", json_headers(), R"({"title":"x"})");
    CHECK(res.status == 404);
    CHECK(
      res.body
      == R"({"errorMessages":["No such todo entity instance with id \u003d\u003d 99 found"]})");
    res = f.send("POST", "/todos/1", json_headers(), R"({"id":2})");
    CHECK(res.body == R"({"errorMessages":["Can not amend id from 1 to 2"]})");
    CHECK(f.send("POST", "/todos/1", json_headers(), R"({"id":1.0})").status
          == 200);
    res = f.send("POST", "/todos/1", json_headers(), R"({"doneStatus":1})");
    CHECK(
      res.body
      == R"x({"errorMessages":["Failed Validation: doneStatus : 1.0 does not match type BOOLEAN (true, false)"]})x");
    res = f.send("POST", "/todos/1", json_headers(), R"({"name":"x"})");
    CHECK(res.body == R"({"errorMessages":["Could not find field: name"]})");
    // A failed amend changes nothing.
    f.send("POST", "/todos/1", json_headers(), R"({"title":"new","bad":1})");
    CHECK(f.me.todos.find(1)->title == "scan paperwork");
  }

  TEST_CASE("§2.5 §2.6 PUT replaces and unknown ids cannot be created") {
    api_fixture f;
    f.send("POST", "/todos/2", json_headers(),
           R"({"description":"d","doneStatus":true})");
    auto res = f.send("PUT", "/todos/2", json_headers(), R"({"title":"t"})");
    CHECK(res.status == 200);
    CHECK(res.body
          == R"({"id":2,"title":"t","doneStatus":false,"description":""})");
    res = f.send("PUT", "/todos/99", json_headers(), R"({"title":"t"})");
    CHECK(res.status == 400);
    CHECK(
      res.body
      == R"({"errorMessages":["Cannot create todo with PUT due to Auto fields id"]})");
    res = f.send("PUT", "/todos/2", json_headers(), R"({"description":"x"})");
    CHECK(res.body == R"({"errorMessages":["title : field is mandatory"]})");
    res = f.send("PUT", "/todos/2", json_headers(), R"({"id":3,"title":"t"})");
    CHECK(res.body == R"({"errorMessages":["Can not amend id from 2 to 3"]})");
  }

  TEST_CASE("§2.5 DELETE: 200 with no body, then 404") {
    api_fixture f;
    auto res = f.send("DELETE", "/todos/3");
    CHECK(res.status == 200);
    CHECK(res.body.empty());
    res = f.send("DELETE", "/todos/3");
    CHECK(res.status == 404);
    CHECK(
      res.body
      == R"({"errorMessages":["Could not find any instances with todos/3"]})");
  }

  TEST_CASE("§2.7 filtering and sorting GET /todos") {
    api_fixture f;
    f.send("POST", "/todos/4", json_headers(), R"({"doneStatus":true})");
    auto res = f.send("GET", "/todos?doneStatus=true");
    CHECK(
      res.body
      == R"({"todos":[{"id":4,"title":"escalate late payments","doneStatus":true,"description":""}]})");
    res = f.send("GET", "/todos?id>8&sortBy=-id");
    CHECK(res.body.rfind(R"({"todos":[{"id":10,)", 0) == 0);
    CHECK(res.body.find(R"({"id":8,)") == std::string::npos);
  }

  TEST_CASE("§2.1 §3.4 route table: OPTIONS, 405s and Allow values") {
    api_fixture anon_cfg{multi_user()};
    struct row {
      const char* method;
      const char* path;
      int status;
      const char* allow;
    };
    row rows[] = {
      {"OPTIONS", "/todos", 204, "OPTIONS, GET, HEAD, POST"},
      {"OPTIONS", "/todos/1", 204, "OPTIONS, GET, HEAD, POST, PUT, DELETE"},
      {"OPTIONS", "/challenges", 200, "GET, HEAD, OPTIONS"},
      {"OPTIONS", "/challenger", 204, "POST, OPTIONS"},
      {"OPTIONS", "/challenger/x", 204, "GET, PUT, HEAD, OPTIONS"},
      {"OPTIONS", "/challenger/database/x", 204, "GET, PUT, HEAD, OPTIONS"},
      {"OPTIONS", "/heartbeat", 204, "GET, HEAD, OPTIONS"},
      {"OPTIONS", "/secret/token", 204, "POST, OPTIONS"},
      {"OPTIONS", "/secret/note", 204, "GET, HEAD, POST, OPTIONS"},
    };
    for (auto& r : rows) {
      CAPTURE(r.path);
      auto res = anon_cfg.anonymous(r.method, r.path);
      CHECK(res.status == r.status);
      CHECK(header(res, "Allow") == r.allow);
    }
    const char* not_allowed[][2] = {
      {"DELETE", "/todos"},        {"PATCH", "/todos"},
      {"PUT", "/todos"},           {"TRACE", "/todos"},
      {"PATCH", "/todos/1"},       {"TRACE", "/todos/1"},
      {"POST", "/challenges"},     {"PUT", "/challenges"},
      {"DELETE", "/challenges"},   {"PATCH", "/challenges"},
      {"TRACE", "/challenges"},    {"GET", "/challenger"},
      {"HEAD", "/challenger"},     {"PUT", "/challenger"},
      {"DELETE", "/challenger"},   {"PATCH", "/challenger"},
      {"TRACE", "/challenger"},    {"POST", "/challenger/x"},
      {"DELETE", "/challenger/x"}, {"PATCH", "/challenger/x"},
      {"TRACE", "/challenger/x"},  {"POST", "/challenger/database/x"},
      {"DELETE", "/heartbeat"},    {"PUT", "/heartbeat"},
      {"POST", "/heartbeat"},      {"GET", "/secret/token"},
      {"HEAD", "/secret/token"},   {"PUT", "/secret/token"},
      {"DELETE", "/secret/token"}, {"PATCH", "/secret/token"},
      {"TRACE", "/secret/token"},  {"PUT", "/secret/note"},
      {"DELETE", "/secret/note"},  {"PATCH", "/secret/note"},
      {"TRACE", "/secret/note"},
    };
    for (auto& x : not_allowed) {
      CAPTURE(x[0]);
      CAPTURE(x[1]);
      auto res = anon_cfg.anonymous(x[0], x[1]);
      CHECK(res.status == 405);
      CHECK(res.body.empty());
    }
  }

  TEST_CASE("§2.1 §3.4 OPTIONS /todos is 200 for a recognised challenger") {
    api_fixture f;
    CHECK(f.send("OPTIONS", "/todos").status == 200);
    api_fixture m{multi_user()};
    CHECK(m.anonymous("OPTIONS", "/todos").status == 204);
    CHECK(m.send("OPTIONS", "/todos").status == 200);
  }

  TEST_CASE("§3.6 heartbeat statuses and simple-status Content-Type") {
    api_fixture f;
    auto res = f.send("GET", "/heartbeat");
    CHECK(res.status == 204);
    CHECK(res.content_type == "application/json");
    res = f.send("GET", "/heartbeat", {{"Accept", "Text/HTML, */*"}});
    CHECK(res.content_type == "application/json");
    res = f.send("GET", "/heartbeat",
                 {{"Accept", "Text/HTML,application/xml"}});
    CHECK(res.content_type == "text/html");
    CHECK(f.send("PATCH", "/heartbeat").status == 500);
    CHECK(f.send("TRACE", "/heartbeat").status == 501);
    CHECK(f.send("POST", "/heartbeat").status == 405);
    CHECK(f.send("HEAD", "/heartbeat").status == 204);
  }

  TEST_CASE("§3.3 X-HTTP-Method-Override routes and unknown values are 404") {
    api_fixture f;
    auto with = [&](const char* value) {
      return f.send("POST", "/heartbeat", {{"X-HTTP-Method-Override", value}});
    };
    CHECK(with("PATCH").status == 500);
    CHECK(with("trace").status == 501);
    CHECK(with("Delete").status == 405);
    auto res = with("BREW");
    CHECK(res.status == 404);
    CHECK(res.body == "<html><body><h2>404 Not found</h2></body></html>");
    // POST /todos/{id} overridden to DELETE deletes the todo.
    CHECK(
      f.send("POST", "/todos/5", {{"X-HTTP-Method-Override", "DELETE"}}).status
      == 200);
    CHECK(f.me.todos.find(5) == nullptr);
  }

  TEST_CASE("§2.8 404s under the API prefixes are rewritten by Accept") {
    api_fixture f;
    auto res = f.send("GET", "/todo", {{"Accept", "application/json"}});
    CHECK(res.status == 404);
    CHECK(res.body == R"({"errorMessages":["404 resource Unknown"]})");
    res = f.send("GET", "/todos/", {{"Accept", "application/xml"}});
    CHECK(res.body
          == "<errorMessages><message>404 resource Unknown</message>"
             "</errorMessages>");
    res = f.send("GET", "/todos/1/x");
    CHECK(res.status == 404);
    CHECK(res.body.empty());
    res = f.send("TRACE", "/todo");
    CHECK(res.body == "<html><body><h2>404 Not found</h2></body></html>");
  }

  TEST_CASE("§5.2 X-CHALLENGER on API responses") {
    api_fixture f;
    CHECK(header(f.send("GET", "/heartbeat"), "X-CHALLENGER")
          == "rest-api-challenges-single-player");
    api_fixture m{multi_user()};
    CHECK(header(m.anonymous("GET", "/todos"), "X-CHALLENGER")
          == "UNKNOWN CHALLENGER - Challenger not found");
    CHECK(header(m.send("GET", "/todos"), "X-CHALLENGER") == m.me.guid);
  }

  TEST_CASE("§5.3 multi-user without a challenger: shared reads, no writes") {
    api_fixture m{multi_user()};
    auto res = m.anonymous("GET", "/todos");
    CHECK(res.status == 200);
    CHECK(res.body.find("install webcam") != std::string::npos);
    for (auto method : {"POST", "PUT", "DELETE"}) {
      res = m.anonymous(method, "/todos/1", json_headers(), R"({"title":"x"})");
      CHECK(res.status == 401);
      CHECK(
        res.body
        == R"({"errorMessages":["Cannot amend details. Missing a valid X-CHALLENGER header."]})");
      CHECK(header(res, "x-robots-tag") == "noindex");
    }
    // Judged on the effective method: a GET overridden to DELETE is a write.
    res = m.anonymous("GET", "/todos/1",
                      {{"X-HTTP-Method-Override", "DELETE"}});
    CHECK(res.status == 401);
    CHECK(m.ctx.shared_todos.size() == 10);
    res = m.anonymous("POST", "/todos", {{"Accept", "application/xml"}});
    CHECK(res.body
          == "<errorMessages><errorMessage>Cannot amend details. Missing a "
             "valid X-CHALLENGER header.</errorMessage></errorMessages>");
  }

  TEST_CASE("§4.1 POST /secret/token") {
    api_fixture f;
    auto res = f.send("POST", "/secret/token",
                      {{"Authorization", "Basic YWRtaW46cGFzc3dvcmQ="}});
    CHECK(res.status == 201);
    CHECK(header(res, "X-AUTH-TOKEN") == f.me.auth_token);
    CHECK(res.body.empty());
    res = f.send("POST", "/secret/token",
                 {{"Authorization", "Basic YWRtaW46d3Jvbmc="}});
    CHECK(res.status == 401);
    CHECK(header(res, "WWW-Authenticate")
          == "Basic realm=\"User Visible Realm\"");
    api_fixture m{multi_user()};
    res = m.anonymous("POST", "/secret/token",
                      {{"Authorization", "basic YWRtaW46cGFzc3dvcmQ="}});
    CHECK(res.status == 401);
    CHECK(header(res, "X-CHALLENGER")
          == "UNKNOWN CHALLENGER - Challenger not found");
  }

  TEST_CASE("§4.2 §4.3 the secret note: 401, 403, 200, Bearer precedence") {
    api_fixture f;
    auto token = f.me.auth_token;
    CHECK(f.send("GET", "/secret/note").status == 401);
    CHECK(f.send("GET", "/secret/note", {{"X-AUTH-TOKEN", "bob"}}).status
          == 403);
    auto res = f.send("GET", "/secret/note", {{"X-AUTH-TOKEN", token}});
    CHECK(res.status == 200);
    CHECK(res.body == R"({"note":""})");
    res = f.send("POST", "/secret/note",
                 json_headers({{"Authorization", "bearer " + token}}),
                 R"({"note":"my note"})");
    CHECK(res.status == 200);
    CHECK(res.body == R"({"note":"my note"})");
    res = f.send("GET", "/secret/note",
                 {{"Accept", "application/xml"}, {"X-AUTH-TOKEN", token}});
    CHECK(res.body == "<secretnote><note>my note</note></secretnote>");
    // A wrong Bearer token wins over a right X-AUTH-TOKEN.
    CHECK(f.send("GET", "/secret/note",
                 {{"Authorization", "Bearer nope"}, {"X-AUTH-TOKEN", token}})
            .status
          == 403);
    res = f.send("POST", "/secret/note",
                 json_headers({{"X-AUTH-TOKEN", token}}),
                 R"({"note":")" + std::string(101, 'n') + "\"}");
    CHECK(res.status == 400);
    CHECK(
      res.body
      == R"({"errorMessages":["Failed Validation: Maximum allowable length exceeded for note - maximum allowed is 100"]})");
    res = f.send("POST", "/secret/note",
                 json_headers({{"X-AUTH-TOKEN", token}}), R"({"name":"bob"})");
    CHECK(res.body == R"({"errorMessages":["Could not find field: name"]})");
    res = f.send("POST", "/secret/note",
                 json_headers({{"X-AUTH-TOKEN", token}}), "{}");
    CHECK(res.body == R"({"errorMessages":["note : field is mandatory"]})");
    CHECK(f.send("POST", "/secret/note", {{"X-AUTH-TOKEN", token}}, "{}").status
          == 415);
    CHECK(f.send("POST", "/secret/note",
                 json_headers({{"Accept", "application/gzip"}}), "{}")
            .status
          == 406);
  }

  TEST_CASE("§5.4 POST /challenger in single-user and multi-user mode") {
    api_fixture f;
    auto res = f.send("POST", "/challenger");
    CHECK(res.status == 201);
    CHECK(header(res, "X-CHALLENGER") == "rest-api-challenges-single-player");
    CHECK(header(res, "Location") == "/gui/challenges");
    model::api_context ctx{multi_user()};
    model::challenger fresh;
    fresh.guid = "1e4c7a1a-0f43-4b9b-8a7e-0d1f5a0b2c3d";
    fresh.auth_token = "2e4c7a1a-0f43-4b9b-8a7e-0d1f5a0b2c3d";
    res = model::respond(&fresh, test::make_request("POST", "/challenger"),
                         ctx);
    CHECK(res.status == 201);
    CHECK(fresh.known);
    CHECK(fresh.todos.size() == 10);
    CHECK(header(res, "X-CHALLENGER") == fresh.guid);
    CHECK(header(res, "Location") == "/gui/challenges/" + fresh.guid);
    res = model::respond(&fresh,
                         test::make_request("POST", "/challenger",
                                            {{"X-CHALLENGER", fresh.guid}}),
                         ctx);
    CHECK(res.status == 200);
    model::challenger stranger;
    stranger.guid = "3e4c7a1a-0f43-4b9b-8a7e-0d1f5a0b2c3d";
    res = model::respond(&stranger,
                         test::make_request("POST", "/challenger",
                                            {{"X-CHALLENGER", stranger.guid},
                                             {"Accept", "application/json"}}),
                         ctx);
    CHECK(res.status == 404);
    CHECK(header(res, "X-CHALLENGER")
          == "UNKNOWN CHALLENGER - Challenger not found");
    CHECK(res.body == R"({"errorMessages":["404 resource Unknown"]})");
    CHECK_FALSE(stranger.known);
  }

  TEST_CASE("§5.5 progress payload: GET, PUT restore, PUT create, errors") {
    api_fixture m{multi_user()};
    auto path = "/challenger/" + m.me.guid;
    auto res = m.send("GET", path);
    CHECK(res.status == 200);
    CHECK(res.content_type == "application/json");
    auto payload = res.body;
    CHECK(payload.rfind("{\"xAuthToken\":\"" + m.me.auth_token
                          + "\",\"xChallenger\":\"" + m.me.guid
                          + "\",\"secretNote\":\"\",\"challengeStatus\":{",
                        0)
          == 0);
    CHECK(m.done(model::challenge::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS));
    m.me.done.reset();
    res = m.send("PUT", path, json_headers(), payload);
    CHECK(res.status == 200);
    CHECK(m.done(model::challenge::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS));
    CHECK(m.done(model::challenge::PUT_RESTORABLE_CHALLENGER_PROGRESS_STATUS));
    res = m.send("PUT", "/challenger/bob", json_headers(), payload);
    CHECK(res.status == 400);
    CHECK(
      res.body
      == R"({"errorMessages":["Invalid Challenger GUID Invalid UUID string: bob"]})");
    res = m.send("PUT", "/challenger/4e4c7a1a-0f43-4b9b-8a7e-0d1f5a0b2c3d",
                 json_headers(), payload);
    CHECK(res.status == 400);
    CHECK(
      res.body
      == R"({"errorMessages":["URL GUID does not match payload X-CHALLENGER"]})");
    CHECK(m.send("PUT", path, json_headers(), "null").body
          == R"({"errorMessages":["Invalid Payload"]})");
    // Not in memory: created from the payload, 201 with no body.
    model::challenger gone;
    gone.guid = m.me.guid;
    gone.auth_token = "5e4c7a1a-0f43-4b9b-8a7e-0d1f5a0b2c3d";
    res = model::respond(&gone, test::make_request("PUT", path, {}, payload),
                         m.ctx);
    CHECK(res.status == 201);
    CHECK(res.body.empty());
    CHECK(gone.known);
    CHECK(gone.auth_token == m.me.auth_token);
    CHECK(gone.done.test(model::index_of(
      model::challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS)));
  }

  TEST_CASE("§5.5 database export and restore") {
    api_fixture m{multi_user()};
    m.create(R"({"title":"x","doneStatus":true,"description":"d"})");
    auto path = "/challenger/database/" + m.me.guid;
    auto res = m.send("GET", path);
    CHECK(res.status == 200);
    CHECK(
      res.body.rfind(R"({"todos" : [{"id": 1, "title": "scan paperwork"}, )", 0)
      == 0);
    CHECK(
      res.body.find(
        R"({"id": 11, "title": "x", "doneStatus": true, "description": "d"}]})")
      != std::string::npos);
    res = m.send("PUT", path, json_headers(),
                 R"({"todos" : [{"id": 3, "title": "only"}]})");
    CHECK(res.status == 204);
    CHECK(m.me.todos.size() == 1);
    res = m.send("PUT", path, json_headers(), R"({"bob":[]})");
    CHECK(res.status == 400);
    CHECK(res.body
          == R"({"errorMessages":["ERROR: Unknown entity found: bob"]})");
    CHECK(m.me.todos.size() == 1);
    res = m.send("PUT", path, json_headers(),
                 R"({"todos":[{"id":1,"title":"a"},{"id":1,"title":"b"}]})");
    CHECK(
      res.body
      == R"({"errorMessages":["ERROR: Cannot add instance, another instance with primary key value exists: 1"]})");
    CHECK(m.me.todos.size() == 1);
    res = m.send("GET", "/challenger/database/bob");
    CHECK(res.status == 400);
    model::challenger stranger;
    stranger.guid = "6e4c7a1a-0f43-4b9b-8a7e-0d1f5a0b2c3d";
    res = model::respond(&stranger,
                         test::make_request("GET", "/challenger/database/"
                                                     + stranger.guid),
                         m.ctx);
    CHECK(res.status == 404);
    CHECK(
      res.body
      == R"({"errorMessages":["Challenger not found 6e4c7a1a-0f43-4b9b-8a7e-0d1f5a0b2c3d"]})");
  }

  TEST_CASE("§5.2 target_of: which session a request belongs to") {
    auto cfg = multi_user();
    auto guid = std::string{"0f8fad5b-d9cb-469f-a165-70867728950e"};
    using kind = model::session_target::kind;
    auto t = model::target_of(test::make_request("GET", "/todos"), cfg);
    CHECK(t.what == kind::none);
    t = model::target_of(test::make_request("POST", "/challenger"), cfg);
    CHECK(t.what == kind::create);
    t = model::target_of(test::make_request("GET", "/todos",
                                            {{"X-CHALLENGER",
                                              " 0F8FAD5B-D9CB-469F-A165-"
                                              "70867728950E "}}),
                         cfg);
    CHECK(t.what == kind::existing);
    CHECK(t.guid == guid);
    t = model::target_of(test::make_request("GET", "/challenges",
                                            {{"X-CHALLENGER", "../../etc"}}),
                         cfg);
    CHECK(t.what == kind::none);
    t = model::target_of(test::make_request("GET", "/challenger/" + guid), cfg);
    CHECK(t.what == kind::existing);
    t = model::target_of(test::make_request("GET", "/"), cfg);
    CHECK(t.what == kind::none);
    t = model::target_of(test::make_request("GET", "/todos"),
                         model::api_config{});
    CHECK(t.guid == "rest-api-challenges-single-player");
  }

  TEST_CASE("§3.5 CORS headers, with the OPTIONS echo") {
    model::response res;
    model::add_cors_headers(test::make_request("GET", "/"), res);
    CHECK(header(res, "Access-Control-Allow-Origin") == "*");
    CHECK(header(res, "Access-Control-Allow-Headers") == "*");
    CHECK(header(res, "Access-Control-Allow-Credentials") == "true");
    CHECK(header(res, "Access-Control-Allow-Methods") == "*");
    CHECK(header(res, "Access-Control-Expose-Headers") == "*");
    model::add_cors_headers(test::make_request("OPTIONS", "/todos",
                                               {{"Access-Control-Allow-Methods",
                                                 "GET, PUT"}}),
                            res);
    CHECK(header(res, "Access-Control-Allow-Methods") == "GET, PUT");
  }

} // TEST_SUITE
