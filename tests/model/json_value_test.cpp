#include "model/json_value.hpp"

#include <doctest/doctest.h>

#include <string>

using model::json_read_options;
using model::json_value;
using model::read_json;
using model::write_json;

namespace {

/// The compact rewrite of `text`, or "ERROR".
std::string round_trip(std::string_view text,
                       const json_read_options& options = {}) {
  auto r = read_json(text, options);
  if (!r.doc)
    return r.missing ? "MISSING" : "ERROR";
  return write_json(*r.doc);
}

} // namespace

TEST_SUITE("model.json_value") {
  TEST_CASE("§11.8 reads every kind of value and writes it compactly") {
    CHECK_EQ(round_trip(R"( {"a" : [1, -2.5e3, true, false, null, "x"]} )"),
             R"({"a":[1,-2.5e3,true,false,null,"x"]})");
    CHECK_EQ(round_trip("\"\\u00e9\\n\\\"\\ud83d\\ude00\""),
             "\"\xC3\xA9\\n\\\"\xF0\x9F\x98\x80\"");
    CHECK_EQ(round_trip("[]"), "[]");
    CHECK_EQ(round_trip("{}"), "{}");
    CHECK_EQ(round_trip("7"), "7");
    auto r = read_json(R"({"n":12,"f":1.5})");
    REQUIRE(r.doc);
    CHECK(r.doc->find("n")->is_integral());
    CHECK_FALSE(r.doc->find("f")->is_integral());
    CHECK_EQ(r.doc->find("nope"), nullptr);
  }

  TEST_CASE("§11.8 as Jackson reads: quotes, blanks, trailing, duplicates") {
    CHECK_EQ(round_trip(R"({'title':'it''s'})"), "ERROR");
    CHECK_EQ(round_trip(R"({'title':'a "b" \'c\''})"),
             R"({"title":"a \"b\" 'c'"})");
    json_read_options strict;
    strict.single_quotes = false;
    CHECK_EQ(round_trip("{'a':1}", strict), "ERROR");
    CHECK_EQ(round_trip("   "), "MISSING");
    CHECK_EQ(round_trip(""), "MISSING");
    CHECK_EQ(round_trip("{} trailing"), "{}");
    strict.allow_trailing = false;
    CHECK_EQ(round_trip("{} trailing", strict), "ERROR");
    // The last value wins, at the first one's place.
    CHECK_EQ(round_trip(R"({"a":1,"b":2,"a":3})"), R"({"a":3,"b":2})");
  }

  TEST_CASE("§11.8 malformed input is an error, not a crash") {
    for (auto bad : {"{", "[1,", "[1 2]", "{\"a\"}", "{\"a\":}", "01", "1.",
                     "-", "+1", "tru", "\"abc", "\"\\x\"", "\"\\u12\"", "[1,]",
                     "{,}", "\"a\tb\"", "\x01"}) {
      auto r = read_json(bad);
      CHECK_MESSAGE(!r.doc, bad);
      CHECK_FALSE(r.error.empty());
    }
  }

  TEST_CASE("§11.8 deep input: a depth limit, and no recursion below it") {
    std::string deep(1001, '[');
    deep += std::string(1001, ']');
    CHECK_EQ(round_trip(deep), "ERROR");
    json_read_options unlimited;
    unlimited.max_depth = 200000;
    std::string deeper(200000, '[');
    deeper += std::string(200000, ']');
    auto r = read_json(deeper, unlimited);
    REQUIRE(r.doc);
    CHECK_EQ(write_json(*r.doc).size(), deeper.size());
    // Destroying `r` must not recurse either (it would overflow the stack).
  }

  TEST_CASE("§11.8 building, editing and comparing values") {
    auto x = json_value::object();
    x.set("id", json_value::number("5"));
    x.set("title", json_value::string("t"));
    x.set("id", json_value::number("6"));
    CHECK_EQ(write_json(x), R"({"id":6,"title":"t"})");
    CHECK(x.erase("title"));
    CHECK_FALSE(x.erase("title"));
    auto y = json_value::object();
    y.set("id", json_value::number("6"));
    CHECK(x == y);
    CHECK(json_value::number("1") != json_value::number("1.0"));
    auto a = read_json(R"({"a":[1,{"b":null}],"c":true})").doc;
    auto b = read_json(R"({"c":true,"a":[1,{"b":null}]})").doc;
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a == *b);
    auto copy = *a;
    CHECK(copy == *a);
  }
}
