#include "model/todo_patch.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace model::todo_patch;
using model::todo;

namespace {

todo sample() {
  todo x;
  x.id = 5;
  x.title = "file paperwork";
  x.description = "at the office";
  x.done = false;
  return x;
}

/// The amended document, or "<status> <message>".
std::string run(style how, std::string_view body) {
  auto out = apply(how, sample(), body);
  if (out.error)
    return std::to_string(out.error->status) + " " + out.error->message;
  return out.document;
}

} // namespace

TEST_SUITE("model.todo_patch") {
  TEST_CASE("§11.3 the style comes from the Content-Type") {
    auto of = [](const char* x) {
      std::string s{x};
      return style_of(&s);
    };
    CHECK_EQ(of("application/json"), style::partial_json);
    CHECK_EQ(of(" Application/JSON; charset=utf-8"), style::partial_json);
    CHECK_EQ(of("application/merge-patch+json"), style::merge_patch);
    CHECK_EQ(of("application/json-patch+json"), style::json_patch);
    CHECK_FALSE(of("application/xml"));
    CHECK_FALSE(style_of(nullptr));
    CHECK_EQ(unsupported_content_type().status, 415);
    CHECK_EQ(unsupported_content_type().message,
             "Unsupported PATCH Content Type");
    CHECK_EQ(not_found_message("99"),
             "No such todo entity instance with id == 99 found");
  }

  TEST_CASE("§11.3 partial JSON amends only the members given") {
    auto out = apply(style::partial_json, sample(), R"({'doneStatus':true})");
    REQUIRE_FALSE(out.error);
    CHECK_FALSE(out.replace);
    CHECK_EQ(out.document, R"({"doneStatus":true})");
    CHECK_EQ(run(style::partial_json, "  "), "{}");
    CHECK_EQ(run(style::partial_json, "{"), "400 Malformed JSON document");
    CHECK_EQ(run(style::partial_json, "[1]"),
             "400 PATCH partial JSON update document must be an object");
  }

  TEST_CASE("§11.3 merge patch: members set, null removes, whole result") {
    auto out = apply(style::merge_patch, sample(),
                     R"({"title":"new","description":null,"x":{"a":1}})");
    REQUIRE_FALSE(out.error);
    CHECK(out.replace);
    CHECK_EQ(out.document,
             R"({"id":5,"title":"new","doneStatus":false,"x":{"a":1}})");
    CHECK_EQ(run(style::merge_patch, "{x"),
             "400 Malformed JSON Merge Patch document");
    CHECK_EQ(run(style::merge_patch, "[]"),
             "422 JSON Merge Patch for entity resources must be an object");
    CHECK_EQ(run(style::merge_patch, ""),
             "422 JSON Merge Patch for entity resources must be an object");
  }

  TEST_CASE("§11.3 JSON patch: the six operations") {
    CHECK_EQ(
      run(style::json_patch,
          R"([{"op":"replace","path":"/title","value":"t2"},
              {"op":"test","path":"/doneStatus","value":false},
              {"op":"add","path":"/doneStatus","value":true},
              {"op":"copy","from":"/title","path":"/description"},
              {"op":"add","path":"/tags","value":[1]},
              {"op":"add","path":"/tags/-","value":2},
              {"op":"add","path":"/tags/0","value":0},
              {"op":"move","from":"/tags","path":"/list"},
              {"op":"remove","path":"/list/1"},
              {"op":"remove","path":"/nosuch"}])"),
      R"({"id":5,"title":"t2","doneStatus":true,"description":"t2","list":[0,2]})");
    // Pointer escapes.
    CHECK_EQ(run(style::json_patch,
                 R"([{"op":"add","path":"/a~1b~0c","value":1}])"),
             R"({"id":5,"title":"file paperwork","doneStatus":false,)"
             R"("description":"at the office","a/b~c":1})");
  }

  TEST_CASE("§11.3 JSON patch failures and their statuses") {
    CHECK_EQ(run(style::json_patch, "[x"), "400 Malformed JSON Patch document");
    CHECK_EQ(run(style::json_patch, R"({"op":"add"})"),
             "400 JSON Patch document must be an array of operations");
    CHECK_EQ(run(style::json_patch, " "),
             "400 JSON Patch document must be an array of operations");
    for (auto bad : {
           R"([{"op":"test","path":"/title","value":"other"}])",
           R"([{"op":"replace","path":"/nosuch","value":1}])",
           R"([{"op":"add","path":"/a/b","value":1}])",
           R"([{"op":"remove","path":""}])",
           R"([{"op":"frobnicate","path":"/title"}])",
           R"([{"path":"/title","value":1}])",
           R"([{"op":"add","path":"title","value":1}])",
           R"([{"op":"add","path":"/~2","value":1}])",
           R"([{"op":"add","path":"/title"}])",
           R"([{"op":"move","path":"/x"}])",
           R"([{"op":"test","path":"/id","value":5.0}])",
           R"([1])",
         })
      CHECK_MESSAGE(run(style::json_patch, bad)
                      == "409 JSON Patch could not be applied",
                    bad);
    // A failing operation undoes the earlier ones: nothing is amended.
    CHECK_EQ(run(style::json_patch,
                 R"([{"op":"replace","path":"/title","value":"x"},
                     {"op":"remove","path":"/nope/1"}])"),
             "409 JSON Patch could not be applied");
    CHECK_EQ(run(style::json_patch,
                 R"([{"op":"replace","path":"","value":[1]}])"),
             "422 PATCH result for entity resources must be an object");
    CHECK_EQ(run(style::json_patch,
                 R"([{"op":"add","path":"","value":{"title":"only"}}])"),
             R"({"title":"only"})");
  }
}
