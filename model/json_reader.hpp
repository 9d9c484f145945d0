#pragma once

#include "model/body.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// Reading JSON from clients: todo request bodies, progress payloads and
/// todos database restores, all defined in `model/json_reader.cpp`, the only
/// place RapidJSON parses client input. RapidJSON stays inside the .cpp.
/// Writing JSON is `model/json_codec.hpp` and `model/payload.hpp`.
namespace model {

namespace json {

/// Parses a request body as the original did (Gson into an insertion-ordered
/// map). An empty or all-white-space body is valid and has no fields. Any
/// other body must be one JSON object; its members and their flattened
/// paths are listed as `body_fields` describes. A repeated name keeps one
/// member, at its first place, with the last value. Returns `std::nullopt`
/// when the body is not valid JSON or not an object, or repeats a
/// top-level name whose earlier value is not `null` (Gson refused those);
/// the caller answers `Invalid Json Payload: ...`.
std::optional<body_fields> parse_body(std::string_view body);

} // namespace json

namespace payload {

// -- progress payload (`PUT /challenger/{guid}`) ------------------------------

/// A parsed progress payload. Absent or non-string members are `nullopt`.
struct progress_data {
  std::optional<std::string> x_auth_token;
  std::optional<std::string> x_challenger;
  std::optional<std::string> secret_note;
  /// `challengeStatus` entries whose value is a JSON boolean or a string
  /// (`true` in any case is true, as Java's `Boolean.parseBoolean`), in
  /// order.
  std::vector<std::pair<std::string, bool>> status;
};

/// Outcome of `parse_progress`.
struct progress_parse {
  /// Set on success.
  std::optional<progress_data> data;
  /// Why parsing failed: `Invalid Payload` for a `null` body, `duplicate
  /// key: <key>` for a challenge key repeated in `challengeStatus` (`null`
  /// for names that are no challenge key), otherwise a description of the
  /// syntax error.
  std::string error;
};

/// Parses a `PUT /challenger/{guid}` body.
progress_parse parse_progress(std::string_view body);

// -- todos database restore (`PUT /challenger/database/{guid}`) --------------

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

} // namespace payload

} // namespace model
