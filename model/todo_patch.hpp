#pragma once

#include "model/json_value.hpp"
#include "model/todo.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/// `PATCH /todos/{id}` in the 2026 edition (BEHAVIOUR §11.3): a partial JSON
/// update, a JSON Merge Patch (RFC 7396) or a JSON Patch (RFC 6902). This
/// module turns the request body into the fields to amend the todo with;
/// validating and storing them is the ordinary amend.
namespace model::todo_patch {

/// How the body updates the todo, by its Content-Type.
enum class style : uint8_t {
  /// `application/json`: the members given are amended, like a POST.
  partial_json,
  /// `application/merge-patch+json`.
  merge_patch,
  /// `application/json-patch+json`.
  json_patch,
};

/// The style of a Content-Type (its media type, any case, parameters
/// ignored); `std::nullopt` when absent or another type (answer
/// `unsupported_content_type()`).
std::optional<style> style_of(const std::string* content_type);

/// The `Accept-Patch` header sent with the 415.
inline constexpr std::string_view accept_patch
  = "application/json, application/merge-patch+json, "
    "application/json-patch+json";

/// A refused patch.
struct failure {
  int status = 400;
  std::string message;
};

/// 415 `Unsupported PATCH Content Type` (send `Accept-Patch` with it).
failure unsupported_content_type();

/// The 404 message when the todo does not exist; `id` as given in the URL.
std::string not_found_message(std::string_view id);

/// The todo as the patch documents see it: `{"id":N,"title":...,
/// "doneStatus":b,"description":...}`.
json_value document_of(const todo& x);

/// What to amend the todo with.
struct outcome {
  /// A JSON object (compact text) to amend the todo with.
  std::string document;
  /// True for merge and JSON patches: fields missing from `document` go
  /// back to their defaults (a full replacement). False for a partial JSON
  /// update: only the members given change.
  bool replace = false;
  /// Set when the patch is refused (then `document` is empty).
  std::optional<failure> error;
};

/// Applies `body` in `how` to `current`. Errors, in the original's order:
/// partial JSON: 400 `Malformed JSON document`, 400 `PATCH partial JSON
/// update document must be an object` (a blank body amends nothing);
/// merge patch: 400 `Malformed JSON Merge Patch document`, 422 `JSON Merge
/// Patch for entity resources must be an object`; JSON patch: 400
/// `Malformed JSON Patch document`, 400 `JSON Patch document must be an
/// array of operations`, 409 `JSON Patch could not be applied`; both
/// patches: 422 `PATCH result for entity resources must be an object`.
outcome apply(style how, const todo& current, std::string_view body);

/// RFC 7396 merge of `patch` into `target`.
json_value merge_patch(const json_value& target, const json_value& patch);

/// RFC 6902 operations applied to `doc`; `std::nullopt` when any operation
/// is malformed or fails (the whole patch then fails).
std::optional<json_value> json_patch(json_value doc,
                                     const json_value& operations);

} // namespace model::todo_patch
