#pragma once

#include "model/body.hpp"

#include <optional>
#include <string>
#include <string_view>

/// `PUT /todos` and `PUT /todos/{id}` in the 2026 edition (BEHAVIOUR
/// §11.4): which todo a PUT replaces, and the successor's 404 for a PUT to a
/// missing todo. Replacing (or refusing to create) is the ordinary PUT.
namespace model::todo_put {

/// A refused PUT.
struct failure {
  int status = 422;
  std::string message;
};

/// The todo a PUT addresses.
struct target {
  /// The identifier: the URL's when given, else the body's `id`.
  std::optional<std::string> identifier;
  /// 422 `PUT requires an identifier in the URI or payload` when neither
  /// gives one (blank counts as none).
  std::optional<failure> error;
};

/// Chooses the identifier for a PUT with `url_id` (absent for the
/// collection) and body `fields`. A numeric body id counts by its integer
/// text (`5`, not `5.0`).
target identify(std::optional<std::string_view> url_id,
                const body_fields& fields);

/// Whether a body is a JSON object with a top-level `id` member (read
/// leniently; an XML or malformed body has none).
bool body_has_id(std::string_view body);

/// The successor's rewrite of a failed `PUT /todos/{id}`: when the answer
/// was 422 or 404, the body has no `id` and no todo has that id, the
/// answer becomes 404 `No such todo entity instance with id == {id}`.
std::optional<failure> not_found_instead(std::string_view url_id, int status,
                                         bool body_has_id, bool todo_exists);

} // namespace model::todo_put
