#include "model/json_reader.hpp"
#include "model/todo_put.hpp"

#include <doctest/doctest.h>

using namespace model::todo_put;

namespace {

model::body_fields fields_of(std::string_view json) {
  auto f = model::json::parse_body(json);
  REQUIRE(f);
  return *f;
}

} // namespace

TEST_SUITE("model.todo_put") {
  TEST_CASE("§11.4 the URL id wins, else the body id") {
    auto t = identify(std::string_view{"7"}, fields_of(R"({"id":3})"));
    REQUIRE(t.identifier);
    CHECK_EQ(*t.identifier, "7");
    t = identify(std::nullopt, fields_of(R"({"title":"x","id":3})"));
    REQUIRE(t.identifier);
    CHECK_EQ(*t.identifier, "3");
    t = identify(std::nullopt, fields_of(R"({"id":"12"})"));
    REQUIRE(t.identifier);
    CHECK_EQ(*t.identifier, "12");
    t = identify(std::nullopt, fields_of(R"({"id":4.0})"));
    REQUIRE(t.identifier);
    CHECK_EQ(*t.identifier, "4");
  }

  TEST_CASE("§11.4 no identifier anywhere is 422") {
    for (auto body : {R"({"title":"x"})", R"({"id":" "})", R"({"id":null})",
                      R"({"id":{"a":1}})", ""}) {
      auto t = identify(std::nullopt, fields_of(body));
      CHECK_FALSE(t.identifier);
      REQUIRE(t.error);
      CHECK_EQ(t.error->status, 422);
      CHECK_EQ(t.error->message,
               "PUT requires an identifier in the URI or payload");
    }
    CHECK(identify(std::string_view{" "}, {}).error);
  }

  TEST_CASE("§11.4 body_has_id reads the body leniently") {
    CHECK(body_has_id(R"({"id":1,"title":"x"})"));
    CHECK(body_has_id(R"({"id":null})"));
    CHECK_FALSE(body_has_id(R"({"title":"x"})"));
    CHECK_FALSE(body_has_id(R"({"a":{"id":1}})"));
    CHECK_FALSE(body_has_id("<todo><id>1</id></todo>"));
    CHECK_FALSE(body_has_id(""));
    CHECK_FALSE(body_has_id("[1]"));
  }

  TEST_CASE("§11.4 a PUT to a missing todo without a body id becomes 404") {
    auto r = not_found_instead("99", 422, false, false);
    REQUIRE(r);
    CHECK_EQ(r->status, 404);
    CHECK_EQ(r->message, "No such todo entity instance with id == 99");
    CHECK(not_found_instead("99", 404, false, false));
    CHECK_FALSE(not_found_instead("99", 422, true, false));
    CHECK_FALSE(not_found_instead("99", 422, false, true));
    CHECK_FALSE(not_found_instead("99", 400, false, false));
  }
}
