#include "tools/walk/walk.hpp"

#include "model/edition.hpp"

#include <rapidjson/document.h>

namespace walk {

namespace {

using C = model::challenge;

const header_pairs json_type{{"Content-Type", "application/json"}};

header_pairs with(header_pairs base, header_pairs extra) {
  base.insert(base.end(), extra.begin(), extra.end());
  return base;
}

walk_request req(std::string method, std::string target,
                 header_pairs headers = {}, std::string body = {}) {
  return walk_request{std::move(method), std::move(target), std::move(headers),
                      std::move(body), true};
}

// A step whose request does not depend on the walk state.
walk_step fixed(std::string what, walk_request r, int status,
                std::vector<C> credits) {
  walk_step s;
  s.what = std::move(what);
  s.request = [r](const walk_state&) { return r; };
  s.status = status;
  s.credits = std::move(credits);
  return s;
}

walk_step dynamic(std::string what,
                  std::function<walk_request(const walk_state&)> r, int status,
                  std::vector<C> credits) {
  walk_step s;
  s.what = std::move(what);
  s.request = std::move(r);
  s.status = status;
  s.credits = std::move(credits);
  return s;
}

std::string todo_json(std::size_t title, std::size_t description) {
  return R"({"title":")" + std::string(title, 't') + R"(","description":")"
         + std::string(description, 'd') + "\"}";
}

// Ids of the walk challenger's todos, ascending.
std::vector<long> todo_ids(client& c, const walk_state& st,
                           const std::string& prefix) {
  // The 2026 edition pages GET /todos (10 by default, BEHAVIOUR §11.1): ask
  // for the most a challenger can hold.
  auto target = prefix.empty() ? std::string{"/todos"}
                               : prefix + "/todos?_limit=20";
  auto r = send_step(c, st,
                     req("GET", target, {{"Accept", "application/json"}}));
  std::vector<long> ids;
  rapidjson::Document doc;
  if (doc.Parse(r.body.c_str()).HasParseError() || !doc.IsObject())
    return ids;
  auto todos = doc.FindMember("todos");
  if (todos == doc.MemberEnd() || !todos->value.IsArray())
    return ids;
  for (auto& x : todos->value.GetArray())
    if (x.IsObject() && x.HasMember("id") && x["id"].IsInt64())
      ids.push_back(static_cast<long>(x["id"].GetInt64()));
  return ids;
}

} // namespace

reply send_step(client& c, const walk_state& st, const walk_request& r) {
  auto headers = r.headers;
  if (r.with_challenger && !st.guid.empty())
    headers.emplace_back("X-CHALLENGER", st.guid);
  return c.call(r.method, r.target, headers, r.body);
}

status_read read_status(client& c, const walk_state& st,
                        const model::challenge_set& defined) {
  status_read out;
  auto r = send_step(c, st,
                     req("GET", "/challenges",
                         {{"Accept", "application/json"}}));
  rapidjson::Document doc;
  if (r.status != 200 || doc.Parse(r.body.c_str()).HasParseError()
      || !doc.IsObject())
    return out;
  auto list = doc.FindMember("challenges");
  if (list == doc.MemberEnd() || !list->value.IsArray()
      || list->value.Size() != defined.size())
    return out;
  for (auto& x : list->value.GetArray()) {
    if (!x.IsObject() || !x.HasMember("id") || !x["id"].IsInt()
        || !x.HasMember("status") || !x["status"].IsBool())
      return out;
    auto id = x["id"].GetInt();
    if (id < 1 || static_cast<std::size_t>(id) > defined.size())
      return out;
    if (x["status"].GetBool())
      out.done.set(model::index_of(defined.items()[id - 1]));
  }
  out.ok = true;
  return out;
}

std::vector<walk_step> walk_steps(const model::api_config& cfg,
                                  idle_stop_wait wait_idle_stop) {
  bool multi = cfg.mode == model::user_mode::multi_user;
  // The edition decides the paths, the statuses that differ, and which
  // challenges there are to earn (BEHAVIOUR §10).
  const auto& ed = model::edition_of(cfg.edition);
  const std::string P{ed.api_prefix};
  const int invalid = ed.status.validation;
  const auto defined = model::challenge_set::for_config(cfg);
  auto has = [&defined](C x) { return defined.contains(x); };
  // `xs` plus those of `more` the edition has.
  auto plus = [&has](std::vector<C> xs, std::vector<C> more) {
    for (auto x : more)
      if (has(x))
        xs.push_back(x);
    return xs;
  };
  std::vector<walk_step> s;
  // -- getting started
  // ---------------------------------------------------------
  if (multi) {
    // The check after this step is itself a GET /challenges.
    auto create = fixed("create a challenger", req("POST", P + "/challenger"),
                        201, {C::CREATE_NEW_CHALLENGER, C::GET_CHALLENGES});
    create.after = [](walk_state& st, const reply& r) {
      st.guid = r.header("X-CHALLENGER");
    };
    s.push_back(create);
  } else {
    s.push_back(fixed("list challenges", req("GET", P + "/challenges"), 200,
                      {C::GET_CHALLENGES}));
    auto create = fixed("create a challenger", req("POST", P + "/challenger"),
                        201, {C::CREATE_NEW_CHALLENGER});
    create.after = [](walk_state& st, const reply& r) {
      st.guid = r.header("X-CHALLENGER");
    };
    s.push_back(create);
  }
  // -- GET, HEAD, Accept
  // ---------------------------------------------------------
  s.push_back(fixed("GET /todos without Accept",
                    req("GET", P + "/todos", {{"Accept", ""}}), 200,
                    {C::GET_TODOS, C::GET_JSON_BY_DEFAULT_NO_ACCEPT}));
  s.push_back(fixed("GET /todos as JSON",
                    req("GET", P + "/todos", {{"Accept", "application/json"}}),
                    200, {C::GET_ACCEPT_JSON}));
  s.push_back(fixed("GET /todos as XML",
                    req("GET", P + "/todos", {{"Accept", "application/xml"}}),
                    200, {C::GET_ACCEPT_XML}));
  s.push_back(fixed("GET /todos accepting anything",
                    req("GET", P + "/todos", {{"Accept", "*/*"}}), 200,
                    {C::GET_ACCEPT_ANY_DEFAULT_JSON}));
  s.push_back(fixed("GET /todos preferring XML",
                    req("GET", P + "/todos",
                        {{"Accept", "application/xml, application/json"}}),
                    200, {C::GET_ACCEPT_XML_PREFERRED}));
  s.push_back(fixed("GET /todos accepting gzip",
                    req("GET", P + "/todos", {{"Accept", "application/gzip"}}),
                    406, {C::GET_UNSUPPORTED_ACCEPT_406}));
  s.push_back(
    fixed("HEAD /todos", req("HEAD", P + "/todos"), 200, {C::GET_HEAD_TODOS}));
  s.push_back(fixed("GET /todo", req("GET", P + "/todo"), 404,
                    {C::GET_TODOS_NOT_PLURAL_404}));
  s.push_back(
    fixed("GET /todos/1", req("GET", P + "/todos/1"), 200, {C::GET_TODO}));
  s.push_back(fixed("GET /todos/9999", req("GET", P + "/todos/9999"), 404,
                    {C::GET_TODO_404}));
  s.push_back(fixed("OPTIONS /todos", req("OPTIONS", P + "/todos"), 200,
                    {C::OPTIONS_TODOS}));
  // -- creation
  // ------------------------------------------------------------------
  s.push_back(fixed("POST JSON accepting JSON",
                    req("POST", P + "/todos",
                        with(json_type, {{"Accept", "application/json"}}),
                        R"({"title":"walk json"})"),
                    201, {C::POST_TODOS, C::POST_CREATE_JSON}));
  s.push_back(fixed("POST JSON accepting XML",
                    req("POST", P + "/todos",
                        with(json_type, {{"Accept", "application/xml"}}),
                        R"({"title":"walk json to xml"})"),
                    201, {C::POST_CREATE_JSON_ACCEPT_XML}));
  s.push_back(fixed("POST XML accepting XML",
                    req("POST", P + "/todos",
                        {{"Content-Type", "application/xml"},
                         {"Accept", "application/xml"}},
                        "<todo><title>walk xml</title></todo>"),
                    201, {C::POST_CREATE_XML}));
  s.push_back(fixed("POST XML accepting JSON",
                    req("POST", P + "/todos",
                        {{"Content-Type", "application/xml"},
                         {"Accept", "application/json"}},
                        "<todo><title>walk xml to json</title></todo>"),
                    201, {C::POST_CREATE_XML_ACCEPT_JSON}));
  s.push_back(fixed("POST with a bad doneStatus",
                    req("POST", P + "/todos", json_type,
                        R"({"title":"a title","doneStatus":"invalid"})"),
                    invalid, {C::POST_TODOS_BAD_DONE_STATUS}));
  s.push_back(fixed("POST a 51-character title",
                    req("POST", P + "/todos", json_type, todo_json(51, 0)),
                    invalid, {C::POST_TODOS_TOO_LONG_TITLE_LENGTH}));
  s.push_back(fixed("POST a 201-character description",
                    req("POST", P + "/todos", json_type, todo_json(5, 201)),
                    invalid, {C::POST_TODOS_TOO_LONG_DESCRIPTION_LENGTH}));
  s.push_back(fixed("POST maximum lengths",
                    req("POST", P + "/todos", json_type, todo_json(50, 200)),
                    201, {C::POST_MAX_OUT_TITLE_DESCRIPTION_LENGTH}));
  s.push_back(fixed("POST 5001 characters",
                    req("POST", P + "/todos", json_type,
                        todo_json(5, 0) + std::string(4984, ' ')),
                    413, {C::POST_TODOS_TOO_LONG_PAYLOAD_SIZE}));
  s.push_back(fixed("POST an extra field",
                    req("POST", P + "/todos", json_type,
                        R"({"title":"a title","priority":"extra"})"),
                    invalid, {C::POST_TODOS_INVALID_EXTRA_FIELD}));
  s.push_back(
    fixed("POST text/plain",
          req("POST", P + "/todos", {{"Content-Type", "text/plain"}}, "title"),
          415, {C::POST_TODOS_415}));
  // -- updates
  // -------------------------------------------------------------------
  s.push_back(
    fixed("POST /todos/1 done",
          req("POST", P + "/todos/1", json_type, R"({"doneStatus":true})"), 200,
          {C::POST_UPDATE_TODO}));
  s.push_back(fixed("GET done todos", req("GET", P + "/todos?doneStatus=true"),
                    200, {C::GET_TODOS_FILTERED}));
  s.push_back(
    fixed("POST /todos/9999",
          req("POST", P + "/todos/9999", json_type, R"({"title":"x"})"), 404,
          {C::POST_TODOS_404}));
  if (has(C::PUT_TODOS_ID_NOT_FOUND_404)) {
    // Without an id in the body the 2026 hook answers 404; with one, the
    // engine's refusal to create stands.
    s.push_back(
      fixed("PUT /todos/9999 without a body id",
            req("PUT", P + "/todos/9999", json_type, R"({"title":"x"})"), 404,
            {C::PUT_TODOS_ID_NOT_FOUND_404}));
    s.push_back(fixed("PUT /todos/9999 with a body id",
                      req("PUT", P + "/todos/9999", json_type,
                          R"({"id":9999,"title":"x"})"),
                      invalid, {C::PUT_TODOS_400}));
  } else {
    s.push_back(
      fixed("PUT /todos/9999",
            req("PUT", P + "/todos/9999", json_type, R"({"title":"x"})"),
            invalid, {C::PUT_TODOS_400}));
  }
  s.push_back(
    fixed("PUT a full todo",
          req("PUT", P + "/todos/2", json_type,
              R"({"title":"x","description":"d","doneStatus":true})"),
          200,
          plus({C::PUT_TODOS_FULL_200}, {C::PUT_TODOS_ID_NO_BODY_ID_200})));
  s.push_back(fixed("PUT a title only",
                    req("PUT", P + "/todos/2", json_type, R"({"title":"y"})"),
                    200, {C::PUT_TODOS_PARTIAL_200}));
  s.push_back(
    fixed("PUT without title",
          req("PUT", P + "/todos/2", json_type, R"({"description":"d"})"),
          invalid, {C::PUT_TODOS_MISSING_TITLE_400}));
  s.push_back(
    fixed("PUT another id",
          req("PUT", P + "/todos/2", json_type, R"({"id":3,"title":"x"})"),
          invalid, {C::PUT_TODOS_400_NO_AMEND_ID}));
  s.push_back(fixed("DELETE /todos/3", req("DELETE", P + "/todos/3"),
                    ed.status.deleted, {C::DELETE_A_TODO}));
  // -- the 2026 filters (after the PUTs gave todo 2 a description)
  // ----------------------------------------------------------------
  if (has(C::GET_TODOS_FILTERED_ID_GREATER_THAN)) {
    s.push_back(fixed("GET todos with ids over 5",
                      req("GET", P + "/todos?id>5"), 200,
                      {C::GET_TODOS_FILTERED_ID_GREATER_THAN}));
    s.push_back(fixed("GET todos with ids under 5",
                      req("GET", P + "/todos?id<5"), 200,
                      {C::GET_TODOS_FILTERED_ID_LESS_THAN}));
    s.push_back(fixed("GET the todo with id 1", req("GET", P + "/todos?id=1"),
                      200, {C::GET_TODOS_FILTERED_ID_SINGLE_RESULT}));
    s.push_back(fixed("GET todos by a description regex",
                      req("GET", P + "/todos?description~=d.*"), 200,
                      {C::GET_TODOS_FILTERED_DESCRIPTION_REGEX}));
    s.push_back(fixed("GET todos by a description wildcard",
                      req("GET", P + "/todos?description*=d*"), 200,
                      {C::GET_TODOS_FILTERED_DESCRIPTION_WILDCARD}));
  }
  if (has(C::GET_TODO_ACCEPT_TEXT_CALENDAR))
    s.push_back(fixed("GET todo 1 as iCalendar",
                      req("GET", P + "/todos/1", {{"Accept", "text/calendar"}}),
                      200, {C::GET_TODO_ACCEPT_TEXT_CALENDAR}));
  if (has(C::GET_ACCEPT_XML_Q_PREFERRED)) {
    auto accepting = [&](const char* what, std::string accept, int code,
                         C challenge) {
      s.push_back(
        fixed(what, req("GET", P + "/todos", {{"Accept", std::move(accept)}}),
              code, {challenge}));
    };
    accepting("GET /todos preferring XML by q",
              "application/json;q=0.5, application/xml;q=1", 200,
              C::GET_ACCEPT_XML_Q_PREFERRED);
    accepting("GET /todos preferring JSON by q",
              "application/xml;q=0.5, application/json;q=1", 200,
              C::GET_ACCEPT_JSON_Q_PREFERRED);
    accepting("GET /todos refusing JSON and XML by q",
              "application/json;q=0, application/xml;q=0", 406,
              C::GET_ACCEPT_Q_REJECTS_ALL_406);
    accepting("GET /todos as text/xml", "text/xml", 200,
              C::GET_ACCEPT_TEXT_XML);
    accepting("GET /todos as vendor XML",
              "application/vnd.apichallenges.todo+xml", 200,
              C::GET_ACCEPT_VENDOR_XML);
    accepting("GET /todos as any structured XML", "application/*+xml", 200,
              C::GET_ACCEPT_STRUCTURED_XML_WILDCARD);
    s.push_back(
      fixed("POST a todo as vendor XML",
            req("POST", P + "/todos",
                {{"Content-Type", "application/vnd.apichallenges.todo+xml"}},
                "<todo><title>vendor</title></todo>"),
            201, {C::POST_CREATE_VENDOR_XML}));
  }
  if (has(C::QUERY_TODOS_FILTERED)) {
    // Todo 2 is done by now, the others are not.
    auto querying = [&](const char* what, const char* type, const char* body,
                        C challenge) {
      s.push_back(
        fixed(what, req("QUERY", P + "/todos", {{"Content-Type", type}}, body),
              200, {challenge}));
    };
    querying("QUERY the done todos with a form",
             "application/x-www-form-urlencoded", "doneStatus=true",
             C::QUERY_TODOS_FILTERED);
    querying("QUERY the done todos with JSONPath", "application/jsonpath",
             "$.todos[?(@.doneStatus == true)]",
             C::QUERY_TODOS_JSONPATH_FILTERED);
    querying("QUERY the done todos with structured JSON",
             "application/vnd.thingifier.query+json",
             R"({"filter":{"doneStatus":true}})",
             C::QUERY_TODOS_STRUCTURED_JSON_FILTERED);
  }
  if (has(C::GET_TODOS_EXPORT_CSV_CONTENT_DISPOSITION)) {
    s.push_back(fixed("GET the todos exported as CSV",
                      req("GET", P + "/todos/export?format=csv"), 200,
                      {C::GET_TODOS_EXPORT_CSV_CONTENT_DISPOSITION}));
    s.push_back(fixed("GET the todos exported as HTML",
                      req("GET", P + "/todos/export?format=html"), 200,
                      {C::GET_TODOS_EXPORT_HTML_CONTENT_DISPOSITION}));
    s.push_back(fixed("GET the todos exported as TSV",
                      req("GET", P + "/todos/export?format=tsv"), 200,
                      {C::GET_TODOS_EXPORT_TSV_CONTENT_DISPOSITION}));
  }
  if (has(C::PATCH_TODOS_PARTIAL_200)) {
    s.push_back(
      fixed("PATCH todo 2 with partial JSON",
            req("PATCH", P + "/todos/2", json_type, R"({"doneStatus":true})"),
            200, {C::PATCH_TODOS_PARTIAL_200}));
    s.push_back(fixed("PATCH todo 2 with a merge patch",
                      req("PATCH", P + "/todos/2",
                          {{"Content-Type", "application/merge-patch+json"}},
                          R"({"description":"merged"})"),
                      200, {C::PATCH_TODOS_MERGE_PATCH_200}));
    s.push_back(
      fixed("PATCH todo 2 with a JSON patch",
            req("PATCH", P + "/todos/2",
                {{"Content-Type", "application/json-patch+json"}},
                R"([{"op":"replace","path":"/title","value":"patched"}])"),
            200, {C::PATCH_TODOS_JSON_PATCH_200}));
  }
  if (has(C::PUT_TODOS_BODY_ID_200)) {
    s.push_back(fixed("PUT /todos naming todo 2 in the body",
                      req("PUT", P + "/todos", json_type,
                          R"({"id":2,"title":"put by body id"})"),
                      200, {C::PUT_TODOS_BODY_ID_200}));
    s.push_back(fixed("PUT /todos without an id",
                      req("PUT", P + "/todos", json_type, R"({"title":"x"})"),
                      invalid, {C::PUT_TODOS_NO_ID_422}));
  }
  if (has(C::GET_TODOS_SORTED_ASCENDING)) {
    s.push_back(fixed("GET todos sorted by title",
                      req("GET", P + "/todos?_sortBy=title"), 200,
                      {C::GET_TODOS_SORTED_ASCENDING}));
    s.push_back(fixed("GET todos sorted by id, descending",
                      req("GET", P + "/todos?_sortBy=-id"), 200,
                      {C::GET_TODOS_SORTED_DESCENDING}));
    s.push_back(fixed("GET todos sorted by two fields",
                      req("GET", P + "/todos?_sortBy=doneStatus,-id"), 200,
                      {C::GET_TODOS_SORTED_MULTIPLE_FIELDS}));
    s.push_back(fixed("GET todos filtered and sorted",
                      req("GET", P + "/todos?doneStatus=false&_sortBy=title"),
                      200, {C::GET_TODOS_FILTERED_AND_SORTED}));
  }
  if (has(C::GET_TODOS_PAGINATED_LIMIT)) {
    s.push_back(fixed("GET a page of 8 todos",
                      req("GET", P + "/todos?_limit=8"), 200,
                      {C::GET_TODOS_PAGINATED_LIMIT}));
    s.push_back(fixed("GET 5 todos from offset 5",
                      req("GET", P + "/todos?_limit=5&_offset=5"), 200,
                      {C::GET_TODOS_PAGINATED_LIMIT_OFFSET}));
    s.push_back(fixed("GET a page over the limit",
                      req("GET", P + "/todos?_limit=21"), 400,
                      {C::GET_TODOS_PAGINATED_LIMIT_TOO_HIGH}));
    s.push_back(fixed("GET 5 todos from offset 5, ids descending",
                      req("GET", P + "/todos?_sortBy=-id&_limit=5&_offset=5"),
                      200, {C::GET_TODOS_PAGINATED_SORTED}));
    s.push_back(
      fixed("GET 2 not-done todos from offset 1",
            req("GET", P + "/todos?doneStatus=false&_limit=2&_offset=1"), 200,
            {C::GET_TODOS_PAGINATED_FILTERED}));
  }
  if (has(C::GET_UNSUPPORTED_STRUCTURED_JSON_ACCEPT_406))
    s.push_back(
      fixed("GET /todos accepting problem+json",
            req("GET", P + "/todos", {{"Accept", "application/problem+json"}}),
            406, {C::GET_UNSUPPORTED_STRUCTURED_JSON_ACCEPT_406}));
  // -- status codes and overrides
  // ------------------------------------------------------
  s.push_back(fixed("GET /heartbeat", req("GET", P + "/heartbeat"), 204,
                    {C::GET_HEARTBEAT_204}));
  s.push_back(fixed("DELETE /heartbeat", req("DELETE", P + "/heartbeat"), 405,
                    {C::DELETE_HEARTBEAT_405}));
  s.push_back(fixed("PATCH /heartbeat", req("PATCH", P + "/heartbeat"), 500,
                    {C::PATCH_HEARTBEAT_500}));
  s.push_back(fixed("TRACE /heartbeat", req("TRACE", P + "/heartbeat"), 501,
                    {C::TRACE_HEARTBEAT_501}));
  s.push_back(
    fixed("POST /heartbeat as DELETE",
          req("POST", P + "/heartbeat", {{"X-HTTP-Method-Override", "DELETE"}}),
          405, {C::OVERRIDE_DELETE_HEARTBEAT_405}));
  s.push_back(
    fixed("POST /heartbeat as PATCH",
          req("POST", P + "/heartbeat", {{"X-HTTP-Method-Override", "PATCH"}}),
          500, {C::OVERRIDE_PATCH_HEARTBEAT_500}));
  s.push_back(
    fixed("POST /heartbeat as TRACE",
          req("POST", P + "/heartbeat", {{"X-HTTP-Method-Override", "TRACE"}}),
          501, {C::OVERRIDE_TRACE_HEARTBEAT_501}));
  if (has(C::X_CHALLENGER_TOO_LONG_431)) {
    s.push_back(dynamic("GET /heartbeat with an oversized X-CHALLENGER",
                        [P](const walk_state& st) {
                          auto r = req("GET", P + "/heartbeat",
                                       {{"X-CHALLENGER",
                                         st.guid + std::string(100, 'x')}});
                          r.with_challenger = false;
                          return r;
                        },
                        431, {C::X_CHALLENGER_TOO_LONG_431}));
  }
  // -- authentication and authorisation
  // ------------------------------------------
  s.push_back(fixed("token with a wrong password",
                    req("POST", P + "/secret/token",
                        {{"Authorization", "Basic YWRtaW46d3Jvbmc="}}),
                    401, {C::CREATE_SECRET_TOKEN_401}));
  auto token = fixed("token as admin",
                     req("POST", P + "/secret/token",
                         {{"Authorization", "Basic YWRtaW46cGFzc3dvcmQ="}}),
                     201, {C::CREATE_SECRET_TOKEN_201});
  token.after = [](walk_state& st, const reply& r) {
    st.token = r.header("X-AUTH-TOKEN");
  };
  s.push_back(token);
  s.push_back(fixed("note without token", req("GET", P + "/secret/note"), 401,
                    {C::GET_SECRET_NOTE_401}));
  s.push_back(fixed("note with a wrong token",
                    req("GET", P + "/secret/note", {{"X-AUTH-TOKEN", "bob"}}),
                    403, {C::GET_SECRET_NOTE_403}));
  s.push_back(dynamic(
    "note with the token",
    [P](const walk_state& st) {
      return req("GET", P + "/secret/note", {{"X-AUTH-TOKEN", st.token}});
    },
    200, {C::GET_SECRET_NOTE_200}));
  std::string note = R"({"note":"my note"})";
  s.push_back(fixed("post a note without token",
                    req("POST", P + "/secret/note", json_type, note), 401,
                    {C::POST_SECRET_NOTE_401}));
  s.push_back(fixed("post a note with a wrong token",
                    req("POST", P + "/secret/note",
                        with(json_type, {{"X-AUTH-TOKEN", "bob"}}), note),
                    403, {C::POST_SECRET_NOTE_403}));
  s.push_back(
    dynamic("post a note with the token",
            [P, note](const walk_state& st) {
              return req("POST", P + "/secret/note",
                         with(json_type, {{"X-AUTH-TOKEN", st.token}}), note);
            },
            200, {C::POST_SECRET_NOTE_200}));
  s.push_back(dynamic("note with a Bearer token",
                      [P](const walk_state& st) {
                        return req("GET", P + "/secret/note",
                                   {{"Authorization", "Bearer " + st.token}});
                      },
                      200, {C::GET_SECRET_NOTE_BEARER_200}));
  s.push_back(dynamic("post a note with a Bearer token",
                      [P, note](const walk_state& st) {
                        return req("POST", P + "/secret/note",
                                   with(json_type, {{"Authorization",
                                                     "Bearer " + st.token}}),
                                   note);
                      },
                      200, {C::POST_SECRET_NOTE_BEARER_200}));
  // -- saving and restoring
  // ------------------------------------------------------------
  auto get_progress = dynamic("GET the progress payload",
                              [P](const walk_state& st) {
                                return req("GET", P + "/challenger/" + st.guid);
                              },
                              200,
                              {C::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS});
  get_progress.after = [](walk_state& st, const reply& r) {
    st.progress = r.body;
  };
  s.push_back(get_progress);
  s.push_back(dynamic("PUT the progress payload back",
                      [P](const walk_state& st) {
                        return req("PUT", P + "/challenger/" + st.guid,
                                   json_type, st.progress);
                      },
                      200, {C::PUT_RESTORABLE_CHALLENGER_PROGRESS_STATUS}));
  if (has(C::PUT_CHALLENGER_GUID_MISMATCH_409)) {
    s.push_back(
      dynamic("PUT a progress payload naming another GUID",
              [P](const walk_state& st) {
                return req("PUT", P + "/challenger/" + st.guid, json_type,
                           R"({"xAuthToken":"t","xChallenger":)"
                           R"("3f2504e0-4f89-41d3-9a0c-0305e82c3301",)"
                           R"("secretNote":"","challengeStatus":{}})");
              },
              409, {C::PUT_CHALLENGER_GUID_MISMATCH_409}));
  }
  auto get_database = dynamic("GET the todos database",
                              [P](const walk_state& st) {
                                return req("GET", P + "/challenger/database/"
                                                    + st.guid);
                              },
                              200, {C::GET_RESTORABLE_TODOS});
  get_database.after = [](walk_state& st, const reply& r) {
    st.database = r.body;
  };
  s.push_back(get_database);
  s.push_back(dynamic("PUT the todos database back",
                      [P](const walk_state& st) {
                        return req("PUT", P + "/challenger/database/" + st.guid,
                                   json_type, st.database);
                      },
                      204, {C::PUT_RESTORABLE_TODOS}));
  if (multi && cfg.storage) {
    // Let the session be stopped, so that the next requests load it.
    auto restore_get = dynamic("GET /challenger/{guid} after an idle stop",
                               [P](const walk_state& st) {
                                 return req("GET",
                                            P + "/challenger/" + st.guid);
                               },
                               200, {C::GET_RESTORE_EXISTING_CHALLENGER});
    restore_get.before = [wait_idle_stop](client&, walk_state& st) {
      wait_idle_stop(st);
    };
    restore_get.needs_idle_stop = true;
    s.push_back(restore_get);
    auto restore_post = fixed("POST /challenger for the loaded session",
                              req("POST", P + "/challenger"), 200,
                              {C::POST_RESTORE_EXISTING_CHALLENGER});
    restore_post.needs_idle_stop = true;
    s.push_back(restore_post);
  }
  // -- miscellaneous
  // ---------------------------------------------------------------------
  auto fill = fixed("POST the 21st todo",
                    req("POST", P + "/todos", json_type,
                        R"({"title":"one more"})"),
                    ed.status.max_todos, {C::POST_ALL_TODOS});
  fill.before = [P](client& c, walk_state& st) {
    auto n = todo_ids(c, st, P).size();
    for (; n < 20; ++n)
      send_step(c, st,
                req("POST", P + "/todos", json_type, R"({"title":"filler"})"));
  };
  s.push_back(fill);
  auto empty = dynamic("DELETE the last todo",
                       [P](const walk_state& st) {
                         return req("DELETE", P + "/todos/" + st.last_id);
                       },
                       ed.status.deleted, {C::DELETE_ALL_TODOS});
  empty.before = [P](client& c, walk_state& st) {
    auto ids = todo_ids(c, st, P);
    for (std::size_t i = 0; i + 1 < ids.size(); ++i)
      send_step(c, st, req("DELETE", P + "/todos/" + std::to_string(ids[i])));
    st.last_id = ids.empty() ? "0" : std::to_string(ids.back());
  };
  s.push_back(empty);
  if (multi) {
    // Save the progress, let the session go idle, and bring it back with
    // PUT: the challenger is not in memory, so it is created (201).
    auto recreate
      = dynamic("PUT /challenger/{guid} for a session not in memory",
                [P](const walk_state& st) {
                  auto r = req("PUT", P + "/challenger/" + st.guid, json_type,
                               st.progress);
                  r.with_challenger = false;
                  return r;
                },
                201, {C::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS});
    recreate.before = [P, wait_idle_stop](client& c, walk_state& st) {
      st.progress = send_step(c, st, req("GET", P + "/challenger/" + st.guid))
                      .body;
      wait_idle_stop(st);
    };
    recreate.needs_idle_stop = true;
    s.push_back(recreate);
  }
  return s;
}

} // namespace walk
