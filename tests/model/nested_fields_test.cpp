// Nested and odd JSON and XML fields are assigned the way the original
// assigned them (BEHAVIOUR §2.6): it flattened the body into dotted paths
// (thingifier 6e296c47, thingifier/.../api/http/bodyparser/BodyParser.java
// `flattenToStringMap`, lines 68-104) and assigned each path through its
// first part (ercoremodel/.../core/domain/instances/InstanceFields.java
// `setFieldValue`, lines 175-210), after the create-time id and type checks
// on the top-level members (BodyCreationValidator.java lines 26-42,
// BodyParser.java `validateAgainstTypeIgnoring`, lines 191-252).

#include "support/api_fixture.hpp"

#include <doctest/doctest.h>

#include <string>

using test::api_fixture;

namespace {

struct outcome {
  const char* what;
  const char* method;
  const char* target;
  const char* content_type;
  std::string body;
  int status;
  /// The whole JSON answer for an error, or a part of it for a success.
  std::string answer;
};

std::string error(const std::string& message) {
  return R"({"errorMessages":[")" + message + R"("]})";
}

void check(const outcome& o) {
  CAPTURE(o.what);
  api_fixture f;
  auto res = f.send(o.method, o.target,
                    {{"Content-Type", o.content_type},
                     {"Accept", "application/json"}},
                    o.body);
  CHECK(res.status == o.status);
  if (o.status >= 400)
    CHECK(res.body == o.answer);
  else
    CHECK(res.body.find(o.answer) != std::string::npos);
}

constexpr auto json = "application/json";
constexpr auto xml = "application/xml";

} // namespace

TEST_SUITE("model.nested_fields") {
  TEST_CASE("BEHAVIOUR 2.6 create: nested objects, arrays, nulls and odd "
            "keys") {
    const outcome cases[] = {
      // InstanceFields.java:178-179 and 226-227: the first part is unknown.
      {"an unknown nested field", "POST", "/todos", json,
       R"({"title":"a","tags":{"badge":1}})", 400,
       error("Could not find field: tags")},
      {"an unknown field holding an array", "POST", "/todos", json,
       R"({"title":"a","tags":[1]})", 400, error("Could not find field: tags")},
      {"a dotted unknown key", "POST", "/todos", json,
       R"({"title":"a","a.b":1})", 400, error("Could not find field: a")},
      // InstanceFields.java:193-195: a todo has no object fields.
      {"an object under title", "POST", "/todos", json, R"({"title":{"x":1}})",
       400, error("Cannot reference fields on non object fields: title")},
      {"an object in an array under title", "POST", "/todos", json,
       R"({"title":[{"x":1}]})", 400,
       error("Cannot reference fields on non object fields: title")},
      {"a dotted key under title", "POST", "/todos", json,
       R"({"title":"a","title.x":"b"})", 400,
       error("Cannot reference fields on non object fields: title")},
      // BodyParser.java:97-101: each element is assigned to `title.`, which
      // Java's split makes `title` (InstanceFields.java:165): the last wins.
      {"an array under title", "POST", "/todos", json, R"({"title":["a","b"]})",
       201, R"("title":"b")"},
      {"an array under description", "POST", "/todos", json,
       R"({"title":"a","description":[1,[2]]})", 201, R"("description":"2.0")"},
      {"an empty array under title", "POST", "/todos", json, R"({"title":[]})",
       400, error("title : field is mandatory")},
      // BodyParser.java:68-104: a null gives no entry, at any depth.
      {"a null unknown field", "POST", "/todos", json,
       R"({"title":"a","tags":null})", 201, R"("title":"a")"},
      {"a null inside an unknown object", "POST", "/todos", json,
       R"({"title":"a","tags":{"x":null}})", 201, R"("title":"a")"},
      {"an empty unknown object", "POST", "/todos", json,
       R"({"title":"a","tags":{}})", 201, R"("title":"a")"},
      {"an empty object under title", "POST", "/todos", json, R"({"title":{}})",
       400, error("title : field is mandatory")},
      // BodyParser.java:191-252: the type check sees the top-level value.
      {"an object under doneStatus", "POST", "/todos", json,
       R"({"title":"a","doneStatus":{"x":true}})", 400,
       error("Failed Validation: doneStatus should be BOOLEAN but was "
             "Something Else")},
      {"an array under doneStatus", "POST", "/todos", json,
       R"({"title":"a","doneStatus":[true]})", 400,
       error("Failed Validation: doneStatus should be BOOLEAN but was "
             "Something Else")},
      // BodyCreationValidator.java:33-39: any top-level `id` member.
      {"an empty object under id", "POST", "/todos", json,
       R"({"title":"a","id":{}})", 400,
       error("Invalid Creation: Failed Validation: Not allowed to create "
             "with id")},
      // Java's split: "" has one empty part, "." none at all.
      {"an empty key", "POST", "/todos", json, R"({"title":"a","":"b"})", 400,
       error("Could not find field: ")},
      {"a key of dots", "POST", "/todos", json, R"({"title":"a",".":"b"})", 400,
       error("Index 0 out of bounds for length 0")},
    };
    for (const auto& c : cases)
      check(c);
  }

  TEST_CASE("BEHAVIOUR 2.6 amend and replace: nested objects, arrays and "
            "nulls") {
    const outcome cases[] = {
      {"amend: an unknown nested field", "POST", "/todos/1", json,
       R"({"tags":{"badge":1}})", 400, error("Could not find field: tags")},
      {"amend: an object under title", "POST", "/todos/1", json,
       R"({"title":{"x":1}})", 400,
       error("Cannot reference fields on non object fields: title")},
      // InstanceFields.java:261-297 compares only assigned entries.
      {"amend: a null id", "POST", "/todos/1", json, R"({"id":null})", 200,
       R"("id":1)"},
      {"amend: an object under id", "POST", "/todos/1", json,
       R"({"id":{"x":1}})", 400,
       error("Cannot reference fields on non object fields: id")},
      // No type check on amend: the element is assigned as a string.
      {"amend: an array under doneStatus", "POST", "/todos/1", json,
       R"({"doneStatus":[true]})", 200, R"("doneStatus":true)"},
      {"amend: a null unknown field", "POST", "/todos/1", json,
       R"({"tags":null})", 200, R"("id":1)"},
      {"replace: an unknown nested field", "PUT", "/todos/1", json,
       R"({"title":"a","tags":{"b":1}})", 400,
       error("Could not find field: tags")},
      {"replace: an object under title", "PUT", "/todos/1", json,
       R"({"title":{"x":"y"}})", 400,
       error("Cannot reference fields on non object fields: title")},
      {"replace: a null unknown field", "PUT", "/todos/1", json,
       R"({"title":"a","tags":null})", 200, R"("title":"a")"},
      {"replace: an array under title", "PUT", "/todos/1", json,
       R"({"title":["a","b"]})", 200, R"("title":"b")"},
    };
    for (const auto& c : cases)
      check(c);
  }

  TEST_CASE("BEHAVIOUR 2.6 XML: nested elements like nested JSON objects") {
    // XMLParserUsingOrgJson.java `xmlAsMap`: org.json's map goes through
    // the same flattening.
    const outcome cases[] = {
      {"an unknown nested element", "POST", "/todos", xml,
       "<todo><title>a</title><tags><badge>1</badge></tags></todo>", 400,
       error("Could not find field: tags")},
      {"an element under title", "POST", "/todos", xml,
       "<todo><title><x>1</x></title></todo>", 400,
       error("Cannot reference fields on non object fields: title")},
      {"another root", "POST", "/todos", xml, "<todos><title>x</title></todos>",
       400, error("Could not find field: todos")},
      {"an element under doneStatus", "POST", "/todos", xml,
       "<todo><title>a</title><doneStatus><x>true</x></doneStatus></todo>", 400,
       error("Failed Validation: doneStatus should be BOOLEAN but was "
             "Something Else")},
      {"amend: an unknown nested element", "POST", "/todos/1", xml,
       "<todo><tags><badge>1</badge></tags></todo>", 400,
       error("Could not find field: tags")},
      {"replace: an element under title", "PUT", "/todos/1", xml,
       "<todo><title><x>1</x></title></todo>", 400,
       error("Cannot reference fields on non object fields: title")},
    };
    for (const auto& c : cases)
      check(c);
  }

  TEST_CASE("BEHAVIOUR 4.3 the secret note: the same assignment") {
    api_fixture f;
    model::header_list headers{{"Content-Type", "application/json"},
                               {"Accept", "application/json"},
                               {"X-AUTH-TOKEN", f.me.auth_token}};
    auto res = f.send("POST", "/secret/note", headers, R"({"note":{"x":1}})");
    CHECK(res.status == 400);
    CHECK(res.body
          == error("Cannot reference fields on non object fields: note"));
    res = f.send("POST", "/secret/note", headers, R"({"note":"a","x":null})");
    CHECK(res.status == 200);
    CHECK(res.body == R"({"note":"a"})");
    res = f.send("POST", "/secret/note", headers,
                 R"({"note":"a","x":{"y":1}})");
    CHECK(res.status == 400);
    CHECK(res.body == error("Could not find field: x"));
  }
}
