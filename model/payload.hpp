#pragma once

#include "model/body.hpp"
#include "model/challenge.hpp"
#include "model/todo.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// The progress payload and the todos database export that learners save
/// and restore (spec §5.5).
namespace model::payload {

// -- progress payload ---------------------------------------------------------

/// `{"xAuthToken":"..","xChallenger":"..","secretNote":"..",
/// "challengeStatus":{"CREATE_NEW_CHALLENGER":true,...}}` with one entry per
/// challenge in `defined`, in catalogue order. Gson without HTML escaping.
std::string progress(std::string_view auth_token, std::string_view guid,
                     std::string_view note, const progress& done,
                     const challenge_set& defined);

/// A parsed progress payload. Absent or non-string members are `nullopt`.
struct progress_data {
  std::optional<std::string> x_auth_token;
  std::optional<std::string> x_challenger;
  std::optional<std::string> secret_note;
  /// `challengeStatus` entries whose value is a JSON boolean, in order.
  std::vector<std::pair<std::string, bool>> status;
};

/// Outcome of `parse_progress`.
struct progress_parse {
  /// Set on success.
  std::optional<progress_data> data;
  /// Why parsing failed: `Invalid Payload` for a `null` body, otherwise a
  /// description of the syntax error.
  std::string error;
};

/// Parses a `PUT /challenger/{guid}` body.
progress_parse parse_progress(std::string_view body);

// -- todos database export ----------------------------------------------------

/// `{"todos" : [{"id": 1, "title": "scan paperwork"}, {"id": 11, "title":
/// "x", "doneStatus": true, "description": "d"}]}`: optional fields only
/// when assigned, in id order. Strings escape `"`, `\` and control
/// characters (the original escaped only `"`, producing invalid JSON for a
/// backslash; we keep the export valid so that it can be restored).
std::string database(const todo_store& xs);

/// One instance in a restore document.
struct restore_instance {
  /// False when the array element is not a JSON object.
  bool is_object = true;
  /// Its members in document order (numbers keep `kind::number`).
  body_fields fields;
};

/// One top-level member of a restore document.
struct restore_entity {
  std::string key;
  /// False when the value is not an array.
  bool is_array = true;
  std::vector<restore_instance> instances;
};

/// A parsed `PUT /challenger/database/{guid}` body.
struct restore_document {
  /// False when the body is valid JSON but not an object.
  bool is_object = true;
  std::vector<restore_entity> entities;
};

/// Parses a restore body; `std::nullopt` when it is not valid JSON.
std::optional<restore_document> parse_database(std::string_view body);

} // namespace model::payload
