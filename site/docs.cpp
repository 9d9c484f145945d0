#include "site/docs.hpp"

#include "gui/assets.hpp"
#include "model/challenge.hpp"
#include "model/edition.hpp"
#include "model/json_codec.hpp"
#include "model/route_docs.hpp"
#include "model/todo.hpp"
#include "model/xml_codec.hpp"
#include "site/pages.hpp"
#include "site/templates.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <array>
#include <cctype>
#include <optional>

namespace site::docs {

namespace {

using model::route_id;

constexpr std::array<std::string_view, 7> methods{"GET",  "HEAD",   "POST",
                                                  "PUT",  "DELETE", "PATCH",
                                                  "TRACE"};

std::string limit_text(const site_info& info) {
  if (info.unlimited_todos)
    return "There is no limit on the number of todos.";
  return "A maximum of " + std::to_string(model::todo_limits::max_todos)
         + " todos is allowed.";
}

// Fills in the limits of model::todo_limits: `{limit}` (the todo count
// sentence) and `{max_body}`.
std::string fill_limits(std::string_view text, const site_info& info) {
  std::string out{text};
  auto replace = [&](std::string_view key, const std::string& value) {
    if (auto pos = out.find(key); pos != std::string::npos)
      out.replace(pos, key.size(), value);
  };
  replace("{limit}", limit_text(info));
  replace("{max_body}", std::to_string(model::todo_limits::max_body));
  return out;
}

std::string lower(std::string_view x) {
  std::string out;
  for (auto c : x)
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// `getTodosId`: method plus the path's words.
std::string operation_id(const operation& op) {
  std::string out = lower(op.method);
  bool upper = true;
  for (auto c : op.route->pattern) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += upper
               ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
               : c;
      upper = false;
    } else {
      upper = true;
    }
  }
  return out;
}

bool has_xml(body x) {
  return x != body::progress && x != body::database && x != body::none;
}

std::string_view schema_name(body x) {
  switch (x) {
    case body::todo_input: return "TodoInput";
    case body::todo: return "Todo";
    case body::todos: return "Todos";
    case body::errors: return "ErrorMessages";
    case body::challenges: return "Challenges";
    case body::progress: return "ChallengerProgress";
    case body::database: return "TodosDatabase";
    case body::note_input: return "SecretNoteInput";
    case body::note: return "SecretNote";
    case body::none: break;
  }
  return {};
}

// -- OpenAPI ------------------------------------------------------------------

using writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void key(writer& w, std::string_view x) {
  w.Key(x.data(), static_cast<rapidjson::SizeType>(x.size()));
}

void str(writer& w, std::string_view x) {
  w.String(x.data(), static_cast<rapidjson::SizeType>(x.size()));
}

void kv(writer& w, std::string_view k, std::string_view v) {
  key(w, k);
  str(w, v);
}

void ref(writer& w, std::string_view kind, std::string_view name) {
  w.StartObject();
  kv(w, "$ref", "#/components/" + std::string{kind} + "/" + std::string{name});
  w.EndObject();
}

void content(writer& w, body x) {
  key(w, "content");
  w.StartObject();
  key(w, "application/json");
  w.StartObject();
  key(w, "schema");
  ref(w, "schemas", schema_name(x));
  w.EndObject();
  if (has_xml(x)) {
    key(w, "application/xml");
    w.StartObject();
    key(w, "schema");
    ref(w, "schemas", schema_name(x));
    w.EndObject();
  }
  w.EndObject();
}

void header(writer& w, std::string_view name, std::string_view description) {
  key(w, name);
  w.StartObject();
  kv(w, "description", description);
  key(w, "schema");
  w.StartObject();
  kv(w, "type", "string");
  w.EndObject();
  w.EndObject();
}

void response_headers(writer& w, const operation& op, int status) {
  key(w, "headers");
  w.StartObject();
  header(w, "X-CHALLENGER",
         "the challenger the request was tracked for, or UNKNOWN CHALLENGER "
         "- Challenger not found");
  if (op.method == "OPTIONS")
    header(w, "Allow", op.route->allow);
  if (op.route->id == route_id::challenger && status < 300)
    header(w, "Location", "the challenger's progress page");
  if (op.route->id == route_id::secret_token && status == 201)
    header(w, "X-AUTH-TOKEN", "the secret token for /secret/note");
  if (op.route->id == route_id::secret_token && status == 401)
    header(w, "WWW-Authenticate", "Basic realm=\"User Visible Realm\"");
  w.EndObject();
}

void write_operation(writer& w, const operation& op) {
  key(w, lower(op.method));
  w.StartObject();
  kv(w, "operationId", operation_id(op));
  kv(w, "summary", op.summary);
  kv(w, "description", op.description);
  key(w, "tags");
  w.StartArray();
  str(w, op.route->pattern.substr(1, op.route->pattern.find('/', 1) - 1));
  w.EndArray();
  key(w, "parameters");
  w.StartArray();
  auto& pattern = op.route->pattern;
  if (pattern.find("{id}") != std::string_view::npos)
    ref(w, "parameters", "id");
  if (pattern.find("{guid}") != std::string_view::npos)
    ref(w, "parameters", "guid");
  if (op.challenger_header)
    ref(w, "parameters", "XChallenger");
  if (op.method == "POST")
    ref(w, "parameters", "XHttpMethodOverride");
  if (op.method == "GET" && (op.route->id == route_id::todos)) {
    for (auto name : {"id", "title", "doneStatus", "description", "sortBy"})
      ref(w, "parameters", std::string{"filter_"} + name);
  }
  w.EndArray();
  if (op.request != body::none) {
    key(w, "requestBody");
    w.StartObject();
    w.Key("required");
    w.Bool(true);
    content(w, op.request);
    w.EndObject();
  }
  key(w, "responses");
  w.StartObject();
  for (auto& r : op.responses) {
    key(w, std::to_string(r.status));
    w.StartObject();
    kv(w, "description", r.description);
    response_headers(w, op, r.status);
    if (r.payload != body::none && op.method != "HEAD")
      content(w, r.payload);
    w.EndObject();
  }
  w.EndObject();
  if (op.route->id == route_id::secret_token) {
    key(w, "security");
    w.StartArray();
    w.StartObject();
    key(w, "basicAuth");
    w.StartArray();
    w.EndArray();
    w.EndObject();
    w.EndArray();
  } else if (op.route->id == route_id::secret_note) {
    key(w, "security");
    w.StartArray();
    for (auto scheme : {"authToken", "bearerAuth"}) {
      w.StartObject();
      key(w, scheme);
      w.StartArray();
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

void type(writer& w, std::string_view t) {
  kv(w, "type", t);
}

// A property `name` of type `t` with an optional maximum length.
void property(writer& w, std::string_view name, std::string_view t,
              std::string_view description, std::size_t max_length = 0) {
  key(w, name);
  w.StartObject();
  type(w, t);
  kv(w, "description", description);
  if (max_length > 0) {
    key(w, "maxLength");
    w.Uint64(max_length);
  }
  w.EndObject();
}

void xml_name(writer& w, std::string_view name) {
  key(w, "xml");
  w.StartObject();
  kv(w, "name", name);
  w.EndObject();
}

void todo_properties(writer& w, bool with_id) {
  using limits = model::todo_limits;
  key(w, "properties");
  w.StartObject();
  if (with_id) {
    key(w, "id");
    w.StartObject();
    type(w, "integer");
    kv(w, "format", "int64");
    kv(w, "description", "generated by the server, can not be changed");
    w.EndObject();
  }
  property(w, "title", "string",
           "The title of the TODO Item; mandatory and not empty",
           limits::max_title);
  key(w, "doneStatus");
  w.StartObject();
  type(w, "boolean");
  kv(w, "description", "Status to track the todo completion");
  key(w, "default");
  w.Bool(false);
  w.EndObject();
  property(w, "description", "string", "Longer description of the todo",
           limits::max_description);
  w.EndObject();
}

void required(writer& w, std::initializer_list<std::string_view> names) {
  key(w, "required");
  w.StartArray();
  for (auto x : names)
    str(w, x);
  w.EndArray();
}

void array_of(writer& w, std::string_view name, std::string_view item) {
  key(w, "properties");
  w.StartObject();
  key(w, name);
  w.StartObject();
  type(w, "array");
  key(w, "items");
  ref(w, "schemas", item);
  w.EndObject();
  w.EndObject();
}

void schemas(writer& w, const site_info& info, bool permissive) {
  auto closed = [&] {
    if (!permissive) {
      key(w, "additionalProperties");
      w.Bool(false);
    }
  };
  key(w, "schemas");
  w.StartObject();
  key(w, "Todo");
  w.StartObject();
  type(w, "object");
  todo_properties(w, true);
  xml_name(w, "todo");
  w.EndObject();
  key(w, "TodoInput");
  w.StartObject();
  type(w, "object");
  kv(w, "description",
     "title is mandatory to create (POST /todos) and replace (PUT)");
  todo_properties(w, false);
  closed();
  xml_name(w, "todo");
  w.EndObject();
  key(w, "Todos");
  w.StartObject();
  type(w, "object");
  array_of(w, "todos", "Todo");
  xml_name(w, "todos");
  w.EndObject();
  key(w, "ErrorMessages");
  w.StartObject();
  type(w, "object");
  key(w, "properties");
  w.StartObject();
  key(w, "errorMessages");
  w.StartObject();
  type(w, "array");
  key(w, "items");
  w.StartObject();
  type(w, "string");
  xml_name(w, "errorMessage");
  w.EndObject();
  w.EndObject();
  w.EndObject();
  xml_name(w, "errorMessages");
  w.EndObject();
  key(w, "Challenge");
  w.StartObject();
  type(w, "object");
  key(w, "properties");
  w.StartObject();
  key(w, "id");
  w.StartObject();
  type(w, "integer");
  w.EndObject();
  property(w, "name", "string", "e.g. POST /challenger (201)");
  property(w, "description", "string", "what to do");
  property(w, "status", "boolean", "whether it is done");
  w.EndObject();
  xml_name(w, "challenge");
  w.EndObject();
  key(w, "Challenges");
  w.StartObject();
  type(w, "object");
  array_of(w, "challenges", "Challenge");
  xml_name(w, "challenges");
  w.EndObject();
  // The progress payload: one flag per challenge this configuration
  // defines, straight from the catalogue.
  key(w, "ChallengerProgress");
  w.StartObject();
  type(w, "object");
  key(w, "properties");
  w.StartObject();
  property(w, "xAuthToken", "string", "the secret token (a UUID)");
  property(w, "xChallenger", "string", "the challenger's GUID");
  property(w, "secretNote", "string", "the secret note", 100);
  key(w, "challengeStatus");
  w.StartObject();
  type(w, "object");
  key(w, "properties");
  w.StartObject();
  auto defined = model::challenge_set::for_config(info.config());
  for (auto x : defined.items()) {
    key(w, defined.info(x).key_name);
    w.StartObject();
    type(w, "boolean");
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  w.EndObject();
  required(w, {"xChallenger", "secretNote"});
  w.EndObject();
  key(w, "TodosDatabase");
  w.StartObject();
  type(w, "object");
  array_of(w, "todos", "Todo");
  w.EndObject();
  key(w, "SecretNoteInput");
  w.StartObject();
  type(w, "object");
  key(w, "properties");
  w.StartObject();
  property(w, "note", "string", "the note", 100);
  w.EndObject();
  required(w, {"note"});
  closed();
  xml_name(w, "secretnote");
  w.EndObject();
  key(w, "SecretNote");
  w.StartObject();
  type(w, "object");
  key(w, "properties");
  w.StartObject();
  property(w, "note", "string", "the note", 100);
  w.EndObject();
  xml_name(w, "secretnote");
  w.EndObject();
  w.EndObject();
}

void parameter(writer& w, std::string_view id, std::string_view name,
               std::string_view in, std::string_view t,
               std::string_view description, bool is_required) {
  key(w, id);
  w.StartObject();
  kv(w, "name", name);
  kv(w, "in", in);
  kv(w, "description", description);
  w.Key("required");
  w.Bool(is_required);
  key(w, "schema");
  w.StartObject();
  type(w, t);
  w.EndObject();
  w.EndObject();
}

void parameters(writer& w) {
  key(w, "parameters");
  w.StartObject();
  parameter(w, "id", "id", "path", "integer", "the id of a todo", true);
  parameter(w, "guid", "guid", "path", "string", "a challenger's GUID", true);
  parameter(w, "XChallenger", "X-CHALLENGER", "header", "string",
            "the challenger GUID from POST /challenger, tracks progress",
            false);
  parameter(w, "XHttpMethodOverride", "X-HTTP-Method-Override", "header",
            "string", "route the POST as this method, e.g. DELETE", false);
  parameter(w, "filter_id", "id", "query", "string",
            "filter by id, e.g. 3 (or use id>3 in the raw query)", false);
  parameter(w, "filter_title", "title", "query", "string", "filter by title",
            false);
  parameter(w, "filter_doneStatus", "doneStatus", "query", "boolean",
            "filter by doneStatus", false);
  parameter(w, "filter_description", "description", "query", "string",
            "filter by description", false);
  parameter(w, "filter_sortBy", "sortBy", "query", "string",
            "sort by a field: title ascending, -title descending", false);
  w.EndObject();
}

void security_schemes(writer& w) {
  key(w, "securitySchemes");
  w.StartObject();
  key(w, "basicAuth");
  w.StartObject();
  type(w, "http");
  kv(w, "scheme", "basic");
  kv(w, "description", "admin:password");
  w.EndObject();
  key(w, "bearerAuth");
  w.StartObject();
  type(w, "http");
  kv(w, "scheme", "bearer");
  kv(w, "description", "the X-AUTH-TOKEN from POST /secret/token");
  w.EndObject();
  key(w, "authToken");
  w.StartObject();
  type(w, "apiKey");
  kv(w, "in", "header");
  kv(w, "name", "X-AUTH-TOKEN");
  kv(w, "description", "the token from POST /secret/token");
  w.EndObject();
  w.EndObject();
}

// -- HTML ---------------------------------------------------------------------

std::string status_list(const operation& op) {
  std::string out;
  for (auto& r : op.responses) {
    out += "<li><code>" + std::to_string(r.status) + "</code> "
           + templates::escape(r.description);
    if (r.payload != body::none && op.method != "HEAD")
      out += " <span class=\"payload\">(" + std::string{schema_name(r.payload)}
             + ")</span>";
    out += "</li>";
  }
  return out;
}

std::string header_list(const operation& op) {
  std::string out;
  auto item = [&](std::string_view name, std::string_view text) {
    out += "<li><code>" + std::string{name} + "</code> "
           + templates::escape(text) + "</li>";
  };
  if (op.challenger_header)
    item("X-CHALLENGER", "your challenger GUID, to track your progress");
  if (op.request != body::none)
    item("Content-Type", has_xml(op.request)
                           ? "application/json or application/xml"
                           : "application/json");
  if (op.route->id == route_id::secret_token)
    item("Authorization", "Basic auth, admin:password");
  if (op.route->id == route_id::secret_note)
    item("X-AUTH-TOKEN", "the token from POST /secret/token (or "
                         "Authorization: Bearer <token>)");
  if (op.method == "POST")
    item("X-HTTP-Method-Override", "optional: route the POST as another "
                                   "method");
  return out;
}

std::string field_rows() {
  using limits = model::todo_limits;
  struct field {
    std::string_view name;
    std::string_view type;
    std::string validation;
  };
  std::vector<field> xs{
    {"id", "ID", "Auto generated by the server; can not be set or changed"},
    {"title", "STRING",
     "Mandatory field. Maximum length allowed is "
       + std::to_string(limits::max_title) + ". Value can not be empty."},
    {"doneStatus", "BOOLEAN", "true or false; defaults to false"},
    {"description", "STRING",
     "Optional, defaults to \"\". Maximum length allowed is "
       + std::to_string(limits::max_description) + "."},
  };
  std::string out;
  for (auto& x : xs) {
    templates::values v;
    v.set("name", std::string{x.name});
    v.set("type", std::string{x.type});
    v.set("validation", x.validation);
    out += templates::render("docs_field_row", v);
  }
  return out;
}

model::todo example_todo() {
  auto x = model::todo_store::seeded().items().front();
  x.done = false;
  x.description = "my description";
  x.description_assigned = true;
  return x;
}

std::string input_json() {
  auto x = example_todo();
  return "{\"title\":" + model::json::quote(x.title)
         + ",\"doneStatus\":false,\"description\":"
         + model::json::quote(x.description) + "}";
}

std::string input_xml() {
  auto x = example_todo();
  return "<todo><title>" + model::xml::escape(x.title)
         + "</title><doneStatus>false</doneStatus><description>"
         + model::xml::escape(x.description) + "</description></todo>";
}

} // namespace

std::vector<operation> operations(const site_info& info) {
  bool multi = info.mode == model::user_mode::multi_user;
  std::vector<operation> result;
  for (auto& route : model::route_table(info.edition)) {
    auto add = [&](std::string_view method, const model::operation_note* a) {
      operation op;
      op.route = &route;
      op.method = std::string{method};
      op.challenger_header = multi
                             && !(route.id == route_id::challenger
                                  && method == "POST");
      if (a != nullptr) {
        op.summary = std::string{a->summary};
        op.description = fill_limits(a->description, info);
        op.request = a->request;
        for (auto& r : a->responses) {
          if (!multi && r.status == 401 && route.id == route_id::todos)
            continue; // the multi-user write block (BEHAVIOUR §5.3)
          op.responses.push_back(
            {r.status, fill_limits(r.description, info), r.payload});
        }
      } else {
        op.summary = std::string{route.summary};
        op.description = std::string{route.summary};
        op.responses.push_back({200, "OK"});
      }
      result.push_back(std::move(op));
    };
    for (auto method : methods) {
      auto action = model::action_for(route.id, method, info.edition);
      if (action == model::route_action::handle
          || action == model::route_action::server_error
          || action == model::route_action::not_implemented)
        add(method, model::find_operation_note(route.id, method));
    }
    // OPTIONS, from the route's Allow value.
    operation op;
    op.route = &route;
    op.method = "OPTIONS";
    op.challenger_header = multi;
    op.summary = "Allowed methods";
    op.description = "Lists the allowed methods in the Allow header: "
                     + std::string{route.allow};
    if (route.id == route_id::challenges) {
      op.responses.push_back({200, "the Allow header"});
    } else {
      if (route.id == route_id::todos)
        op.responses.push_back(
          {200, "the Allow header, when the request has a known challenger"});
      op.responses.push_back({204, "the Allow header"});
    }
    result.push_back(std::move(op));
  }
  return result;
}

std::string openapi(const site_info& info, std::string_view origin,
                    bool permissive) {
  rapidjson::StringBuffer buf;
  writer w{buf};
  w.SetIndent(' ', 2);
  w.StartObject();
  kv(w, "openapi", "3.0.3");
  key(w, "info");
  w.StartObject();
  kv(w, "title", "Simple Todo List");
  kv(w, "description",
     "A Simple todo list. The API Challenges: complete the challenges of "
     "GET /challenges by sending requests to this API. "
       + limit_text(info));
  kv(w, "version", "1.0.0");
  w.EndObject();
  key(w, "servers");
  w.StartArray();
  auto server = [&](std::string_view url, std::string_view description) {
    w.StartObject();
    kv(w, "url", url);
    kv(w, "description", description);
    w.EndObject();
  };
  server(origin, "this server");
  if (origin != "https://apichallenges.eviltester.com")
    server("https://apichallenges.eviltester.com", "cloud hosted version");
  if (origin != "http://localhost:4567")
    server("http://localhost:4567", "local execution");
  w.EndArray();
  key(w, "paths");
  w.StartObject();
  auto ops = operations(info);
  // The 2026 edition documents its canonical /api paths.
  std::string prefix{model::edition_of(info.edition).api_prefix};
  for (auto& route : model::route_table(info.edition)) {
    key(w, prefix + std::string{route.pattern});
    w.StartObject();
    for (auto& op : ops)
      if (op.route == &route)
        write_operation(w, op);
    w.EndObject();
  }
  w.EndObject();
  key(w, "components");
  w.StartObject();
  schemas(w, info, permissive);
  parameters(w);
  security_schemes(w);
  w.EndObject();
  w.EndObject();
  return std::string{buf.GetString(), buf.GetSize()};
}

model::response page(const model::request& req, const site_info& info) {
  std::string routes;
  auto ops = operations(info);
  std::string prefix{model::edition_of(info.edition).api_prefix};
  for (auto& route : model::route_table(info.edition)) {
    auto pattern = prefix + std::string{route.pattern};
    std::string rows;
    for (auto& op : ops) {
      if (op.route != &route)
        continue;
      templates::values v;
      v.set("method", op.method);
      v.set("pattern", pattern);
      v.set("anchor", operation_id(op));
      v.set("summary", op.summary);
      v.set("description", op.description);
      v.set("statuses", status_list(op));
      v.set("headers", header_list(op));
      rows += templates::render("docs_operation", v);
    }
    routes += "<section class=\"route\"><h3><code>" + templates::escape(pattern)
              + "</code></h3><p>" + templates::escape(route.summary) + "</p>"
              + rows + "</section>\n";
  }
  auto example = example_todo();
  templates::values xs;
  xs.set("origin", pages::origin(req));
  xs.set("limit", limit_text(info));
  xs.set("fields", field_rows());
  xs.set("json_example", model::json::todo(example));
  xs.set("xml_example", model::xml::todo(example));
  xs.set("json_input", input_json());
  xs.set("xml_input", input_xml());
  xs.set("challenger",
         info.mode == model::user_mode::multi_user
           ? "This server runs in multi-user mode: send the X-CHALLENGER "
             "header from POST /challenger with every request (except the "
             "first POST /challenger) to track your progress."
           : "This server runs in single-user mode: every request counts "
             "towards your progress; no X-CHALLENGER header is needed.");
  xs.set("routes", std::move(routes));
  return pages::html(200, templates::page("Simple Todo List API Documentation",
                                          templates::render("docs", xs)));
}

model::response openapi_json(const model::request& req, const site_info& info) {
  model::response res;
  res.status = 200;
  res.content_type = "application/json";
  res.body = openapi(info, pages::origin(req));
  return res;
}

model::response swagger_download(const model::request& req,
                                 const site_info& info) {
  bool permissive = pages::query_value(req.query, "permissive").has_value();
  model::response res;
  res.status = 200;
  res.content_type = "application/octet-stream";
  res.body = openapi(info, pages::origin(req), permissive);
  res.set_header("Content-Disposition",
                 permissive ? "attachment; "
                              "filename=\"Simple-Todo-List-permissive-swagger."
                              "json\""
                            : "attachment; "
                              "filename=\"Simple-Todo-List-swagger.json\"");
  return res;
}

model::response swagger_ui() {
  if (!::gui::has_swagger_ui())
    return pages::html(
      503,
      templates::
        page("Swagger UI not installed",
             "<h1>Swagger UI is not installed</h1><p>This binary was built "
             "without <code>swagger-ui-dist</code>. Run "
             "<code>scripts/setup</code> (it runs <code>npm ci</code>), "
             "re-run cmake and rebuild. The OpenAPI document is at <a "
             "href=\"/docs/openapi.json\">/docs/openapi.json</a>.</p>"));
  auto res = pages::html(200,
                         templates::render("swagger_ui", templates::values{}));
  return res;
}

} // namespace site::docs
