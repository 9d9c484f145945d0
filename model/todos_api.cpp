// The todo API: /todos and /todos/{id} (BEHAVIOUR §2.4-§2.6).

#include "model/exchange.hpp"
#include "model/export_formats.hpp"
#include "model/json_codec.hpp"
#include "model/json_reader.hpp"
#include "model/json_value.hpp"
#include "model/query.hpp"
#include "model/query_body.hpp"
#include "model/query_params.hpp"
#include "model/text.hpp"
#include "model/todo_patch.hpp"
#include "model/todo_put.hpp"
#include "model/todo_rules.hpp"
#include "model/xml_codec.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace model::detail {

namespace {

bool is_write(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "DELETE"
         || method == "PATCH";
}

// Ids match by exact text (`/todos/01` is not `/todos/1`), so only the
// canonical decimal form of an id can name a todo.
std::optional<int64_t> parse_id(std::string_view x) {
  if (x.empty() || x.size() > 18 || (x.size() > 1 && x.front() == '0'))
    return std::nullopt;
  int64_t result = 0;
  for (auto c : x) {
    if (c < '0' || c > '9')
      return std::nullopt;
    result = result * 10 + (c - '0');
  }
  return result;
}

std::size_t body_length(const std::string& body) {
  // Java's String.length(); bytes for bodies that are not UTF-8.
  return text::valid_utf8(body) ? text::utf16_length(body) : body.size();
}

// The entity names the 2026 edition's structured XML types name.
const std::vector<std::string>& todo_entities() {
  static const std::vector<std::string> x{"todo", "todos"};
  return x;
}

bool newer_engine(const exchange& ex) {
  return ex.ctx.edition().id == edition_id::y2026;
}

// The 2026 todo API's Accept negotiation (BEHAVIOUR §11.2): the 406s of
// the newer engine, else the representation every answer uses.
bool negotiate_representation(exchange& ex) {
  auto header = ex.req.header("Accept");
  if (auto refused = accept_q::validate(header, todo_entities())) {
    ex.fail(406, std::move(*refused));
    return false;
  }
  ex.representation = accept_q::negotiate(header, todo_entities());
  bool as_xml = ex.representation
                && accept_q::renders_as_xml(ex.representation->type);
  ex.accept.preferred = as_xml ? negotiation::format::xml
                               : negotiation::format::json;
  return true;
}

// Answers `todos` in a negotiated representation other than JSON and XML
// (CSV, text, HTML, the JSON line formats, TSV); false for JSON and XML.
bool answer_other(exchange& ex, int status,
                  const std::vector<const todo*>& todos) {
  if (!ex.representation)
    return false;
  auto type = ex.representation->type;
  if (type == accept_q::response_type::json || accept_q::renders_as_xml(type))
    return false;
  ex.res.status = status;
  ex.res.content_type = std::string{accept_q::media_type(type)};
  ex.res.body = export_formats::render(type, todos);
  return true;
}

// The body kind of a Content-Type; the 2026 edition also reads the
// structured XML types of a todo (`application/vnd.x.todo+xml`) as XML.
negotiation::body_type body_kind(const exchange& ex) {
  auto content_type = ex.req.header("Content-Type");
  auto kind = negotiation::classify_content_type(content_type);
  if (kind != negotiation::body_type::unsupported || !newer_engine(ex))
    return kind;
  auto media = text::lower(*content_type);
  media = std::string{
    text::trim(std::string_view{media}.substr(0, std::min(media.size(),
                                                          media.find(';'))))};
  return accept_q::structured_xml_for(media, todo_entities())
           ? negotiation::body_type::xml
           : kind;
}

struct parsed {
  body_fields fields;
  todo_rules::key_order order = todo_rules::key_order::document;
};

// Content-Type check and body syntax (BEHAVIOUR §2.4 step 4). Answers the
// exchange and returns `nullopt` on failure.
std::optional<parsed> parse_body(exchange& ex) {
  auto content_type = ex.req.header("Content-Type");
  switch (body_kind(ex)) {
    case negotiation::body_type::unsupported:
      ex.fail(415, "Unsupported Content Type - "
                     + text::lower(text::trim(*content_type)));
      return std::nullopt;
    case negotiation::body_type::missing:
      ex.fail(400, "Unknown content Type: API cannot parse ");
      return std::nullopt;
    case negotiation::body_type::json: {
      auto fields = json::parse_body(ex.req.body);
      if (!fields) {
        ex.fail(400, "Invalid Json Payload: please check the syntax of the "
                     "request body");
        return std::nullopt;
      }
      return parsed{std::move(*fields), todo_rules::key_order::document};
    }
    case negotiation::body_type::xml: {
      auto result = xml::parse_body(ex.req.body, "todo");
      if (!result.ok) {
        ex.fail(400, "Invalid XML Payload: " + result.error);
        return std::nullopt;
      }
      return parsed{std::move(result.fields), todo_rules::key_order::xml_hash};
    }
  }
  return std::nullopt;
}

// A refused QUERY: the 415 names the types it takes.
void fail_query(exchange& ex, query_body::failure e) {
  ex.fail(e.status, std::move(e.message));
  if (e.send_accept)
    ex.res.set_header("Accept", std::string{query_body::supported_types});
}

// The parameters of a 2026 collection read: the URL's, and for QUERY the
// body's (BEHAVIOUR §11.5). Answers the exchange and returns nothing on a
// refusal; `jsonpath` is set for a JSONPath QUERY.
std::optional<std::vector<query_params::param>> read_params(
  exchange& ex, const std::vector<query::field_def>& fields, bool& jsonpath) {
  jsonpath = false;
  if (ex.method != "QUERY")
    return query_params::parse(ex.req.query);
  auto checked = query_body::check(ex.req.header("Content-Type"), ex.req.body);
  if (checked.error) {
    fail_query(ex, std::move(*checked.error));
    return std::nullopt;
  }
  auto compiled = query_body::params_for(*checked.body_format, ex.req.query,
                                         ex.req.body, fields);
  if (compiled.error) {
    fail_query(ex, std::move(*compiled.error));
    return std::nullopt;
  }
  jsonpath = checked.body_format == query_body::format::jsonpath;
  return std::move(compiled.params);
}

void answer_list(exchange& ex, const todo_store& db) {
  static const std::vector<query::field_def> fields{
    {"id", query::field_type::integer},
    {"title", query::field_type::string},
    {"doneStatus", query::field_type::boolean},
    {"description", query::field_type::string},
  };
  auto& items = db.items();
  std::vector<const todo*> selected;
  auto value = [&](std::size_t row, std::size_t field) -> std::string {
    auto& x = items[row];
    switch (field) {
      case 0: return std::to_string(x.id);
      case 1: return x.title;
      case 2: return x.done ? "true" : "false";
      default: return x.description;
    }
  };
  if (newer_engine(ex)) {
    // Filters, _sortBy and paging of the newer engine (BEHAVIOUR §11.1).
    ex.res.set_header("Accept-Query", std::string{query_params::accept_query});
    const query_params::paging pages{};
    if (ex.method == "GET")
      if (auto e = query_params::limit_too_high(ex.req.query,
                                                pages.max_limit)) {
        ex.fail(e->status, std::move(e->message));
        return;
      }
    bool jsonpath = false;
    auto params = read_params(ex, fields, jsonpath);
    if (!params)
      return;
    auto sel = query_params::select(*params, fields, items.size(), value,
                                    &pages);
    if (sel.error) {
      ex.fail(sel.error->status, std::move(sel.error->message));
      return;
    }
    for (auto i : sel.rows)
      selected.push_back(&items[i]);
    if (jsonpath) {
      // The expression runs over the page the URL selected.
      auto listing = read_json(json::todos(selected));
      if (!listing.doc) { // a stored title that is not UTF-8
        ex.fail(500, "The todos cannot be read as JSON");
        return;
      }
      auto picked = query_body::select_jsonpath(ex.req.body, *listing.doc,
                                                "todos");
      if (picked.error) {
        fail_query(ex, std::move(*picked.error));
        return;
      }
      std::vector<const todo*> chosen;
      for (auto i : picked.rows)
        chosen.push_back(selected[i]);
      selected = std::move(chosen);
    }
  } else if (ex.req.query.empty()) {
    selected.reserve(items.size());
    for (auto& x : items)
      selected.push_back(&x);
  } else {
    for (auto i : query::select(ex.req.query, fields, items.size(), value))
      selected.push_back(&items[i]);
  }
  if (answer_other(ex, 200, selected))
    return;
  if (ex.accept.preferred == negotiation::format::xml)
    ex.ok(200, {}, xml::todos(selected));
  else
    ex.ok(200, json::todos(selected), {});
}

void answer_one(exchange& ex, const todo_store& db) {
  auto id = parse_id(ex.route.param);
  auto x = id ? db.find(*id) : nullptr;
  if (x == nullptr) {
    ex.fail(404, "Could not find an instance with todos/" + ex.route.param);
    return;
  }
  std::vector<const todo*> one{x};
  if (answer_other(ex, 200, one))
    return;
  if (ex.accept.preferred == negotiation::format::xml)
    ex.ok(200, {}, xml::todos(one));
  else
    ex.ok(200, json::todos(one), {});
}

void answer_todo(exchange& ex, int status, const todo& x) {
  if (answer_other(ex, status, {&x}))
    return;
  if (ex.accept.preferred == negotiation::format::xml)
    ex.ok(status, {}, xml::todo(x));
  else
    ex.ok(status, json::todo(x), {});
}

void answer_create(exchange& ex, todo_store& db, const parsed& body) {
  auto limit = ex.ctx.config.unlimited_todos ? 0 : todo_limits::max_todos;
  int64_t id = 0;
  auto err = todo_rules::create(db, body.fields, body.order, limit, id);
  ex.changed(); // even a failed create may have burned an id
  if (err) {
    const auto& status = ex.ctx.edition().status;
    auto code = text::starts_with(*err,
                                  "ERROR: Cannot add instance, maximum limit")
                  ? status.max_todos
                  : status.validation;
    ex.fail(code, std::move(*err));
    return;
  }
  ex.res.set_header("Location", "/todos/" + std::to_string(id));
  answer_todo(ex, 201, *db.find(id));
}

void answer_update(exchange& ex, todo_store& db, const parsed& body) {
  auto id = parse_id(ex.route.param);
  auto x = id ? db.find(*id) : nullptr;
  bool replace = ex.method == "PUT";
  if (x == nullptr) {
    if (replace)
      ex.fail(ex.ctx.edition().status.validation,
              "Cannot create todo with PUT due to Auto fields id");
    else
      ex.fail(404, "No such todo entity instance with id == " + ex.route.param
                     + " found");
    return;
  }
  auto err = replace ? todo_rules::replace(*x, body.fields, body.order)
                     : todo_rules::amend(*x, body.fields, body.order);
  if (err) {
    ex.fail(ex.ctx.edition().status.validation, std::move(*err));
    return;
  }
  ex.changed();
  answer_todo(ex, 200, *x);
}

// `PATCH /todos/{id}` of the 2026 edition (BEHAVIOUR §11.3): the body,
// read by its Content-Type, gives the fields of an ordinary amend (partial
// JSON) or of a replacement (merge patch, JSON patch).
void answer_patch(exchange& ex, todo_store& db) {
  auto how = todo_patch::style_of(ex.req.header("Content-Type"));
  if (!how) {
    auto e = todo_patch::unsupported_content_type();
    ex.fail(e.status, std::move(e.message));
    ex.res.set_header("Accept-Patch", std::string{todo_patch::accept_patch});
    return;
  }
  auto id = parse_id(ex.route.param);
  auto x = id ? db.find(*id) : nullptr;
  if (x == nullptr) {
    ex.fail(404, todo_patch::not_found_message(ex.route.param));
    return;
  }
  auto patched = todo_patch::apply(*how, *x, ex.req.body);
  if (patched.error) {
    ex.fail(patched.error->status, std::move(patched.error->message));
    return;
  }
  auto fields = json::parse_body(patched.document);
  if (!fields) { // the module writes valid JSON objects only
    ex.fail(400, "Malformed JSON document");
    return;
  }
  auto order = todo_rules::key_order::document;
  auto err = patched.replace ? todo_rules::replace(*x, *fields, order)
                             : todo_rules::amend(*x, *fields, order);
  if (err) {
    ex.fail(ex.ctx.edition().status.validation, std::move(*err));
    return;
  }
  ex.changed();
  answer_todo(ex, 200, *x);
}

// `GET /todos/export?format=NAME` of the 2026 edition (BEHAVIOUR §11.6):
// the first page of todos as a file in the format `format` names.
void answer_export(exchange& ex, const todo_store& db) {
  std::optional<export_formats::format> format;
  for (auto& x : query_params::parse(ex.req.query))
    if (x.name == "format" && x.op == query_params::operation::equals) {
      format = export_formats::from_short_name(x.value);
      break;
    }
  if (!format) {
    ex.fail_json(400, export_formats::unsupported_message());
    return;
  }
  std::vector<const todo*> page;
  for (auto& x : db.items())
    if (page.size() < query_params::paging{}.default_limit)
      page.push_back(&x);
  auto type = export_formats::representation(*format);
  ex.res.status = 200;
  ex.res.content_type = std::string{accept_q::media_type(type)};
  if (type == accept_q::response_type::json)
    ex.res.body = json::todos(page);
  else if (accept_q::renders_as_xml(type))
    ex.res.body = xml::todos(page);
  else
    ex.res.body = export_formats::render(type, page);
  ex.res.set_header("Content-Disposition",
                    export_formats::content_disposition(*format));
}

void answer_delete(exchange& ex, todo_store& db) {
  auto id = parse_id(ex.route.param);
  if (!id || !db.erase(*id)) {
    ex.fail(404, "Could not find any instances with todos/" + ex.route.param);
    return;
  }
  ex.changed();
  auto status = ex.ctx.edition().status.deleted;
  if (status == 204) // no content: no type either
    ex.res.status = status;
  else
    ex.ok(status, {}, {});
}

} // namespace

void answer_todos(exchange& ex) {
  ex.res.set_header("x-robots-tag", "noindex");
  // BEHAVIOUR §2.4 and §9: writes without a valid challenger
  // are blocked, judged on the effective method.
  if (ex.who == nullptr && is_write(ex.method)) {
    ex.fail(401, "Cannot amend details. Missing a valid X-CHALLENGER header.");
    return;
  }
  if (newer_engine(ex)) {
    if (!negotiate_representation(ex))
      return;
  } else if (!ex.accept.acceptable) {
    ex.fail(406, "Unrecognised Accept Type");
    return;
  }
  if (body_length(ex.req.body) > todo_limits::max_body) {
    ex.fail(413, "Error: Request body too large, max allowed is 5000 bytes");
    return;
  }
  if (*ex.route.id == route_id::todos_export) { // GET only, by the routes
    answer_export(ex, ex.who ? ex.who->todos : ex.ctx.shared_todos);
    return;
  }
  bool collection = *ex.route.id == route_id::todos;
  if (ex.method == "GET" || ex.method == "HEAD" || ex.method == "QUERY") {
    auto& db = ex.who ? ex.who->todos : ex.ctx.shared_todos;
    if (collection)
      answer_list(ex, db);
    else
      answer_one(ex, db);
    return;
  }
  // Every write from here on has a challenger: single-user always does,
  // and multi-user writes without one were blocked above.
  auto& db = ex.who->todos;
  if (ex.method == "DELETE") {
    answer_delete(ex, db);
    return;
  }
  if (ex.method == "PATCH") { // routed in the 2026 edition only
    answer_patch(ex, db);
    return;
  }
  auto body = parse_body(ex);
  if (!body)
    return;
  if (collection && ex.method == "PUT") { // routed in the 2026 edition only
    // The todo the body's id names (BEHAVIOUR §11.4), then the ordinary PUT.
    auto target = todo_put::identify(std::nullopt, body->fields);
    if (target.error) {
      ex.fail(target.error->status, std::move(target.error->message));
      return;
    }
    ex.route.param = std::move(*target.identifier);
    answer_update(ex, db, *body);
  } else if (collection) {
    answer_create(ex, db, *body);
  } else {
    answer_update(ex, db, *body);
  }
}

} // namespace model::detail
