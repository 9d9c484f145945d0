#pragma once

#include "model/challenge.hpp"
#include "model/todo.hpp"

#include <string>
#include <string_view>

/// The progress payload and the todos database export that learners save
/// and restore (BEHAVIOUR §5.5). Reading them back is
/// `model/json_reader.hpp`'s.
namespace model::payload {

// -- progress payload ---------------------------------------------------------

/// `{"xAuthToken":"..","xChallenger":"..","secretNote":"..",
/// "challengeStatus":{"CREATE_NEW_CHALLENGER":true,...}}` with one entry per
/// challenge in `defined`, in catalogue order. Gson without HTML escaping.
std::string progress(std::string_view auth_token, std::string_view guid,
                     std::string_view note, const progress& done,
                     const challenge_set& defined);

// -- todos database export ----------------------------------------------------

/// `{"todos" : [{"id": 1, "title": "scan paperwork"}, {"id": 11, "title":
/// "x", "doneStatus": true, "description": "d"}]}`: optional fields only
/// when assigned, in id order. Strings escape `"`, `\` and control
/// characters (the original escaped only `"`, producing invalid JSON for a
/// backslash; we keep the export valid so that it can be restored).
std::string database(const todo_store& xs);

} // namespace model::payload
