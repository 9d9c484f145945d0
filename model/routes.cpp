#include "model/routes.hpp"

#include "model/text.hpp"

#include <array>

namespace model {

namespace {

bool lists(std::string_view methods, std::string_view method) {
  std::size_t pos = 0;
  while (pos < methods.size()) {
    auto end = methods.find(' ', pos);
    if (end == std::string_view::npos)
      end = methods.size();
    if (methods.substr(pos, end - pos) == method)
      return true;
    pos = end + 1;
  }
  return false;
}

// Returns the segment after `prefix` when `path` is `prefix` followed by one
// non-empty segment without further slashes.
std::optional<std::string_view> one_segment_after(std::string_view path,
                                                  std::string_view prefix) {
  if (!text::starts_with(path, prefix))
    return std::nullopt;
  auto rest = path.substr(prefix.size());
  if (rest.empty() || rest.find('/') != std::string_view::npos)
    return std::nullopt;
  return rest;
}

// The classic edition's routes (BEHAVIOUR §2.1).
const std::vector<route_def>& classic_routes() {
  static const std::vector<route_def> table{
    {route_id::todos, "/todos", "GET HEAD POST", "OPTIONS, GET, HEAD, POST",
     "The todo list: read it (filter with query params such as "
     "?doneStatus=true, sort with sortBy), or create a todo."},
    {route_id::todo, "/todos/{id}", "GET HEAD POST PUT DELETE",
     "OPTIONS, GET, HEAD, POST, PUT, DELETE",
     "One todo: read it, amend it (POST), replace it (PUT) or delete it."},
    {route_id::challenges, "/challenges", "GET HEAD", "GET, HEAD, OPTIONS",
     "Get list of challenges and their completion status"},
    {route_id::challenger, "/challenger", "POST", "POST, OPTIONS",
     "Create a challenger session (X-CHALLENGER), or identify an existing "
     "one."},
    {route_id::challenger_database, "/challenger/database/{guid}",
     "GET HEAD PUT", "GET, PUT, HEAD, OPTIONS",
     "Get or restore the todos database of a challenger."},
    {route_id::challenger_progress, "/challenger/{guid}", "GET HEAD PUT",
     "GET, PUT, HEAD, OPTIONS", "Get or restore the progress of a challenger."},
    {route_id::heartbeat, "/heartbeat", "GET HEAD", "GET, HEAD, OPTIONS",
     "Is the server running? YES 204"},
    {route_id::secret_token, "/secret/token", "POST", "POST, OPTIONS",
     "POST /secret/token with basic auth to get a secret/token to use as "
     "X-AUTH-TOKEN header, to allow access to the /secret/note end points."},
    {route_id::secret_note, "/secret/note", "GET HEAD POST",
     "GET, HEAD, POST, OPTIONS",
     "Read or change the secret note, authorised with X-AUTH-TOKEN or an "
     "Authorization Bearer token."},
  };
  return table;
}

// The 2026 edition's: the classic routes, PUT on the collection and PATCH
// on one todo, listed where the newer engine lists them in `Allow`.
const std::vector<route_def>& routes_2026() {
  static const std::vector<route_def> table = [] {
    auto x = classic_routes();
    for (auto& row : x) {
      if (row.id == route_id::todos) {
        row.handled = "GET HEAD POST PUT QUERY";
        row.allow = "OPTIONS, GET, HEAD, POST, PUT, QUERY";
        row.summary = "The todo list: read it (filter with query params such "
                      "as ?doneStatus=true, sort with _sortBy, page with "
                      "_limit and _offset), create a todo, replace the "
                      "todo whose id the body names (PUT), or select with a "
                      "form, JSONPath or structured JSON body (QUERY).";
      }
      if (row.id == route_id::todo) {
        row.handled = "GET HEAD POST PUT PATCH DELETE";
        row.allow = "OPTIONS, GET, HEAD, POST, PUT, PATCH, DELETE";
        row.summary = "One todo: read it, amend it (POST), replace it (PUT), "
                      "patch it (PATCH: partial JSON, merge patch or JSON "
                      "patch) or delete it.";
      }
    }
    x.push_back({route_id::todos_export, "/todos/export", "GET", "GET, OPTIONS",
                 "The todos (the first page) as a file to download: "
                 "?format=json, xml, text-xml, csv, text, html, ndjson, "
                 "jsonl, json-seq or tsv."});
    return x;
  }();
  return table;
}

} // namespace

const std::vector<route_def>& route_table(edition_id edition) {
  return edition == edition_id::y2026 ? routes_2026() : classic_routes();
}

const route_def& route(route_id id, edition_id edition) {
  for (auto& x : route_table(edition))
    if (x.id == id)
      return x;
  return route_table(edition).front(); // unreachable: every id has a row
}

route_action action_for(route_id id, std::string_view method,
                        edition_id edition) {
  if (method == "OPTIONS")
    return route_action::options;
  if (lists(route(id, edition).handled, method))
    return route_action::handle;
  if (id == route_id::heartbeat) {
    if (method == "PATCH")
      return route_action::server_error;
    if (method == "TRACE")
      return route_action::not_implemented;
  }
  return route_action::not_allowed;
}

route_match match_route(std::string_view path) {
  route_match result;
  auto exact = [&](std::string_view p, route_id id) {
    if (path == p)
      result.id = id;
    return result.id.has_value();
  };
  auto with_param = [&](std::string_view prefix, route_id id) {
    if (auto seg = one_segment_after(path, prefix)) {
      result.id = id;
      result.param = std::string{*seg};
    }
    return result.id.has_value();
  };
  exact("/todos", route_id::todos) || with_param("/todos/", route_id::todo)
    || exact("/challenges", route_id::challenges)
    || exact("/challenger", route_id::challenger)
    || with_param("/challenger/database/", route_id::challenger_database)
    || with_param("/challenger/", route_id::challenger_progress)
    || exact("/heartbeat", route_id::heartbeat)
    || exact("/secret/token", route_id::secret_token)
    || exact("/secret/note", route_id::secret_note);
  return result;
}

route_match in_edition(route_match match, edition_id edition) {
  if (edition == edition_id::y2026 && match.id == route_id::todo
      && match.param == "export") {
    match.id = route_id::todos_export;
    match.param.clear();
  }
  return match;
}

bool is_api_path(std::string_view path) {
  if (path.empty() || path.front() != '/')
    return false;
  auto rest = path.substr(1);
  auto first = rest.substr(0, rest.find('/'));
  static constexpr std::array<std::string_view, 6> prefixes{"challenger",
                                                            "todo",
                                                            "todos",
                                                            "challenges",
                                                            "heartbeat",
                                                            "secret"};
  for (auto x : prefixes)
    if (first == x)
      return true;
  return false;
}

bool is_known_method(std::string_view method, edition_id edition) {
  if (edition == edition_id::y2026 && method == "QUERY")
    return true;
  return lists("GET HEAD POST PUT DELETE PATCH OPTIONS TRACE", method);
}

} // namespace model
