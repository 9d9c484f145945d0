#pragma once

#include "model/config.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The one route table of the challenge API (BEHAVIOUR §2.1). The server
/// dispatches with it and the documentation is generated from it.
namespace model {

/// The API endpoints.
enum class route_id : uint8_t {
  todos,
  todo,
  challenges,
  challenger,
  challenger_progress,
  challenger_database,
  heartbeat,
  secret_token,
  secret_note,
  /// `/todos/export` (2026 edition only; classic reads it as a todo id).
  todos_export,
};

/// What an endpoint does for one method.
enum class route_action : uint8_t {
  /// The endpoint's handler answers.
  handle,
  /// The OPTIONS answer with the route's `Allow` value.
  options,
  /// 405 with an empty body.
  not_allowed,
  /// 500 with an empty body (`PATCH /heartbeat`).
  server_error,
  /// 501 with an empty body (`TRACE /heartbeat`).
  not_implemented,
};

/// One row of the route table.
struct route_def {
  route_id id;
  /// The path pattern as documented, e.g. `/todos/{id}`.
  std::string_view pattern;
  /// The methods the handler answers, space-separated (`GET HEAD POST`).
  std::string_view handled;
  /// The `Allow` value of the OPTIONS answer.
  std::string_view allow;
  /// One line for the documentation.
  std::string_view summary;
};

/// Every route of `edition`, in documentation order. The 2026 edition
/// also answers `PUT /todos` and `PATCH /todos/{id}` (BEHAVIOUR §11.3,
/// §11.4).
const std::vector<route_def>& route_table(
  edition_id edition = edition_id::classic);

/// The row of `id` in `edition`'s table.
const route_def& route(route_id id, edition_id edition = edition_id::classic);

/// What route `id` does for the (effective) `method` in `edition`.
route_action action_for(route_id id, std::string_view method,
                        edition_id edition = edition_id::classic);

/// A path matched against the table.
struct route_match {
  /// The matching route, if any.
  std::optional<route_id> id;
  /// The `{id}`/`{guid}` path segment, if the route has one.
  std::string param;
};

/// Matches a request path exactly (case-sensitive; trailing slashes count).
route_match match_route(std::string_view path);

/// `match` in `edition`: an edition whose table has a route for a path
/// that the shared matcher reads otherwise (`/todos/export` in 2026) gets
/// that route.
route_match in_edition(route_match match, edition_id edition);

/// Whether the first path segment is one of the six API prefixes
/// (`challenger`, `todo`, `todos`, `challenges`, `heartbeat`, `secret`).
bool is_api_path(std::string_view path);

/// Whether `method` is one the original routed at all (GET, HEAD, POST,
/// PUT, DELETE, PATCH, OPTIONS, TRACE; in the 2026 edition also QUERY).
bool is_known_method(std::string_view method,
                     edition_id edition = edition_id::classic);

} // namespace model
