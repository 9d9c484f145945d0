#include "model/query_body.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace model::query_body;
using model::json_value;
using model::query::field_def;
using model::query::field_type;
namespace qp = model::query_params;

namespace {

const std::vector<field_def> fields = {
  {"id", field_type::integer},
  {"title", field_type::string},
  {"doneStatus", field_type::boolean},
  {"description", field_type::string},
};

/// `{"todos":[...]}` with ids 1-4, even ones done.
json_value listing() {
  auto doc = model::read_json(
    R"({"todos":[
      {"id":1,"title":"a","doneStatus":false,"description":"x"},
      {"id":2,"title":"b","doneStatus":true,"description":""},
      {"id":3,"title":"c","doneStatus":false,"description":"y"},
      {"id":4,"title":"d","doneStatus":true,"description":"zz"}]})");
  REQUIRE(doc.doc);
  return *doc.doc;
}

/// The row indices selected, or "<status> <message>".
std::string pick(std::string_view expression) {
  auto doc = listing();
  auto s = select_jsonpath(expression, doc, "todos");
  if (s.error)
    return std::to_string(s.error->status) + " " + s.error->message;
  std::string out;
  for (auto i : s.rows)
    out += std::to_string(i);
  return out;
}

std::string check_of(const char* type, std::string_view body) {
  std::string t{type};
  auto r = check(&t, body);
  if (r.error)
    return std::to_string(r.error->status) + " " + r.error->message;
  return "ok";
}

/// The compiled parameters as `name op value` lines, or the error.
std::string compile(std::string_view body, std::string_view url = "") {
  auto c = params_for(format::structured, url, body, fields);
  if (c.error)
    return std::to_string(c.error->status) + " " + c.error->message;
  std::string out;
  for (const auto& p : c.params)
    out += p.name + std::string{qp::token(p.op)} + p.value + ";";
  return out;
}

} // namespace

TEST_SUITE("model.query_body") {
  TEST_CASE("§11.5 the Content-Type chooses the language") {
    CHECK_EQ(check(nullptr, "x").error->message,
             "Missing Content-Type for QUERY request");
    std::string bad{"text/plain"};
    auto r = check(&bad, "doneStatus=true");
    REQUIRE(r.error);
    CHECK_EQ(r.error->status, 415);
    CHECK_EQ(r.error->message, "Unsupported QUERY Content Type - text/plain");
    CHECK(r.error->send_accept);
    CHECK_EQ(check_of("application/x-www-form-urlencoded", "doneStatus=true"),
             "ok");
    CHECK_EQ(check_of("Application/X-WWW-Form-Urlencoded; charset=utf-8",
                      "=true"),
             "400 Malformed query content: field name is missing");
    CHECK_EQ(check_of("application/jsonpath", "  "),
             "400 Missing JSONPath expression for QUERY request");
    CHECK_EQ(check_of("application/jsonpath", "$.todos[?(@.doneStatus"),
             check_of("application/jsonpath", "$.todos[?(@.doneStatus"));
    CHECK(check_of("application/jsonpath", "$.todos[?(@.doneStatus")
            .rfind("400 ", 0)
          == 0);
    CHECK_EQ(check_of("application/vnd.thingifier.query+json", "{'a':1}"),
             "400 Malformed JSON query body");
    CHECK_EQ(check_of("application/vnd.thingifier.query+json", ""), "ok");
  }

  TEST_CASE("§11.5 a form body adds to the URL's filters") {
    auto c = params_for(format::form, "_limit=3", "doneStatus=true&id>1",
                        fields);
    REQUIRE_FALSE(c.error);
    REQUIRE_EQ(c.params.size(), 3);
    CHECK_EQ(c.params[0].name, "_limit");
    CHECK_EQ(c.params[1].name, "doneStatus");
    CHECK_EQ(c.params[2].op, qp::operation::greater);
    auto jp = params_for(format::jsonpath, "_limit=3", "$.todos", fields);
    CHECK_EQ(jp.params.size(), 1);
  }

  TEST_CASE("§11.5 structured JSON compiles to filters, sort and paging") {
    CHECK_EQ(compile(R"({"filter":{"doneStatus":true}})"), "doneStatus==true;");
    CHECK_EQ(compile(
               R"({"filter":{"ID":{"greaterThan":1,"lessThan":4},)"
               R"("title":{"contains":"a"}},)"
               R"("sort":[{"field":"id","direction":"desc"},)"
               R"({"direction":"asc","field":"title"}],"limit":2,"offset":0})"),
             "id>1;id<4;title%=a;_sortBy=-id,+title;_limit=2;_offset=0;");
    CHECK_EQ(compile("{}", "_limit=5"), "_limit=5;");
  }

  TEST_CASE("§11.5 structured JSON errors are 422 with the original's text") {
    CHECK_EQ(compile("[]"), "422 Structured JSON query body must be an object");
    CHECK_EQ(compile(""), "422 Structured JSON query body must be an object");
    CHECK_EQ(compile(R"({"where":{}})"),
             "422 Unknown structured query field where");
    CHECK_EQ(compile(R"({"filter":[]})"), "422 filter must be an object");
    CHECK_EQ(compile(R"({"filter":{"nope":1}})"),
             "422 Unknown query filter field nope");
    CHECK_EQ(compile(R"({"filter":{"doneStatus":"true"}})"),
             "422 Invalid exact match value for field doneStatus");
    CHECK_EQ(compile(R"({"filter":{"id":1.5}})"),
             "422 Invalid exact match value for field id");
    CHECK_EQ(compile(R"({"filter":{"id":{}}})"),
             "422 Filter operators for field id are required");
    CHECK_EQ(compile(R"({"filter":{"id":{"contains":"1"}}})"),
             "422 contains is only supported for text field id");
    CHECK_EQ(compile(R"({"filter":{"title":{"greaterThan":1}}})"),
             "422 greaterThan is only supported for numeric field title");
    CHECK_EQ(compile(R"({"filter":{"id":{"between":1}}})"),
             "422 Unsupported query operator between for field id");
    CHECK_EQ(compile(R"({"sort":{}})"), "422 sort must be an array");
    CHECK_EQ(compile(R"({"sort":[1]})"), "422 sort entries must be objects");
    CHECK_EQ(compile(R"({"sort":[{"field":"id","by":1}]})"),
             "422 Unknown sort field by");
    CHECK_EQ(compile(R"({"sort":[{"direction":"asc"}]})"),
             "422 sort field must be a string");
    CHECK_EQ(compile(R"({"sort":[{"field":"id","direction":"up"}]})"),
             "422 sort direction must be asc or desc");
    CHECK_EQ(compile(R"({"sort":[{"field":"x","direction":"asc"}]})"),
             "422 Unknown sort field x");
    CHECK_EQ(compile(R"({"limit":-1})"),
             "422 limit must be a non-negative integer");
    CHECK_EQ(compile(R"({"offset":1.0})"),
             "422 offset must be a non-negative integer");
    CHECK_EQ(compile(R"({"limit":99999999999})"),
             "422 limit must be a non-negative integer");
  }

  TEST_CASE("§11.5 JSONPath filters select whole todos") {
    CHECK_EQ(pick("$.todos[?(@.doneStatus == true)]"), "13");
    CHECK_EQ(pick("$.todos[?(@.doneStatus==false && @.id > 1)]"), "2");
    CHECK_EQ(pick("$..[?(@.doneStatus == true)]"), "13");
    CHECK_EQ(pick("$['todos'][?(@.title =~ /[BC]/i)]"), "12");
    CHECK_EQ(pick("$.todos[?(@.id < 2 || @.id >= 4)]"), "03");
    CHECK_EQ(pick("$.todos[?(!(@.doneStatus == true))]"), "02");
    CHECK_EQ(pick("$.todos[?(@.description != '')]"), "023");
    CHECK_EQ(pick("todos[?(@.id == 3.0)]"), "2");
    CHECK_EQ(pick("$.todos[?(@.nope)]"), "");
  }

  TEST_CASE("§11.5 JSONPath: lists, indexes, slices, the wrapper") {
    CHECK_EQ(pick("$.todos"), "0123");
    CHECK_EQ(pick("$"), "0123");
    CHECK_EQ(pick("$.todos[*]"), "0123");
    CHECK_EQ(pick("$.todos[1]"), "1");
    CHECK_EQ(pick("$.todos[-1]"), "3");
    CHECK_EQ(pick("$.todos[0,2]"), "02");
    CHECK_EQ(pick("$.todos[1:3]"), "12");
    CHECK_EQ(pick("$.todos[-2:]"), "23");
  }

  TEST_CASE("§11.5 JSONPath: anything but whole todos is 422, bad syntax 400") {
    auto unsafe = "422 JSONPath query must select complete resource objects "
                  "from the collection";
    CHECK_EQ(pick("$.todos[0].title"), unsafe);
    CHECK_EQ(pick("$..title"), unsafe);
    CHECK_EQ(pick("$..*"), unsafe);
    CHECK_EQ(pick("$.nosuch"), unsafe);
    CHECK_EQ(pick("$.todos[9]"), unsafe);
    for (auto bad :
         {"$.", "$.todos[", "$.todos[?(@.id ==)]", "$.todos[?(@.id in [1])]",
          "$.todos[?(@.t =~ /(/)]", "$.todos[?(@.id == 'x)]", "$#"}) {
      auto out = pick(bad);
      CHECK_MESSAGE(out.rfind("400 ", 0) == 0, bad, " gave ", out);
    }
  }
}
