#pragma once

#include "model/routes.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

/// The words of the API documentation, kept beside the route table they
/// describe. Paths, methods, Allow values and the route summaries come from
/// `route_table()`; these notes add per-operation text, the body kinds and
/// the documented status codes. The site's documentation renders them and
/// refuses a note for an operation the route table does not have.
namespace model {

/// What a documented request or response body holds.
enum class doc_body : uint8_t {
  none,
  /// A todo to create or amend (JSON or XML).
  todo_input,
  /// One todo.
  todo,
  /// `{"todos":[...]}`.
  todos,
  /// `{"errorMessages":[...]}`.
  errors,
  /// `{"challenges":[...]}`.
  challenges,
  /// The progress payload.
  progress,
  /// The todos database export.
  database,
  /// `{"note":".."}` to store.
  note_input,
  /// `{"note":".."}` as stored.
  note,
};

/// One documented response of an operation.
struct response_note {
  int status;
  /// `{limit}` and `{max_body}` stand for the todo limit and the largest
  /// body (the documentation fills them in).
  std::string_view description;
  doc_body payload = doc_body::none;
};

/// One documented operation: a method on a route.
struct operation_note {
  route_id route;
  /// Upper-case, e.g. `GET`.
  std::string_view method;
  std::string_view summary;
  /// In the words of the original's documentation; may hold `{limit}`.
  std::string_view description;
  doc_body request;
  std::vector<response_note> responses;
};

/// Every note, in documentation order.
const std::vector<operation_note>& operation_notes();

/// The note of `method` on route `id`, or `nullptr`.
const operation_note* find_operation_note(route_id id, std::string_view method);

} // namespace model
