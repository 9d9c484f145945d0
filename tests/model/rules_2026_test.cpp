// Tier 1: the 2026 edition's crediting rules (BEHAVIOUR §10): each
// challenge is credited by its request and not by a near miss, and the
// statuses that changed (422, 409, 204) are the ones that credit.

#include "support/api_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <string>
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
  /// Runs before the miss.
  std::function<void(api_fixture&)> setup = {};
};

model::api_config config_2026(
  model::user_mode mode = model::user_mode::single_user) {
  model::api_config cfg;
  cfg.mode = mode;
  cfg.edition = model::edition_id::y2026;
  return cfg;
}

model::header_list json(model::header_list extra = {}) {
  extra.push_back({"Content-Type", "application/json"});
  return extra;
}

std::string title_body(std::size_t title, std::size_t description) {
  return R"({"title":")" + std::string(title, 't') + R"(","description":")"
         + std::string(description, 'd') + "\"}";
}

// Todo 1 done, the others not: what the QUERY challenges need.
void finish_one(api_fixture& f) {
  f.send("POST", "/todos/1", json(), R"({"doneStatus":true})");
}

// Gives todos 1 and 2 descriptions, so that description filters find them.
void describe_two(api_fixture& f) {
  f.send("POST", "/todos/1", json(), R"({"description":"dust"})");
  f.send("POST", "/todos/2", json(), R"({"description":"desk"})");
}

void check_row(const row& r, model::api_config cfg) {
  CAPTURE(model::key_name(r.key));
  api_fixture f{cfg};
  if (r.setup)
    r.setup(f);
  f.send(r.miss.method, r.miss.target, r.miss.headers, r.miss.body);
  CHECK_FALSE(f.done(r.key));
  f.send(r.hit.method, r.hit.target, r.hit.headers, r.hit.body);
  CHECK(f.done(r.key));
}

std::vector<row> rows() {
  return {
    // -- statuses that changed ------------------------------------------
    {challenge::POST_TODOS_BAD_DONE_STATUS,
     {"POST", "/todos", json(), R"({"title":"x","doneStatus":true})"},
     {"POST", "/todos", json(), R"({"title":"x","doneStatus":"invalid"})"}},
    {challenge::POST_TODOS_TOO_LONG_TITLE_LENGTH,
     {"POST", "/todos", json(), title_body(50, 0)},
     {"POST", "/todos", json(), title_body(51, 0)}},
    {challenge::POST_TODOS_TOO_LONG_DESCRIPTION_LENGTH,
     {"POST", "/todos", json(), title_body(5, 200)},
     {"POST", "/todos", json(), title_body(5, 201)}},
    {challenge::POST_TODOS_INVALID_EXTRA_FIELD,
     {"POST", "/todos", json(), R"({"title":"a title"})"},
     {"POST", "/todos", json(), R"({"title":"a title","priority":"extra"})"}},
    // PUT_TODOS_422: without an id in the body the answer is a 404 now.
    {challenge::PUT_TODOS_400,
     {"PUT", "/todos/99", json(), R"({"title":"x"})"},
     {"PUT", "/todos/99", json(), R"({"id":99,"title":"x"})"}},
    {challenge::PUT_TODOS_MISSING_TITLE_400,
     {"PUT", "/todos/1", json(), R"({"title":"x"})"},
     {"PUT", "/todos/1", json(), R"({"description":"d"})"}},
    {challenge::PUT_TODOS_400_NO_AMEND_ID,
     {"PUT", "/todos/1", json(), R"({"id":1,"title":"x"})"},
     {"PUT", "/todos/1", json(), R"({"id":3,"title":"x"})"}},
    {challenge::DELETE_A_TODO, {"DELETE", "/todos/99"}, {"DELETE", "/todos/1"}},
    // -- the 2026 challenges the server can earn --------------------------
    {challenge::GET_TODOS_FILTERED_ID_GREATER_THAN,
     {"GET", "/todos?id>0"}, // every todo: not a proper subset
     {"GET", "/todos?id>5"}},
    {challenge::GET_TODOS_FILTERED_ID_LESS_THAN,
     {"GET", "/todos?id<99"},
     {"GET", "/todos?id<5"}},
    {challenge::GET_TODOS_FILTERED_ID_SINGLE_RESULT,
     {"GET", "/todos?id=99"},
     {"GET", "/todos?id=3"}},
    {challenge::GET_TODOS_FILTERED_DESCRIPTION_REGEX,
     {"GET", "/todos?description~=.*"}, // empty descriptions match too
     {"GET", "/todos?description~=d.*"},
     describe_two},
    {challenge::GET_TODOS_FILTERED_DESCRIPTION_WILDCARD,
     {"GET", "/todos?description*=x*"}, // nothing matches
     {"GET", "/todos?description*=d?s*"},
     describe_two},
    // -- sorting and paging (ten todos: a page's size is checked) ----------
    {challenge::GET_TODOS_SORTED_ASCENDING,
     {"GET", "/todos?_sortBy=priority"}, // not a todo field
     {"GET", "/todos?_sortBy=TITLE"}},
    {challenge::GET_TODOS_SORTED_DESCENDING,
     {"GET", "/todos?_sortBy=%2Btitle"}, // `+title`: ascending
     {"GET", "/todos?_sortBy=-title"}},
    {challenge::GET_TODOS_SORTED_MULTIPLE_FIELDS,
     {"GET", "/todos?_sortBy=title,priority"},
     {"GET", "/todos?_sortBy=title&_sortBy=-id"}},
    {challenge::GET_TODOS_FILTERED_AND_SORTED,
     {"GET", "/todos?priority=1&_sortBy=title"},
     {"GET", "/todos?id>2&_sortBy=title"}},
    {challenge::GET_TODOS_PAGINATED_LIMIT_TOO_HIGH,
     {"GET", "/todos?_limit=20"},
     {"GET", "/todos?_limit=21"}},
    {challenge::GET_TODOS_PAGINATED_LIMIT,
     {"GET", "/todos?_limit=8&id>5"}, // 5 todos, not 8
     {"GET", "/todos?_limit=8"}},
    {challenge::GET_TODOS_PAGINATED_LIMIT_OFFSET,
     {"GET", "/todos?_limit=5&_offset=5&id<8"}, // 2 todos, not 5
     {"GET", "/todos?_limit=5&_offset=5"}},
    {challenge::GET_TODOS_PAGINATED_SORTED,
     {"GET", "/todos?_sortBy=id&_limit=5&_offset=5"},
     {"GET", "/todos?_sortBy=-id&_limit=5&_offset=5"}},
    {challenge::GET_TODOS_PAGINATED_FILTERED,
     {"GET", "/todos?doneStatus=true&_limit=2&_offset=1"},
     {"GET", "/todos?doneStatus=false&_limit=2&_offset=1"}},
    {challenge::GET_TODO_ACCEPT_TEXT_CALENDAR,
     {"GET", "/todos/1", {{"Accept", "text/calendar;q=0.5, application/json"}}},
     {"GET", "/todos/1", {{"Accept", "text/calendar"}}}},
    // -- Accept with q-values and the XML types (BEHAVIOUR §11.2) ---------
    {challenge::GET_ACCEPT_XML_Q_PREFERRED,
     {"GET", "/todos", {{"Accept", "application/json;q=1, application/xml"}}},
     {"GET",
      "/todos",
      {{"Accept", "application/json;q=0.5, application/xml;q=1"}}}},
    {challenge::GET_ACCEPT_JSON_Q_PREFERRED,
     {"GET",
      "/todos?id=1",
      {{"Accept", "application/xml;q=0.5, application/json;q=1"}}},
     {"GET",
      "/todos",
      {{"Accept", "Application/XML;q=0.5,application/json;q=1"}}}},
    {challenge::GET_ACCEPT_Q_REJECTS_ALL_406,
     {"GET", "/todos", {{"Accept", "application/json;q=0, text/xml;q=0"}}},
     {"GET",
      "/todos",
      {{"Accept", "application/json;q=0, application/xml;q=0"}}}},
    {challenge::GET_ACCEPT_TEXT_XML,
     {"GET", "/todos", {{"Accept", "text/xml;q=0.5"}}},
     {"GET", "/todos", {{"Accept", "text/xml"}}}},
    {challenge::GET_ACCEPT_VENDOR_XML,
     {"GET", "/todos", {{"Accept", "application/vnd.apichallenges.soap+xml"}}},
     {"GET", "/todos", {{"Accept", "application/vnd.apichallenges.todo+xml"}}}},
    {challenge::GET_ACCEPT_STRUCTURED_XML_WILDCARD,
     {"GET", "/todos?title=x", {{"Accept", "application/*+xml"}}},
     {"GET", "/todos", {{"Accept", "application/*+xml"}}}},
    {challenge::POST_CREATE_VENDOR_XML,
     {"POST",
      "/todos",
      {{"Content-Type", "application/vnd.apichallenges.todo+xml"}},
      "<todo><title>x</title><priority>1</priority></todo>"}, // 422
     {"POST",
      "/todos",
      {{"Content-Type", "application/vnd.apichallenges.todo+xml"}},
      "<todo><title>x</title></todo>"}},
    // -- QUERY (BEHAVIOUR §11.5) ----------------------------------------------
    {challenge::QUERY_TODOS_FILTERED,
     {"QUERY",
      "/todos",
      {{"Content-Type", "application/x-www-form-urlencoded"}},
      "doneStatus=false"},
     {"QUERY",
      "/todos",
      {{"Content-Type", "application/x-www-form-urlencoded"}},
      "doneStatus=true"},
     finish_one},
    {challenge::QUERY_TODOS_JSONPATH_FILTERED,
     {"QUERY",
      "/todos",
      {{"Content-Type", "application/jsonpath"}},
      "$.todos[?(@.doneStatus != true)]"}, // lists todos not done
     {"QUERY",
      "/todos",
      {{"Content-Type", "application/jsonpath"}},
      "$.todos[?(@.doneStatus == true)]"},
     finish_one},
    {challenge::QUERY_TODOS_STRUCTURED_JSON_FILTERED,
     {"QUERY",
      "/todos",
      {{"Content-Type", "application/vnd.thingifier.query+json"}},
      R"({"filter":{"doneStatus":"true"}})"}, // a string: 422
     {"QUERY",
      "/todos",
      {{"Content-Type", "application/vnd.thingifier.query+json"}},
      R"({"filter":{"doneStatus":true},"limit":5})"},
     finish_one},
    // -- exports (BEHAVIOUR §11.6) ------------------------------------------
    {challenge::GET_TODOS_EXPORT_CSV_CONTENT_DISPOSITION,
     {"GET", "/todos/export?format=cvs"}, // 400
     {"GET", "/todos/export?format=CSV"}},
    {challenge::GET_TODOS_EXPORT_HTML_CONTENT_DISPOSITION,
     {"GET", "/todos/export?format=text"},
     {"GET", "/todos/export?format=html"}},
    {challenge::GET_TODOS_EXPORT_TSV_CONTENT_DISPOSITION,
     {"GET", "/todos?format=tsv"},
     {"GET", "/todos/export?format=tab-separated"}},
    // -- PATCH (BEHAVIOUR §11.3) --------------------------------------------
    {challenge::PATCH_TODOS_PARTIAL_200,
     {"PATCH", "/todos/1", json(), R"({"doneStatus":"maybe"})"}, // 422
     {"PATCH", "/todos/1", json(), R"({"doneStatus":true})"}},
    {challenge::PATCH_TODOS_MERGE_PATCH_200,
     {"PATCH",
      "/todos/99",
      {{"Content-Type", "application/merge-patch+json"}},
      R"({"title":"x"})"}, // no such todo
     {"PATCH",
      "/todos/1",
      {{"Content-Type", "Application/Merge-Patch+JSON; charset=utf-8"}},
      R"({"description":null})"}},
    {challenge::PATCH_TODOS_JSON_PATCH_200,
     {"PATCH",
      "/todos/1",
      {{"Content-Type", "application/json-patch+json"}},
      R"([{"op":"test","path":"/title","value":"not it"}])"}, // 409
     {"PATCH",
      "/todos/1",
      {{"Content-Type", "application/json-patch+json"}},
      R"([{"op":"replace","path":"/title","value":"patched"}])"}},
    // -- PUT on the collection (BEHAVIOUR §11.4) ---------------------------
    {challenge::PUT_TODOS_BODY_ID_200,
     {"PUT", "/todos", json(), R"({"id":99,"title":"x"})"}, // no todo 99
     {"PUT", "/todos", json(), R"({"id":1,"title":"x"})"}},
    {challenge::PUT_TODOS_NO_ID_422,
     {"PUT", "/todos", json(), R"({"id":99,"title":"x"})"}, // 422, an id
     {"PUT", "/todos", json(), R"({"title":"x"})"}},
    {challenge::PUT_TODOS_ID_NO_BODY_ID_200,
     {"PUT", "/todos/1", json(), R"({"id":1,"title":"x"})"},
     {"PUT", "/todos/1", json(), R"({"title":"x"})"}},
    {challenge::PUT_TODOS_ID_NOT_FOUND_404,
     {"PUT", "/todos/99", json(), R"({"id":99,"title":"x"})"},
     {"PUT", "/todos/99", json(), R"({"title":"x"})"}},
    {challenge::GET_UNSUPPORTED_STRUCTURED_JSON_ACCEPT_406,
     {"GET", "/todos?x=1", {{"Accept", "application/problem+json"}}},
     {"GET", "/todos", {{"Accept", "application/problem+json"}}}},
    {challenge::PUT_CHALLENGER_GUID_MISMATCH_409,
     {"PUT", "/challenger/rest-api-challenges-single-player", json(),
      R"({"xAuthToken":"t","xChallenger":"rest-api-challenges-single-player",)"
      R"("secretNote":"","challengeStatus":{}})"},
     {"PUT", "/challenger/rest-api-challenges-single-player", json(),
      R"({"xAuthToken":"t","xChallenger":"someone-else","secretNote":"",)"
      R"("challengeStatus":{}})"}},
    {challenge::X_CHALLENGER_TOO_LONG_431,
     {"GET",
      "/challenges",
      {{"X-CHALLENGER",
        "rest-api-challenges-single-player" + std::string(100, 'x')}}},
     {"GET",
      "/heartbeat",
      {{"X-CHALLENGER",
        "rest-api-challenges-single-player" + std::string(100, 'x')}}}},
  };
}

} // namespace

TEST_SUITE("model.rules_2026") {
  TEST_CASE("§10 every 2026 rule: its request credits it, a near miss not") {
    for (const auto& r : rows())
      check_row(r, config_2026());
  }

  TEST_CASE("§10 the 2026 statuses: 422, 409, 204, and 404 for PUT") {
    api_fixture f{config_2026()};
    CHECK_EQ(f.create(R"({"title":"x","doneStatus":"invalid"})").status, 422);
    CHECK_EQ(f.send("PUT", "/todos/1", json(), R"({"id":3,"title":"x"})")
               .status,
             422);
    auto missing = f.send("PUT", "/todos/99", json(), R"({"title":"x"})");
    CHECK_EQ(missing.status, 404);
    CHECK_EQ(missing.content_type, "application/json");
    CHECK_EQ(missing.body, "{\"errorMessages\":[\"No such todo entity "
                           "instance with id \\u003d\\u003d 99\"]}");
    auto deleted = f.send("DELETE", "/todos/1");
    CHECK_EQ(deleted.status, 204);
    CHECK(deleted.body.empty());
    CHECK(deleted.content_type.empty());
    for (int i = 0; i < 20; ++i)
      f.create(R"({"title":"filler"})");
    auto full = f.create(R"({"title":"one more"})");
    CHECK_EQ(full.status, 409);
    CHECK(f.done(challenge::POST_ALL_TODOS));
  }

  TEST_CASE("§11.7 GET /todos/{id} preferring text/calendar is a VTODO") {
    api_fixture f{config_2026()};
    f.send("POST", "/todos/1", json(), R"({"description":"a, b; c"})");
    auto r = f.send("GET", "/todos/1", {{"Accept", "text/calendar"}});
    CHECK_EQ(r.status, 200);
    CHECK_EQ(r.content_type, "text/calendar");
    CHECK_EQ(r.body.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0);
    CHECK_NE(r.body.find("\r\nUID:todo-1@apichallenges\r\n"),
             std::string::npos);
    CHECK_NE(r.body.find("\r\nDESCRIPTION:a\\, b\\; c\r\n"), std::string::npos);
    CHECK(f.done(challenge::GET_TODO));
    CHECK(f.done(challenge::GET_TODO_ACCEPT_TEXT_CALENDAR));
    auto missing = f.send("GET", "/todos/99", {{"Accept", "text/calendar"}});
    CHECK_EQ(missing.status, 404);
    CHECK_EQ(missing.content_type, "application/json");
    CHECK_EQ(missing.body, "{\"errorMessages\":[\"No such todo entity "
                           "instance with id \\u003d\\u003d 99\"]}");
    CHECK(f.done(challenge::GET_TODO_404));
    // The export is no todo, and classic has no calendar at all.
    CHECK_NE(f.send("GET", "/todos/export", {{"Accept", "text/calendar"}})
               .content_type,
             "text/calendar");
    api_fixture classic{model::api_config{}};
    CHECK_EQ(classic.send("GET", "/todos/1", {{"Accept", "text/calendar"}})
               .status,
             406);
  }

  TEST_CASE("§11.3 PATCH /todos/{id}: three styles, 415, 404, and none in "
            "classic") {
    api_fixture f{config_2026()};
    f.send("POST", "/todos/1", json(), R"({"description":"old"})");
    // Partial JSON amends what it names.
    auto partial = f.send("PATCH", "/todos/1", json(),
                          R"({"doneStatus":true})");
    CHECK_EQ(partial.status, 200);
    CHECK_NE(partial.body.find(R"("doneStatus":true)"), std::string::npos);
    CHECK_NE(partial.body.find(R"("description":"old")"), std::string::npos);
    // A merge patch replaces: the member set to null goes back to its
    // default, the others stay.
    auto merged = f.send("PATCH", "/todos/1",
                         {{"Content-Type", "application/merge-patch+json"}},
                         R"({"description":null})");
    CHECK_EQ(merged.status, 200);
    CHECK_EQ(merged.body.find(R"("description":"old")"), std::string::npos);
    CHECK_NE(merged.body.find(R"("doneStatus":true)"), std::string::npos);
    auto failed = f.send("PATCH", "/todos/1",
                         {{"Content-Type", "application/json-patch+json"}},
                         R"([{"op":"remove","path":"/nothing/there"}])");
    CHECK_EQ(failed.status, 409);
    CHECK_NE(failed.body.find("JSON Patch could not be applied"),
             std::string::npos);
    auto text = f.send("PATCH", "/todos/1", {{"Content-Type", "text/plain"}},
                       "x");
    CHECK_EQ(text.status, 415);
    CHECK_NE(text.body.find("Unsupported PATCH Content Type"),
             std::string::npos);
    auto missing = f.send("PATCH", "/todos/99", json(), R"({"title":"x"})");
    CHECK_EQ(missing.status, 404);
    CHECK_NE(missing.body.find("with id \\u003d\\u003d 99 found"),
             std::string::npos);
    auto allow = [](const model::response& r) {
      auto x = r.header("Allow");
      return x ? *x : std::string{};
    };
    CHECK_EQ(allow(f.send("OPTIONS", "/todos/1")),
             "OPTIONS, GET, HEAD, POST, PUT, PATCH, DELETE");
    api_fixture classic{model::api_config{}};
    CHECK_EQ(classic.send("PATCH", "/todos/1", json(), R"({"title":"x"})")
               .status,
             405);
    CHECK_EQ(allow(classic.send("OPTIONS", "/todos/1")),
             "OPTIONS, GET, HEAD, POST, PUT, DELETE");
  }

  TEST_CASE("§11.4 PUT /todos replaces the todo its body names") {
    api_fixture f{config_2026()};
    auto put = f.send("PUT", "/todos", json(),
                      R"({"id":2.0,"title":"by body","doneStatus":true})");
    CHECK_EQ(put.status, 200);
    CHECK_EQ(put.body, R"({"id":2,"title":"by body","doneStatus":true,)"
                       R"("description":""})");
    auto none = f.send("PUT", "/todos", json(), R"({"title":"x"})");
    CHECK_EQ(none.status, 422);
    CHECK_EQ(none.body, "{\"errorMessages\":[\"PUT requires an identifier "
                        "in the URI or payload\"]}");
    auto missing = f.send("PUT", "/todos", json(), R"({"id":99,"title":"x"})");
    CHECK_EQ(missing.status, 422);
    CHECK_NE(missing.body.find("Cannot create todo with PUT due to Auto "
                               "fields id"),
             std::string::npos);
    auto options = f.send("OPTIONS", "/todos");
    auto allow = options.header("Allow");
    REQUIRE(allow != nullptr);
    CHECK_EQ(*allow, "OPTIONS, GET, HEAD, POST, PUT, QUERY");
    api_fixture classic{model::api_config{}};
    CHECK_EQ(classic.send("PUT", "/todos", json(), R"({"id":1,"title":"x"})")
               .status,
             405);
  }

  TEST_CASE("§11.2 the todo API negotiates q-values, the XML types and the "
            "export formats") {
    api_fixture f{config_2026()};
    auto get = [&f](const std::string& accept) {
      return f.send("GET", "/todos?id=1", {{"Accept", accept}});
    };
    auto xml = get("application/json;q=0.5, application/xml;q=1");
    CHECK_EQ(xml.status, 200);
    CHECK_EQ(xml.content_type, "application/xml");
    CHECK_EQ(xml.body.rfind("<todos><todo>", 0), 0);
    CHECK_EQ(get("text/xml").content_type, "text/xml");
    CHECK_EQ(get("application/*+xml").content_type, "application/todo+xml");
    CHECK_EQ(get("*/*").content_type, "application/json");
    auto csv = get("text/csv");
    CHECK_EQ(csv.status, 200);
    CHECK_EQ(csv.content_type, "text/csv");
    CHECK_EQ(csv.body.rfind("id,title,doneStatus,description\n1,", 0), 0);
    auto none = get("application/json;q=0, application/xml;q=0");
    CHECK_EQ(none.status, 406);
    CHECK_NE(none.body.find("No acceptable response type supported"),
             std::string::npos);
    CHECK_EQ(get("application/gzip").status, 406);
    // Errors follow the representation too.
    auto missing = f.send("GET", "/todos/99", {{"Accept", "text/csv"}});
    CHECK_EQ(missing.status, 404);
    CHECK_EQ(missing.content_type, "text/csv");
    CHECK_EQ(missing.body.rfind("errorMessage\n", 0), 0);
    // A structured XML body is XML; classic refuses it.
    auto vendor = f.send("POST", "/todos",
                         {{"Content-Type", "application/vnd.x.todo+xml"}},
                         "<todo><title>v</title></todo>");
    CHECK_EQ(vendor.status, 201);
    api_fixture classic{model::api_config{}};
    CHECK_EQ(classic.send("GET", "/todos", {{"Accept", "text/csv"}}).status,
             406);
    CHECK_EQ(classic
               .send("POST", "/todos",
                     {{"Content-Type", "application/vnd.x.todo+xml"}},
                     "<todo><title>v</title></todo>")
               .status,
             415);
  }

  TEST_CASE("§11.6 GET /todos/export: the first page as a file") {
    api_fixture f{config_2026()};
    auto csv = f.send("GET", "/todos/export?format=%20csv%20");
    CHECK_EQ(csv.status, 200);
    CHECK_EQ(csv.content_type, "text/csv");
    auto disposition = csv.header("Content-Disposition");
    REQUIRE(disposition != nullptr);
    CHECK_EQ(*disposition, "attachment; filename=\"todos.csv\"");
    // The default page: ten of twelve todos, a header line, no final LF.
    f.create(R"({"title":"eleven"})");
    f.create(R"({"title":"twelve"})");
    auto tsv = f.send("GET", "/todos/export?format=tsv");
    CHECK_EQ(std::count(tsv.body.begin(), tsv.body.end(), '\n'), 10);
    CHECK_EQ(tsv.body.find("eleven"), std::string::npos);
    auto text_xml = f.send("GET", "/todos/export?format=txml");
    CHECK_EQ(text_xml.content_type, "text/xml");
    CHECK_EQ(text_xml.body.rfind("<todos>", 0), 0);
    auto bad = f.send("GET", "/todos/export");
    CHECK_EQ(bad.status, 400);
    CHECK_EQ(bad.body, "{\"errorMessages\":[\"Unsupported export format. "
                       "Use one of: json, xml, text-xml, csv, text, html, "
                       "ndjson, jsonl, json-seq, tsv\"]}");
    auto options = f.send("OPTIONS", "/todos/export");
    CHECK_EQ(options.status, 204);
    REQUIRE(options.header("Allow") != nullptr);
    CHECK_EQ(*options.header("Allow"), "GET, OPTIONS");
    CHECK_EQ(f.send("POST", "/todos/export", json(), "{}").status, 405);
    api_fixture classic{model::api_config{}};
    CHECK_EQ(classic.send("GET", "/todos/export?format=csv").status, 404);
  }

  TEST_CASE("§11.5 QUERY /todos selects by its body, and classic has none") {
    api_fixture f{config_2026()};
    finish_one(f);
    auto form = f.send("QUERY", "/todos?_sortBy=-id",
                       {{"Content-Type", "application/x-www-form-urlencoded"}},
                       "id<4");
    CHECK_EQ(form.status, 200);
    CHECK_EQ(form.body.find(R"("id":4)"), std::string::npos);
    CHECK_LT(form.body.find(R"("id":3)"), form.body.find(R"("id":1)"));
    auto accept_query = form.header("Accept-Query");
    REQUIRE(accept_query != nullptr);
    auto path = f.send("QUERY", "/todos",
                       {{"Content-Type", "application/jsonpath"}},
                       "$.todos[?(@.doneStatus == true)]");
    CHECK_EQ(path.status, 200);
    CHECK_EQ(path.body.rfind(R"({"todos":[{"id":1,)", 0), 0);
    CHECK_EQ(f.send("QUERY", "/todos",
                    {{"Content-Type", "application/jsonpath"}}, "$.todos[0].id")
               .status,
             422);
    auto none = f.send("QUERY", "/todos");
    CHECK_EQ(none.status, 400);
    CHECK_NE(none.body.find("Missing Content-Type for QUERY request"),
             std::string::npos);
    auto text = f.send("QUERY", "/todos", {{"Content-Type", "text/plain"}},
                       "x");
    CHECK_EQ(text.status, 415);
    REQUIRE(text.header("Accept") != nullptr);
    CHECK_EQ(f.send("QUERY", "/todos/1", json(), "{}").status, 405);
    api_fixture classic{model::api_config{}};
    CHECK_EQ(classic
               .send("QUERY", "/todos",
                     {{"Content-Type", "application/x-www-form-urlencoded"}},
                     "doneStatus=true")
               .status,
             404);
  }

  TEST_CASE("§10 DELETE_ALL_TODOS needs the 204 of the last todo") {
    api_fixture f{config_2026()};
    for (int id = 1; id <= 9; ++id)
      f.send("DELETE", "/todos/" + std::to_string(id));
    CHECK_FALSE(f.done(challenge::DELETE_ALL_TODOS));
    CHECK_EQ(f.send("DELETE", "/todos/10").status, 204);
    CHECK(f.done(challenge::DELETE_ALL_TODOS));
  }

  TEST_CASE("§10 431: an oversized X-CHALLENGER is refused on every route") {
    auto cfg = config_2026(model::user_mode::multi_user);
    api_fixture f{cfg};
    auto guid = f.me.guid;
    auto long_header = model::header_list{
      {"X-CHALLENGER", guid + std::string(65, 'x')}};
    auto todos = model::respond(&f.me,
                                test::make_request("GET", "/todos",
                                                   long_header),
                                f.ctx);
    CHECK_EQ(todos.status, 431);
    CHECK_EQ(todos.body, "{\"errorMessages\":[\"X-CHALLENGER header is too "
                         "large, maximum allowed is 100 characters\"]}");
    CHECK_FALSE(f.done(challenge::X_CHALLENGER_TOO_LONG_431));
    // The target: the first 36 characters name the challenger.
    auto target = model::target_of(test::make_request("GET", "/heartbeat",
                                                      long_header),
                                   cfg);
    CHECK_EQ(target.guid, guid);
    auto beat = model::respond(&f.me,
                               test::make_request("GET", "/heartbeat",
                                                  long_header),
                               f.ctx);
    CHECK_EQ(beat.status, 431);
    REQUIRE(beat.header("X-CHALLENGER") != nullptr);
    CHECK_EQ(*beat.header("X-CHALLENGER"), guid);
    CHECK(f.done(challenge::X_CHALLENGER_TOO_LONG_431));
    // Nothing else is credited by it.
    CHECK_FALSE(f.done(challenge::GET_HEARTBEAT_204));
    // Exactly 100 characters are accepted.
    auto ok = model::respond(&f.me,
                             test::make_request("GET", "/heartbeat",
                                                {{"X-CHALLENGER",
                                                  guid
                                                    + std::string(64, 'x')}}),
                             f.ctx);
    CHECK_NE(ok.status, 431);
  }

  TEST_CASE("§10 classic keeps its statuses and has no 431") {
    api_fixture f{};
    CHECK_EQ(f.create(R"({"title":"x","doneStatus":"invalid"})").status, 400);
    CHECK_EQ(f.send("PUT", "/todos/99", json(), R"({"title":"x"})").status,
             400);
    CHECK_EQ(f.send("DELETE", "/todos/1").status, 200);
    auto beat = f.send("GET", "/heartbeat",
                       {{"X-CHALLENGER", std::string(200, 'x')}});
    CHECK_EQ(beat.status, 204);
    CHECK_FALSE(f.done(challenge::X_CHALLENGER_TOO_LONG_431));
  }
}
