#include "model/payload.hpp"

#include "model/json_codec.hpp"
#include "model/text.hpp"

#include <string>
#include <vector>

namespace model::payload {

// -- progress payload ---------------------------------------------------------

std::string progress(std::string_view auth_token, std::string_view guid,
                     std::string_view note, const model::progress& done,
                     const challenge_set& defined) {
  std::string result = "{\"xAuthToken\":";
  json::append_quoted(result, auth_token);
  result += ",\"xChallenger\":";
  json::append_quoted(result, guid);
  result += ",\"secretNote\":";
  json::append_quoted(result, note);
  result += ",\"challengeStatus\":{";
  bool first = true;
  for (auto c : defined.items()) {
    if (!first)
      result += ',';
    first = false;
    json::append_quoted(result, defined.info(c).key_name);
    result += ':';
    result += done.test(index_of(c)) ? "true" : "false";
  }
  result += "}}";
  return result;
}

// -- todos database export ----------------------------------------------------

std::string database(const todo_store& xs) {
  std::string result = "{\"todos\" : [";
  bool first = true;
  for (auto& x : xs.items()) {
    if (!first)
      result += ", ";
    first = false;
    result += "{\"id\": ";
    result += std::to_string(x.id);
    result += ", \"title\": ";
    json::append_quoted(result, x.title);
    if (x.done_assigned) {
      result += ", \"doneStatus\": ";
      result += x.done ? "true" : "false";
    }
    if (x.description_assigned) {
      result += ", \"description\": ";
      json::append_quoted(result, x.description);
    }
    result += '}';
  }
  result += "]}";
  return result;
}

} // namespace model::payload
