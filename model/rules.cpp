// Which request credits which challenge (BEHAVIOUR §1.1, §1.2). Every rule
// judges the real request method: in 2025 (Spark) the hooks saw the method
// on the request line, while routing used X-HTTP-Method-Override.

#include "model/accept_q.hpp"
#include "model/exchange.hpp"
#include "model/icalendar.hpp"
#include "model/json_reader.hpp"
#include "model/json_value.hpp"
#include "model/query.hpp"
#include "model/query_params.hpp"
#include "model/text.hpp"

#include <algorithm>

namespace model::detail {

namespace {

using predicate = bool (*)(const exchange&);

struct rule {
  challenge key;
  predicate applies;
};

// -- request facts
// --------------------------------------------------------------

bool is(const exchange& ex, std::string_view method) {
  return ex.req.method == method;
}

bool path_is(const exchange& ex, std::string_view path) {
  return ex.req.path == path;
}

// The original's `matches("todos/.*")` on the path without the leading `/`.
bool todos_item_path(const exchange& ex) {
  return text::starts_with(ex.req.path, "/todos/");
}

bool no_query(const exchange& ex) {
  return ex.req.query.empty();
}

std::string lower_header(const exchange& ex, std::string_view name) {
  auto x = ex.req.header(name);
  return x ? text::lower(*x) : std::string{};
}

// The Content-Type's media type: lower case, parameters dropped.
std::string media_type(const exchange& ex) {
  auto value = lower_header(ex, "Content-Type");
  return std::string{
    text::trim(std::string_view{value}.substr(0, std::min(value.size(),
                                                          value.find(';'))))};
}

bool accept_has(const exchange& ex, std::string_view x) {
  return text::contains(lower_header(ex, "Accept"), x);
}

bool content_type_json(const exchange& ex) {
  return text::contains(lower_header(ex, "Content-Type"), "application/json");
}

bool content_type_xml(const exchange& ex) {
  auto x = lower_header(ex, "Content-Type");
  return text::contains(x, "application/xml") || text::contains(x, "text/xml");
}

bool body_has_note(const exchange& ex) {
  return text::contains(ex.req.body, "\"note\"");
}

bool has_auth_token(const exchange& ex) {
  return ex.req.header("X-AUTH-TOKEN") != nullptr;
}

bool auth_token_longer_than_1(const exchange& ex) {
  auto x = ex.req.header("X-AUTH-TOKEN");
  return x != nullptr && x->size() > 1;
}

bool authorization_longer_than_10(const exchange& ex) {
  auto x = ex.req.header("Authorization");
  return x != nullptr && x->size() > 10;
}

bool has_bearer(const exchange& ex) {
  auto x = ex.req.header("Authorization");
  if (x == nullptr)
    return false;
  std::string_view v{*x};
  auto space = v.find(' ');
  return space != std::string_view::npos
         && text::iequals(v.substr(0, space), "bearer")
         && !text::trim(v.substr(space + 1)).empty();
}

bool override_is(const exchange& ex, std::string_view value) {
  auto x = ex.req.header("X-HTTP-Method-Override");
  return is(ex, "POST") && path_is(ex, "/heartbeat") && x != nullptr
         && text::iequals(*x, value);
}

// -- response facts ---------------------------------------------------------

bool status(const exchange& ex, int code) {
  return ex.res.status == code;
}

// The status of a failed field validation in this edition (400 or 422).
int validation(const exchange& ex) {
  return ex.ctx.edition().status.validation;
}

bool responds(const exchange& ex, std::string_view type) {
  return ex.res.content_type == type;
}

std::string joined_errors(const exchange& ex) {
  std::string result;
  for (auto& x : ex.errors) {
    if (!result.empty())
      result += ' ';
    result += x;
  }
  return result;
}

bool error_has(const exchange& ex, std::string_view x) {
  return text::contains(joined_errors(ex), x);
}

bool is_loaded(const exchange& ex) {
  return ex.who->state == challenger_state::loaded;
}

bool response_guid_is_request_guid(const exchange& ex) {
  auto in = ex.req.header("X-CHALLENGER");
  auto out = ex.res.header("X-CHALLENGER");
  return in != nullptr && out != nullptr && *in == *out;
}

bool max_out_created(const exchange& ex) {
  auto location = ex.res.header("Location");
  if (location == nullptr || !text::starts_with(*location, "/todos/"))
    return false;
  auto id = std::strtoll(location->c_str() + 7, nullptr, 10);
  auto x = ex.who->todos.find(id);
  return x != nullptr && text::utf16_length(x->title) == 50
         && text::utf16_length(x->description) == 200;
}

bool both_done_and_not_done(const exchange& ex) {
  auto [done, open] = ex.who->todos.done_counts();
  return done > 0 && open > 0;
}

bool filtered_on_done(const exchange& ex) {
  auto x = query::first_value(ex.req.query, "doneStatus");
  return x && *x == "true";
}

// The first recognised non-wildcard Accept item is XML.
bool prefers_xml(const exchange& ex) {
  return ex.accept.preferred == negotiation::format::xml;
}

// -- the rules ----------------------------------------------------------------

using C = challenge;

const rule request_rules[] = {
  {C::GET_CHALLENGES,
   [](auto& ex) { return is(ex, "GET") && path_is(ex, "/challenges"); }},
  {C::GET_TODOS,
   [](auto& ex) {
     return is(ex, "GET") && path_is(ex, "/todos") && no_query(ex);
   }},
  {C::GET_HEAD_TODOS,
   [](auto& ex) {
     return is(ex, "HEAD") && path_is(ex, "/todos") && no_query(ex);
   }},
  {C::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS,
   [](auto& ex) {
     // Multi-user: the header must name the challenger of the URL.
     auto header = ex.req.header("X-CHALLENGER");
     if (ex.ctx.config.mode == user_mode::multi_user
         && (header == nullptr
             || text::lower(text::trim(*header)) != ex.who->guid))
       return false;
     return is(ex, "GET") && path_is(ex, "/challenger/" + ex.who->guid);
   }},
  {C::DELETE_HEARTBEAT_405,
   [](auto& ex) { return is(ex, "DELETE") && path_is(ex, "/heartbeat"); }},
  {C::PATCH_HEARTBEAT_500,
   [](auto& ex) { return is(ex, "PATCH") && path_is(ex, "/heartbeat"); }},
  {C::TRACE_HEARTBEAT_501,
   [](auto& ex) { return is(ex, "TRACE") && path_is(ex, "/heartbeat"); }},
  {C::GET_HEARTBEAT_204,
   [](auto& ex) { return is(ex, "GET") && path_is(ex, "/heartbeat"); }},
  {C::OVERRIDE_DELETE_HEARTBEAT_405,
   [](auto& ex) { return override_is(ex, "delete"); }},
  {C::OVERRIDE_PATCH_HEARTBEAT_500,
   [](auto& ex) { return override_is(ex, "patch"); }},
  {C::OVERRIDE_TRACE_HEARTBEAT_501,
   [](auto& ex) { return override_is(ex, "trace"); }},
};

// Rules on /todos and /todos/{id} answers (the API response hook).
bool get_todos_ok(const exchange& ex, std::string_view type) {
  return is(ex, "GET") && path_is(ex, "/todos") && no_query(ex)
         && status(ex, 200) && responds(ex, type);
}

bool post_todos(const exchange& ex, int code) {
  return is(ex, "POST") && path_is(ex, "/todos") && status(ex, code);
}

const rule response_rules[] = {
  {C::CREATE_NEW_CHALLENGER,
   [](auto& ex) {
     return is(ex, "POST") && path_is(ex, "/challenger") && status(ex, 201)
            && (ex.ctx.config.mode == user_mode::single_user
                || ex.who->state == challenger_state::fresh);
   }},
  {C::GET_TODOS_NOT_PLURAL_404,
   [](auto& ex) {
     return is(ex, "GET") && path_is(ex, "/todo") && status(ex, 404);
   }},
  {C::GET_TODO,
   [](auto& ex) {
     return is(ex, "GET") && todos_item_path(ex) && status(ex, 200);
   }},
  {C::GET_TODO_404,
   [](auto& ex) {
     return is(ex, "GET") && todos_item_path(ex) && status(ex, 404);
   }},
  {C::GET_TODOS_FILTERED,
   [](auto& ex) {
     return is(ex, "GET") && path_is(ex, "/todos") && filtered_on_done(ex)
            && status(ex, 200) && both_done_and_not_done(ex);
   }},
  {C::POST_TODOS, [](auto& ex) { return post_todos(ex, 201); }},
  {C::POST_TODOS_BAD_DONE_STATUS,
   [](auto& ex) {
     return post_todos(ex, validation(ex))
            && error_has(ex, "Failed Validation: doneStatus should be BOOLEAN");
   }},
  {C::POST_TODOS_TOO_LONG_TITLE_LENGTH,
   [](auto& ex) {
     return is(ex, "POST") && text::starts_with(ex.req.path, "/todo")
            && status(ex, validation(ex))
            && error_has(ex, "Failed Validation: Maximum allowable length "
                             "exceeded for title - maximum allowed is 50");
   }},
  {C::POST_TODOS_TOO_LONG_DESCRIPTION_LENGTH,
   [](auto& ex) {
     return is(ex, "POST") && text::starts_with(ex.req.path, "/todo")
            && status(ex, validation(ex))
            && error_has(ex, "Failed Validation: Maximum allowable length "
                             "exceeded for description - maximum allowed is "
                             "200");
   }},
  {C::POST_MAX_OUT_TITLE_DESCRIPTION_LENGTH,
   [](auto& ex) { return post_todos(ex, 201) && max_out_created(ex); }},
  {C::POST_TODOS_TOO_LONG_PAYLOAD_SIZE,
   [](auto& ex) {
     return post_todos(ex, 413)
            && error_has(ex, "Error: Request body too large, max allowed is "
                             "5000 bytes");
   }},
  {C::POST_TODOS_INVALID_EXTRA_FIELD,
   [](auto& ex) {
     return post_todos(ex, validation(ex))
            && error_has(ex, "Could not find field:");
   }},
  {C::PUT_TODOS_400,
   [](auto& ex) {
     return is(ex, "PUT") && todos_item_path(ex) && status(ex, validation(ex))
            && error_has(ex, "Cannot create todo with PUT due to Auto fields "
                             "id");
   }},
  {C::POST_UPDATE_TODO,
   [](auto& ex) {
     return is(ex, "POST") && todos_item_path(ex) && status(ex, 200);
   }},
  {C::POST_TODOS_404,
   [](auto& ex) {
     if (!is(ex, "POST") || !todos_item_path(ex) || !status(ex, 404))
       return false;
     for (auto& x : ex.errors)
       if (text::starts_with(x, "No such todo entity instance with id =="))
         return true;
     return false;
   }},
  {C::PUT_TODOS_FULL_200,
   [](auto& ex) {
     auto body = text::lower(ex.req.body);
     return is(ex, "PUT") && todos_item_path(ex) && status(ex, 200)
            && text::contains(body, "donestatus")
            && text::contains(body, "description");
   }},
  {C::PUT_TODOS_PARTIAL_200,
   [](auto& ex) {
     auto body = text::lower(ex.req.body);
     return is(ex, "PUT") && todos_item_path(ex) && status(ex, 200)
            && !text::contains(body, "donestatus")
            && !text::contains(body, "description");
   }},
  {C::PUT_TODOS_MISSING_TITLE_400,
   [](auto& ex) {
     return is(ex, "PUT") && todos_item_path(ex) && status(ex, validation(ex))
            && error_has(ex, "title : field is mandatory");
   }},
  {C::PUT_TODOS_400_NO_AMEND_ID,
   [](auto& ex) {
     return is(ex, "PUT") && todos_item_path(ex) && status(ex, validation(ex))
            && error_has(ex, "Can not amend id from");
   }},
  {C::DELETE_A_TODO,
   [](auto& ex) {
     return is(ex, "DELETE") && todos_item_path(ex)
            && status(ex, ex.ctx.edition().status.deleted);
   }},
  {C::OPTIONS_TODOS,
   [](auto& ex) {
     return is(ex, "OPTIONS") && path_is(ex, "/todos") && status(ex, 200);
   }},
  {C::GET_ACCEPT_XML,
   [](auto& ex) {
     return get_todos_ok(ex, "application/xml")
            && accept_has(ex, "application/xml");
   }},
  {C::GET_ACCEPT_JSON,
   [](auto& ex) {
     return get_todos_ok(ex, "application/json")
            && accept_has(ex, "application/json");
   }},
  {C::GET_ACCEPT_ANY_DEFAULT_JSON,
   [](auto& ex) {
     return get_todos_ok(ex, "application/json")
            && (accept_has(ex, "*/*") || accept_has(ex, "application/*"));
   }},
  {C::GET_ACCEPT_XML_PREFERRED,
   [](auto& ex) {
     return get_todos_ok(ex, "application/xml")
            && accept_has(ex, "application/xml")
            && accept_has(ex, "application/json") && prefers_xml(ex);
   }},
  {C::GET_JSON_BY_DEFAULT_NO_ACCEPT,
   [](auto& ex) {
     auto accept = ex.req.header("Accept");
     return get_todos_ok(ex, "application/json")
            && (accept == nullptr || accept->empty());
   }},
  {C::GET_UNSUPPORTED_ACCEPT_406,
   [](auto& ex) {
     return is(ex, "GET") && path_is(ex, "/todos") && no_query(ex)
            && status(ex, 406);
   }},
  {C::POST_CREATE_XML,
   [](auto& ex) {
     return post_todos(ex, 201) && content_type_xml(ex)
            && responds(ex, "application/xml");
   }},
  {C::POST_CREATE_JSON,
   [](auto& ex) {
     return post_todos(ex, 201) && content_type_json(ex)
            && accept_has(ex, "application/json")
            && responds(ex, "application/json");
   }},
  {C::POST_TODOS_415, [](auto& ex) { return post_todos(ex, 415); }},
  {C::GET_RESTORE_EXISTING_CHALLENGER,
   [](auto& ex) {
     return is(ex, "GET") && text::starts_with(ex.req.path, "/challenger/")
            && status(ex, 200) && is_loaded(ex);
   }},
  {C::POST_RESTORE_EXISTING_CHALLENGER,
   [](auto& ex) {
     return is(ex, "POST") && text::starts_with(ex.req.path, "/challenger")
            && status(ex, 200) && response_guid_is_request_guid(ex)
            && is_loaded(ex);
   }},
  {C::PUT_RESTORABLE_CHALLENGER_PROGRESS_STATUS,
   [](auto& ex) {
     return is(ex, "PUT") && text::starts_with(ex.req.path, "/challenger/")
            && status(ex, 200);
   }},
  {C::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS,
   [](auto& ex) {
     return is(ex, "PUT") && text::starts_with(ex.req.path, "/challenger/")
            && status(ex, 201);
   }},
  {C::GET_RESTORABLE_TODOS,
   [](auto& ex) {
     return is(ex, "GET")
            && text::starts_with(ex.req.path, "/challenger/database/")
            && status(ex, 200);
   }},
  {C::PUT_RESTORABLE_TODOS,
   [](auto& ex) {
     return is(ex, "PUT")
            && text::starts_with(ex.req.path, "/challenger/database/")
            && status(ex, 204);
   }},
  {C::POST_CREATE_XML_ACCEPT_JSON,
   [](auto& ex) {
     return post_todos(ex, 201) && content_type_xml(ex)
            && accept_has(ex, "application/json")
            && responds(ex, "application/json");
   }},
  {C::POST_CREATE_JSON_ACCEPT_XML,
   [](auto& ex) {
     return post_todos(ex, 201) && content_type_json(ex)
            && responds(ex, "application/xml");
   }},
  {C::CREATE_SECRET_TOKEN_401,
   [](auto& ex) {
     return is(ex, "POST") && path_is(ex, "/secret/token")
            && authorization_longer_than_10(ex) && status(ex, 401);
   }},
  {C::CREATE_SECRET_TOKEN_201,
   [](auto& ex) {
     return is(ex, "POST") && path_is(ex, "/secret/token")
            && authorization_longer_than_10(ex) && status(ex, 201);
   }},
  {C::GET_SECRET_NOTE_403,
   [](auto& ex) {
     return is(ex, "GET") && path_is(ex, "/secret/note")
            && auth_token_longer_than_1(ex) && status(ex, 403);
   }},
  {C::GET_SECRET_NOTE_401,
   [](auto& ex) {
     return is(ex, "GET") && path_is(ex, "/secret/note") && !has_auth_token(ex)
            && status(ex, 401);
   }},
  {C::GET_SECRET_NOTE_200,
   [](auto& ex) {
     return is(ex, "GET") && path_is(ex, "/secret/note") && has_auth_token(ex)
            && status(ex, 200);
   }},
  {C::POST_SECRET_NOTE_200,
   [](auto& ex) {
     return is(ex, "POST") && path_is(ex, "/secret/note") && has_auth_token(ex)
            && body_has_note(ex) && status(ex, 200);
   }},
  {C::POST_SECRET_NOTE_401,
   [](auto& ex) {
     return is(ex, "POST") && path_is(ex, "/secret/note") && !has_auth_token(ex)
            && body_has_note(ex) && status(ex, 401);
   }},
  {C::POST_SECRET_NOTE_403,
   [](auto& ex) {
     return is(ex, "POST") && path_is(ex, "/secret/note")
            && auth_token_longer_than_1(ex) && body_has_note(ex)
            && status(ex, 403);
   }},
  {C::GET_SECRET_NOTE_BEARER_200,
   [](auto& ex) {
     return is(ex, "GET") && path_is(ex, "/secret/note") && has_bearer(ex)
            && status(ex, 200);
   }},
  {C::POST_SECRET_NOTE_BEARER_200,
   [](auto& ex) {
     return is(ex, "POST") && path_is(ex, "/secret/note") && has_bearer(ex)
            && body_has_note(ex) && status(ex, 200);
   }},
  {C::DELETE_ALL_TODOS,
   [](auto& ex) {
     return is(ex, "DELETE") && todos_item_path(ex)
            && status(ex, ex.ctx.edition().status.deleted)
            && ex.who->todos.size() == 0;
   }},
  {C::POST_ALL_TODOS,
   [](auto& ex) {
     return post_todos(ex, ex.ctx.edition().status.max_todos)
            && error_has(ex, "ERROR: Cannot add instance, maximum limit of 20 "
                             "reached");
   }},
};

// -- the 2026 edition's own rules (BEHAVIOUR §10) -----------------------------

// Whether the body is a JSON object with a top-level `id` member.
bool body_has_id(const exchange& ex) {
  auto fields = json::parse_body(ex.req.body);
  if (!fields)
    return false;
  for (auto& [key, value] : *fields)
    if (!value.nested && key == "id")
      return true;
  return false;
}

// One todo of a JSON list response.
struct listed_todo {
  std::optional<int64_t> id;
  std::string description;
  /// `doneStatus` as Gson's `getAsBoolean` reads it; unset when absent.
  std::optional<bool> done;
};

// The todos of a JSON `{"todos":[...]}` response; empty when it is not one.
std::vector<listed_todo> response_todos(const exchange& ex) {
  std::vector<listed_todo> result;
  if (ex.res.content_type != "application/json")
    return result;
  auto doc = payload::parse_database(ex.res.body);
  if (!doc)
    return result;
  for (auto& entity : doc->entities) {
    if (entity.key != "todos")
      continue;
    for (auto& instance : entity.instances) {
      listed_todo x;
      for (auto& [key, value] : instance.fields) {
        if (key == "id" && value.type == body_value::kind::number)
          x.id = static_cast<int64_t>(value.number);
        else if (key == "description")
          x.description = value.text;
        else if (key == "doneStatus")
          x.done = value.type == body_value::kind::boolean
                     ? value.boolean
                     : text::lower(value.text) == "true";
      }
      result.push_back(std::move(x));
    }
  }
  return result;
}

// The integer value of the first `field<op>value` condition, if any.
std::optional<int64_t> condition_int(const exchange& ex, std::string_view field,
                                     std::string_view op) {
  for (auto& x : query::conditions(ex.req.query)) {
    if (x.name != field || x.op != op)
      continue;
    if (x.value.empty() || x.value.size() > 10)
      return std::nullopt;
    std::size_t used = 0;
    try {
      auto v = std::stoll(x.value, &used);
      if (used == x.value.size())
        return v;
    } catch (...) {
      // nop: not an integer
    }
    return std::nullopt;
  }
  return std::nullopt;
}

bool has_condition(const exchange& ex, std::string_view field,
                   std::string_view op) {
  for (auto& x : query::conditions(ex.req.query))
    if (x.name == field && x.op == op)
      return true;
  return false;
}

bool get_todos_200(const exchange& ex) {
  return is(ex, "GET") && path_is(ex, "/todos") && status(ex, 200);
}

// A `GET /todos?id<op>N` answer: a non-empty proper subset of the todos,
// every id passing `test`.
template <class Test>
bool id_filter_subset(const exchange& ex, std::string_view op, Test test) {
  if (!get_todos_200(ex))
    return false;
  auto value = condition_int(ex, "id", op);
  if (!value)
    return false;
  auto xs = response_todos(ex);
  if (xs.empty() || xs.size() >= ex.who->todos.size())
    return false;
  for (auto& x : xs)
    if (!x.id || !test(*x.id, *value))
      return false;
  return true;
}

// A `GET /todos?description<op>...` answer: non-empty, every description
// non-empty (the server's own filter did the matching).
bool description_filter_hits(const exchange& ex, std::string_view op) {
  if (!get_todos_200(ex) || !has_condition(ex, "description", op))
    return false;
  auto xs = response_todos(ex);
  if (xs.empty())
    return false;
  for (auto& x : xs)
    if (x.description.empty())
      return false;
  return true;
}

// The Accept value without white space, lower-cased, is `x`.
bool accept_is(const exchange& ex, std::string_view x) {
  std::string squeezed;
  for (auto c : lower_header(ex, "Accept"))
    if (c != ' ' && c != '\t')
      squeezed += c;
  return squeezed == x;
}

// -- sorting and paging (apichallenges e9f0023, ChallengerApiResponseHook)

// Whether `name` is a todo field (the engine's field names ignore case).
bool is_todo_field(std::string_view name) {
  auto x = text::lower(name);
  return x == "id" || x == "title" || x == "donestatus" || x == "description";
}

// One `_sortBy` criterion as the challenge hook reads it.
struct sort_criterion {
  std::string field;
  bool ascending = true;
};

// Every `_sortBy` item's comma-separated criteria: trimmed, a leading `-`
// descending, `+` ascending, empty ones dropped (unknown fields kept).
std::vector<sort_criterion> sort_criteria(
  const std::vector<query_params::param>& params) {
  std::vector<sort_criterion> out;
  for (auto& x : params) {
    if (x.name != "_sortBy")
      continue;
    std::string_view rest{x.value};
    while (true) {
      auto comma = rest.find(',');
      auto c = std::string{text::trim(rest.substr(0, comma))};
      rest = comma == std::string_view::npos ? std::string_view{}
                                             : rest.substr(comma + 1);
      sort_criterion crit;
      if (!c.empty() && (c[0] == '-' || c[0] == '+')) {
        crit.ascending = c[0] == '+';
        c = std::string{text::trim(std::string_view{c}.substr(1))};
      }
      if (!c.empty()) {
        crit.field = std::move(c);
        out.push_back(std::move(crit));
      }
      if (comma == std::string_view::npos)
        break;
    }
  }
  return out;
}

// Every criterion names a todo field (and there is one at least).
bool valid_sort(const std::vector<sort_criterion>& xs) {
  return !xs.empty() && std::all_of(xs.begin(), xs.end(), [](auto& x) {
    return is_todo_field(x.field);
  });
}

// A query item other than `_sortBy` names a todo field.
bool has_todo_filter(const std::vector<query_params::param>& params) {
  return std::any_of(params.begin(), params.end(), [](auto& x) {
    return x.name != "_sortBy" && is_todo_field(x.name);
  });
}

// The value of query parameter `name` as a servlet request map reads it:
// the first `name=value` item.
std::optional<std::string> query_value(
  const std::vector<query_params::param>& params, std::string_view name) {
  for (auto& x : params)
    if (x.name == name && x.op == query_params::operation::equals)
      return x.value;
  return std::nullopt;
}

// Query parameter `name` read by `Integer.parseInt`.
std::optional<int32_t> query_int(const std::vector<query_params::param>& ps,
                                 std::string_view name) {
  auto x = query_value(ps, name);
  return x ? query_params::java_parse_int(*x) : std::nullopt;
}

// The size a page of `limit` from `offset` has over `available` todos.
std::size_t page_size(std::size_t available, std::size_t limit,
                      std::size_t offset) {
  return available <= offset ? 0 : std::min(limit, available - offset);
}

// `GET /todos` answered `code`, with the query's items.
std::optional<std::vector<query_params::param>> todos_read(const exchange& ex,
                                                           int code) {
  if (!is(ex, "GET") || !path_is(ex, "/todos") || !status(ex, code))
    return std::nullopt;
  return query_params::parse(ex.req.query);
}

// `GET /todos?_limit=L&_offset=O` (O only when given) answered 200 with a
// JSON page of the size the challenger's todos give (`done_false`: only
// those not done count, and every listed one must be not done).
bool page_matches(const exchange& ex, int32_t limit,
                  std::optional<int32_t> offset, bool done_false = false) {
  auto ps = todos_read(ex, 200);
  if (!ps || query_int(*ps, "_limit") != limit)
    return false;
  if (offset && query_int(*ps, "_offset") != *offset)
    return false;
  if (done_false && query_value(*ps, "doneStatus") != "false")
    return false;
  std::size_t available = 0;
  for (auto& x : ex.who->todos.items())
    available += done_false ? !x.done : 1;
  auto xs = response_todos(ex);
  if (xs.size() != page_size(available, limit, offset.value_or(0)))
    return false;
  if (done_false)
    for (auto& x : xs)
      if (!x.done || *x.done)
        return false;
  return true;
}

// `PATCH /todos/{id}` answered 200 whose Content-Type's media type (lower
// case, parameters dropped) is `type`.
bool patched_as(const exchange& ex, std::string_view type) {
  if (!is(ex, "PATCH") || !todos_item_path(ex) || !status(ex, 200))
    return false;
  return media_type(ex) == type;
}

// `GET /todos` without a query, its Accept (white space removed, lower
// case) `accept`, answered `code` with Content-Type `type` (any, when
// empty).
bool todos_accept(const exchange& ex, std::string_view accept, int code,
                  std::string_view type = {}) {
  return is(ex, "GET") && path_is(ex, "/todos") && no_query(ex)
         && accept_is(ex, accept) && status(ex, code)
         && (type.empty() || ex.res.content_type == type);
}

constexpr std::string_view vendor_xml = "application/"
                                        "vnd.apichallenges.todo+xml";

// `GET /todos/export` answered 200 as an attachment named `file`.
bool exported_as(const exchange& ex, std::string_view file) {
  if (!is(ex, "GET") || !path_is(ex, "/todos/export") || !status(ex, 200))
    return false;
  auto x = ex.res.header("Content-Disposition");
  return x != nullptr && text::contains(*x, "attachment")
         && text::contains(*x, "filename=\"" + std::string{file} + "\"");
}

// The challenger has a todo that is done and one that is not.
bool done_and_not_done(const exchange& ex) {
  bool done = false;
  bool open = false;
  for (auto& x : ex.who->todos.items())
    (x.done ? done : open) = true;
  return done && open;
}

// `QUERY /todos` with a body of `type` answered 200, for a challenger with
// done and not-done todos; `listed_done`: the JSON answer lists todos, all
// done.
bool queried(const exchange& ex, std::string_view type, bool listed_done) {
  if (!is(ex, "QUERY") || !path_is(ex, "/todos") || !status(ex, 200)
      || media_type(ex) != type || !done_and_not_done(ex))
    return false;
  if (!listed_done)
    return true;
  auto xs = response_todos(ex);
  return !xs.empty() && std::all_of(xs.begin(), xs.end(), [](auto& x) {
    return x.done && *x.done;
  });
}

const rule response_rules_2026[] = {
  {C::QUERY_TODOS_FILTERED,
   [](auto& ex) {
     // A `doneStatus=true` item in the strictly parsed form body.
     auto form = query_params::parse_strict(ex.req.body);
     return queried(ex, "application/x-www-form-urlencoded", false)
            && std::any_of(form.params.begin(), form.params.end(), [](auto& x) {
                 return x.name == "doneStatus"
                        && x.op == query_params::operation::equals
                        && x.value == "true";
               });
   }},
  {C::QUERY_TODOS_JSONPATH_FILTERED,
   [](auto& ex) {
     auto body = text::lower(ex.req.body);
     return text::contains(body, "donestatus") && text::contains(body, "true")
            && queried(ex, "application/jsonpath", true);
   }},
  {C::QUERY_TODOS_STRUCTURED_JSON_FILTERED,
   [](auto& ex) {
     // `{"filter":{"doneStatus":true}}`, more allowed.
     auto doc = read_json(ex.req.body);
     if (!doc.doc || !doc.doc->is_object())
       return false;
     auto filter = doc.doc->find("filter");
     if (filter == nullptr || !filter->is_object())
       return false;
     auto done = filter->find("doneStatus");
     return done != nullptr && done->is_bool() && done->as_bool()
            && queried(ex, "application/vnd.thingifier.query+json", true);
   }},
  {C::GET_TODOS_EXPORT_CSV_CONTENT_DISPOSITION,
   [](auto& ex) { return exported_as(ex, "todos.csv"); }},
  {C::GET_TODOS_EXPORT_HTML_CONTENT_DISPOSITION,
   [](auto& ex) { return exported_as(ex, "todos.html"); }},
  {C::GET_TODOS_EXPORT_TSV_CONTENT_DISPOSITION,
   [](auto& ex) { return exported_as(ex, "todos.tsv"); }},
  {C::GET_ACCEPT_XML_Q_PREFERRED,
   [](auto& ex) {
     return todos_accept(ex, "application/json;q=0.5,application/xml;q=1", 200,
                         "application/xml");
   }},
  {C::GET_ACCEPT_JSON_Q_PREFERRED,
   [](auto& ex) {
     return todos_accept(ex, "application/xml;q=0.5,application/json;q=1", 200,
                         "application/json");
   }},
  {C::GET_ACCEPT_Q_REJECTS_ALL_406,
   [](auto& ex) {
     return todos_accept(ex, "application/json;q=0,application/xml;q=0", 406);
   }},
  {C::GET_ACCEPT_TEXT_XML,
   [](auto& ex) { return todos_accept(ex, "text/xml", 200, "text/xml"); }},
  {C::GET_ACCEPT_VENDOR_XML,
   [](auto& ex) { return todos_accept(ex, vendor_xml, 200, vendor_xml); }},
  {C::GET_ACCEPT_STRUCTURED_XML_WILDCARD,
   [](auto& ex) {
     return todos_accept(ex, "application/*+xml", 200, "application/todo+xml");
   }},
  {C::POST_CREATE_VENDOR_XML,
   [](auto& ex) {
     return is(ex, "POST") && path_is(ex, "/todos") && status(ex, 201)
            && media_type(ex) == vendor_xml;
   }},
  {C::PATCH_TODOS_PARTIAL_200,
   [](auto& ex) { return patched_as(ex, "application/json"); }},
  {C::PATCH_TODOS_MERGE_PATCH_200,
   [](auto& ex) { return patched_as(ex, "application/merge-patch+json"); }},
  {C::PATCH_TODOS_JSON_PATCH_200,
   [](auto& ex) { return patched_as(ex, "application/json-patch+json"); }},
  {C::GET_TODOS_FILTERED_ID_GREATER_THAN,
   [](auto& ex) {
     return id_filter_subset(ex, ">",
                             [](int64_t id, int64_t v) { return id > v; });
   }},
  {C::GET_TODOS_FILTERED_ID_LESS_THAN,
   [](auto& ex) {
     return id_filter_subset(ex, "<",
                             [](int64_t id, int64_t v) { return id < v; });
   }},
  {C::GET_TODOS_FILTERED_ID_SINGLE_RESULT,
   [](auto& ex) {
     if (!get_todos_200(ex) || ex.who->todos.size() <= 1)
       return false;
     auto value = condition_int(ex, "id", "=");
     if (!value)
       return false;
     auto xs = response_todos(ex);
     return xs.size() == 1 && xs.front().id == value;
   }},
  {C::GET_TODOS_FILTERED_DESCRIPTION_REGEX,
   [](auto& ex) { return description_filter_hits(ex, "~="); }},
  {C::GET_TODOS_FILTERED_DESCRIPTION_WILDCARD,
   [](auto& ex) { return description_filter_hits(ex, "*="); }},
  {C::GET_TODOS_SORTED_ASCENDING,
   [](auto& ex) {
     auto ps = todos_read(ex, 200);
     if (!ps)
       return false;
     auto xs = sort_criteria(*ps);
     return xs.size() == 1 && xs[0].ascending && is_todo_field(xs[0].field);
   }},
  {C::GET_TODOS_SORTED_DESCENDING,
   [](auto& ex) {
     auto ps = todos_read(ex, 200);
     if (!ps)
       return false;
     auto xs = sort_criteria(*ps);
     return xs.size() == 1 && !xs[0].ascending && is_todo_field(xs[0].field);
   }},
  {C::GET_TODOS_SORTED_MULTIPLE_FIELDS,
   [](auto& ex) {
     auto ps = todos_read(ex, 200);
     if (!ps)
       return false;
     auto xs = sort_criteria(*ps);
     return xs.size() >= 2 && valid_sort(xs);
   }},
  {C::GET_TODOS_FILTERED_AND_SORTED,
   [](auto& ex) {
     auto ps = todos_read(ex, 200);
     return ps && has_todo_filter(*ps) && valid_sort(sort_criteria(*ps));
   }},
  {C::GET_TODOS_PAGINATED_LIMIT_TOO_HIGH,
   [](auto& ex) {
     auto ps = todos_read(ex, 400);
     if (!ps)
       return false;
     auto limit = query_int(*ps, "_limit");
     return limit
            && *limit > static_cast<int32_t>(query_params::paging{}.max_limit);
   }},
  {C::GET_TODOS_PAGINATED_LIMIT,
   [](auto& ex) { return page_matches(ex, 8, std::nullopt); }},
  {C::GET_TODOS_PAGINATED_LIMIT_OFFSET,
   [](auto& ex) { return page_matches(ex, 5, 5); }},
  {C::GET_TODOS_PAGINATED_SORTED,
   [](auto& ex) {
     if (!page_matches(ex, 5, 5))
       return false;
     auto xs = sort_criteria(query_params::parse(ex.req.query));
     if (xs.size() != 1 || xs[0].field != "id" || xs[0].ascending)
       return false;
     auto todos = response_todos(ex);
     for (std::size_t i = 1; i < todos.size(); ++i)
       if (!todos[i - 1].id || !todos[i].id || *todos[i - 1].id < *todos[i].id)
         return false;
     return true;
   }},
  {C::GET_TODOS_PAGINATED_FILTERED,
   [](auto& ex) { return page_matches(ex, 2, 1, true); }},
  {C::PUT_TODOS_BODY_ID_200,
   [](auto& ex) {
     return is(ex, "PUT") && path_is(ex, "/todos") && status(ex, 200)
            && body_has_id(ex);
   }},
  {C::PUT_TODOS_NO_ID_422,
   [](auto& ex) {
     return is(ex, "PUT") && path_is(ex, "/todos") && status(ex, 422)
            && !body_has_id(ex);
   }},
  {C::PUT_TODOS_ID_NO_BODY_ID_200,
   [](auto& ex) {
     return is(ex, "PUT") && todos_item_path(ex) && status(ex, 200)
            && !body_has_id(ex);
   }},
  {C::PUT_TODOS_ID_NOT_FOUND_404,
   [](auto& ex) {
     return is(ex, "PUT") && todos_item_path(ex) && status(ex, 404)
            && !body_has_id(ex);
   }},
  {C::GET_UNSUPPORTED_STRUCTURED_JSON_ACCEPT_406,
   [](auto& ex) {
     return is(ex, "GET") && path_is(ex, "/todos") && no_query(ex)
            && (accept_is(ex, "application/problem+json")
                || accept_is(ex, "application/*+json"))
            && status(ex, 406);
   }},
  {C::PUT_CHALLENGER_GUID_MISMATCH_409,
   [](auto& ex) {
     return is(ex, "PUT") && text::starts_with(ex.req.path, "/challenger/")
            && status(ex, 409)
            && error_has(ex, "URL GUID does not match payload X-CHALLENGER");
   }},
};

// The 2026 response hook answers `PUT /todos/{id}` of a todo that does not
// exist, without an `id` in the body, with 404 instead of the engine's 422.
void put_not_found_as_404(exchange& ex) {
  if (!is(ex, "PUT") || !todos_item_path(ex) || !status(ex, 422)
      || !error_has(ex, "Cannot create todo with PUT due to Auto fields id")
      || body_has_id(ex))
    return;
  ex.fail_json(404, "No such todo entity instance with id == "
                      + ex.req.path.substr(7));
}

void credit(exchange& ex, challenge c);

// The 2026 hook answers `GET /todos/{id}` itself when the Accept header
// prefers `text/calendar` (BEHAVIOUR §11.7), whatever the API said, and
// then judges no other rule for the request. The id is the path's rest:
// not empty, no `/`, not `export` in any case.
bool todo_as_calendar(exchange& ex) {
  if (!is(ex, "GET") || !todos_item_path(ex)
      || !accept_q::prefers_text_calendar(ex.req.header("Accept")))
    return false;
  auto id = ex.req.path.substr(7);
  if (id.empty() || id.find('/') != std::string::npos
      || text::lower(id) == "export")
    return false;
  const todo* found = nullptr;
  for (auto& x : ex.who->todos.items())
    if (std::to_string(x.id) == id)
      found = &x;
  if (found == nullptr) {
    credit(ex, C::GET_TODO_404);
    ex.fail_json(404, "No such todo entity instance with id == " + id);
    return true;
  }
  credit(ex, C::GET_TODO);
  credit(ex, C::GET_TODO_ACCEPT_TEXT_CALENDAR);
  ex.res.status = 200;
  ex.res.content_type = std::string{icalendar::media_type};
  ex.res.body = icalendar::vtodo(*found);
  ex.errors.clear();
  return true;
}

// The 2026 response hook: a calendar answer, else the 404 for PUT.
bool rewrite_2026(exchange& ex) {
  if (todo_as_calendar(ex))
    return true;
  put_not_found_as_404(ex);
  return false;
}

// What an edition's hooks are: its rules and its response rewrites.
struct rule_set {
  const rule* request_begin;
  const rule* request_end;
  const rule* response_begin;
  const rule* response_end;
  const rule* extra_begin;
  const rule* extra_end;
  /// Rewrites the API's answer; true when the hook answered the request
  /// itself and no other response rule is judged.
  bool (*rewrite)(exchange&);
};

bool no_rewrite(exchange&) {
  return false;
}

const rule_set& rules_of(edition_id x) {
  static const rule_set classic{std::begin(request_rules),
                                std::end(request_rules),
                                std::begin(response_rules),
                                std::end(response_rules),
                                nullptr,
                                nullptr,
                                no_rewrite};
  static const rule_set y2026{std::begin(request_rules),
                              std::end(request_rules),
                              std::begin(response_rules),
                              std::end(response_rules),
                              std::begin(response_rules_2026),
                              std::end(response_rules_2026),
                              rewrite_2026};
  return x == edition_id::y2026 ? y2026 : classic;
}

void credit(exchange& ex, challenge c) {
  auto i = index_of(c);
  if (ex.ctx.challenges.contains(c) && !ex.who->done.test(i)) {
    ex.who->done.set(i);
    ex.who->touch();
  }
}

} // namespace

void credit_challenge(exchange& ex, challenge c) {
  credit(ex, c);
}

void credit_request(exchange& ex) {
  const auto& rules = rules_of(ex.ctx.config.edition);
  for (auto x = rules.request_begin; x != rules.request_end; ++x)
    if (x->applies(ex))
      credit(ex, x->key);
}

void credit_response(exchange& ex) {
  // OPTIONS /todos: the hook turns the 204 into a 200 for a recognised
  // challenger ("hack for backwards compatibility").
  if (is(ex, "OPTIONS") && path_is(ex, "/todos") && status(ex, 204))
    ex.res.status = 200;
  const auto& rules = rules_of(ex.ctx.config.edition);
  if (rules.rewrite(ex))
    return;
  for (auto x = rules.response_begin; x != rules.response_end; ++x)
    if (x->applies(ex))
      credit(ex, x->key);
  for (auto x = rules.extra_begin; x != rules.extra_end; ++x)
    if (x->applies(ex))
      credit(ex, x->key);
}

} // namespace model::detail
