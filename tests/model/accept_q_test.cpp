#include "model/accept_q.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace model::accept_q;

namespace {

const std::vector<std::string> todo_names = {"todo", "todos"};

/// The Content-Type negotiated for `header` on a todos route, or "406".
std::string chosen(const std::string& header) {
  auto c = negotiate(&header, todo_names);
  return c ? c->content_type : "406";
}

/// The 406 message for `header`, or "" when it passes.
std::string check(const std::string& header) {
  auto m = validate(&header, todo_names);
  return m ? *m : "";
}

} // namespace

TEST_SUITE("model.accept_q") {
  TEST_CASE("§11.2 no or blank Accept answers JSON") {
    auto c = negotiate(nullptr, todo_names);
    REQUIRE(c);
    CHECK_EQ(c->content_type, "application/json");
    CHECK_EQ(chosen("  "), "application/json");
    CHECK_EQ(check(""), "");
  }

  TEST_CASE("§11.2 q-values choose, header order breaks ties") {
    CHECK_EQ(chosen("application/json;q=0.5, application/xml;q=1"),
             "application/xml");
    CHECK_EQ(chosen("application/xml;q=0.5, application/json;q=1"),
             "application/json");
    CHECK_EQ(chosen("application/xml, application/json"), "application/xml");
    CHECK_EQ(chosen("application/json, application/xml"), "application/json");
    CHECK_EQ(chosen("application/json;q=0.9, application/xml;q=0.9"),
             "application/json");
    // Quoted and spaced q values; upper case is lower-cased first.
    CHECK_EQ(chosen("APPLICATION/JSON; q=\"0.2\", application/xml ; q = 0.3"),
             "application/xml");
  }

  TEST_CASE("§11.2 q=0 and invalid q exclude a type") {
    CHECK_EQ(chosen("application/json;q=0, application/xml;q=0"), "406");
    CHECK_EQ(check("application/json;q=0, application/xml;q=0"),
             "No acceptable response type supported");
    CHECK_EQ(chosen("application/json;q=0, */*"), "application/xml");
    CHECK_EQ(chosen("application/json;q=2, application/xml;q=0.1"),
             "application/xml");
    CHECK_EQ(chosen("application/json;q=abc"), "406");
    CHECK_EQ(chosen("application/json;q=NaN"), "406");
  }

  TEST_CASE("§11.2 wildcards: the server's order among equals") {
    CHECK_EQ(chosen("*/*"), "application/json");
    CHECK_EQ(chosen("text/*"), "text/csv");
    CHECK_EQ(chosen("text/*, application/json;q=0.5"), "text/csv");
    // A more specific range of the same q wins over a wildcard.
    CHECK_EQ(chosen("*/*, text/html"), "text/html");
    CHECK_EQ(chosen("application/*"), "application/json");
  }

  TEST_CASE("§11.2 the ten representations") {
    CHECK_EQ(chosen("text/csv"), "text/csv");
    CHECK_EQ(chosen("text/plain"), "text/plain");
    CHECK_EQ(chosen("text/html"), "text/html");
    CHECK_EQ(chosen("application/x-ndjson"), "application/x-ndjson");
    CHECK_EQ(chosen("application/jsonl"), "application/jsonl");
    CHECK_EQ(chosen("application/json-seq"), "application/json-seq");
    CHECK_EQ(chosen("text/tab-separated-values"), "text/tab-separated-values");
    CHECK_EQ(chosen("text/xml"), "text/xml");
    auto h = std::string{"text/xml"};
    CHECK(renders_as_xml(negotiate(&h, todo_names)->type));
  }

  TEST_CASE("§11.2 structured XML types for the todo entity") {
    CHECK_EQ(chosen("application/vnd.apichallenges.todo+xml"),
             "application/vnd.apichallenges.todo+xml");
    CHECK_EQ(chosen("application/*+xml"), "application/todo+xml");
    CHECK_EQ(chosen("application/todos+xml"), "application/todos+xml");
    // Reserved or other entities are not structured todo XML.
    CHECK_EQ(check("application/problem+xml"), "Unrecognised Accept Type");
    CHECK_EQ(check("application/vnd.other+xml"), "Unrecognised Accept Type");
    // Without entity names (other routes), no structured type exists.
    auto h = std::string{"application/*+xml"};
    CHECK_FALSE(negotiate(&h, {}));
    CHECK_EQ(*validate(&h, {}), "Unrecognised Accept Type");
  }

  TEST_CASE("§11.2 structured JSON and unknown types are 406") {
    CHECK_EQ(check("application/problem+json"), "Unrecognised Accept Type");
    CHECK_EQ(check("application/*+json"), "Unrecognised Accept Type");
    CHECK_EQ(check("application/gzip"), "Unrecognised Accept Type");
    CHECK_EQ(check("text/calendar"), "Unrecognised Accept Type");
    CHECK_EQ(check("application/gzip, application/json"), "");
    // A known range with q=0 still counts as recognised.
    CHECK_EQ(check("application/json;q=0"),
             "No acceptable response type supported");
  }

  TEST_CASE("§11.2 asked_for and prefers_xml as the rules use them") {
    auto both = std::string{"application/xml, application/json"};
    CHECK(asked_for(&both, "application/xml"));
    CHECK(asked_for(&both, "application/json"));
    CHECK(prefers_xml(&both));
    auto zero = std::string{"application/xml;q=0, application/json"};
    CHECK_FALSE(asked_for(&zero, "application/xml"));
    CHECK_FALSE(prefers_xml(&zero));
    CHECK_FALSE(asked_for(nullptr, "*/*"));
    CHECK_EQ(normalized(" Application/JSON ;q=0.5,\tapplication/xml;q=1"),
             "application/json;q=0.5,application/xml;q=1");
  }

  TEST_CASE("§11.2 the calendar test: first highest q above 0") {
    auto h = [](const char* x) {
      std::string s{x};
      return prefers_text_calendar(&s);
    };
    CHECK(h("text/calendar"));
    CHECK(h("TEXT/Calendar"));
    CHECK(h("application/json;q=0.5, text/calendar"));
    CHECK(h("text/calendar;Q=0.9, application/json;q=0.8"));
    CHECK_FALSE(h("application/json, text/calendar"));
    CHECK_FALSE(h("text/calendar;q=0"));
    CHECK_FALSE(h("text/calendar;q=x"));
    // Unlike the negotiation, q above 1 counts, and Infinity parses.
    CHECK(h("application/json, text/calendar;q=5"));
    CHECK(h("application/json, text/calendar;q=Infinity"));
    CHECK_FALSE(prefers_text_calendar(nullptr));
  }

  TEST_CASE("§11.2 Java's Double.parseDouble") {
    CHECK_EQ(*java_parse_double(" 0.5 "), 0.5);
    CHECK_EQ(*java_parse_double("1e-1"), 0.1);
    CHECK_EQ(*java_parse_double(".5d"), 0.5);
    CHECK_EQ(*java_parse_double("1."), 1.0);
    CHECK_FALSE(java_parse_double("."));
    CHECK_FALSE(java_parse_double("1e"));
    CHECK_FALSE(java_parse_double("0x1p0"));
    CHECK_FALSE(java_parse_double("nan"));
    CHECK_FALSE(java_parse_double(""));
  }
}
