#pragma once

// Reads the todo API's JSON answers in tier-3 and process tests.

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

namespace test {

/// One todo as `GET /todos` lists it.
struct todo_item {
  long id = 0;
  std::string title;
};

/// The todos of a `GET /todos` JSON body, or `std::nullopt` when the body is
/// not a `{"todos":[...]}` list of objects with an id and a title.
inline std::optional<std::vector<todo_item>> parse_todos(
  const std::string& body) {
  rapidjson::Document doc;
  if (doc.Parse(body.c_str()).HasParseError() || !doc.IsObject())
    return std::nullopt;
  auto todos = doc.FindMember("todos");
  if (todos == doc.MemberEnd() || !todos->value.IsArray())
    return std::nullopt;
  std::vector<todo_item> out;
  for (auto& x : todos->value.GetArray()) {
    if (!x.IsObject() || !x.HasMember("id") || !x["id"].IsInt64()
        || !x.HasMember("title") || !x["title"].IsString())
      return std::nullopt;
    out.push_back(
      todo_item{static_cast<long>(x["id"].GetInt64()), x["title"].GetString()});
  }
  return out;
}

/// The titles of `parse_todos(body)`, or `std::nullopt`.
inline std::optional<std::vector<std::string>> parse_titles(
  const std::string& body) {
  auto todos = parse_todos(body);
  if (!todos)
    return std::nullopt;
  std::vector<std::string> out;
  for (auto& x : *todos)
    out.push_back(x.title);
  return out;
}

/// The id of a single-todo JSON body (`POST /todos` answers), or
/// `std::nullopt`.
inline std::optional<long> parse_todo_id(const std::string& body) {
  rapidjson::Document doc;
  if (doc.Parse(body.c_str()).HasParseError() || !doc.IsObject()
      || !doc.HasMember("id") || !doc["id"].IsInt64())
    return std::nullopt;
  return static_cast<long>(doc["id"].GetInt64());
}

} // namespace test
