// Tier 1: Accept and Content-Type rules (BEHAVIOUR §3.1, §3.2), with many
// examples.

#include "model/negotiation.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace model::negotiation;

namespace {

accept_result accept(const char* x) {
  std::string s{x};
  return parse_accept(&s);
}

bool xml(const char* x) {
  return accept(x).preferred == format::xml;
}

body_type type(const char* x) {
  std::string s{x};
  return classify_content_type(&s);
}

} // namespace

TEST_SUITE("model.negotiation") {
  TEST_CASE("§3.1 missing or empty Accept is JSON") {
    CHECK(parse_accept(nullptr).acceptable);
    CHECK(parse_accept(nullptr).preferred == format::json);
    CHECK(accept("").acceptable);
    CHECK(accept("  ").preferred == format::json);
  }

  TEST_CASE("§3.1 worked examples") {
    CHECK(xml("application/xml"));
    CHECK(xml("application/xml, application/json"));
    CHECK_FALSE(xml("application/json, application/xml"));
    CHECK_FALSE(xml("*/*"));
    CHECK(xml("*/*, application/xml"));
    CHECK_FALSE(xml("text/html, application/xml"));
    CHECK(accept("text/plain").acceptable);
    CHECK_FALSE(xml("text/plain"));
    CHECK(xml("APPLICATION/XML;q=0.9"));
    CHECK(accept("application/*").acceptable);
  }

  TEST_CASE("§3.1 unrecognised Accept values are 406") {
    CHECK_FALSE(accept("application/gzip").acceptable);
    CHECK_FALSE(accept("text/xml").acceptable);
    CHECK_FALSE(accept("application/vnd.x+xml").acceptable);
    CHECK_FALSE(accept(",,").acceptable);
    CHECK(accept("application/gzip, application/json").acceptable);
  }

  TEST_CASE("§3.2 Content-Type classification") {
    CHECK(classify_content_type(nullptr) == body_type::missing);
    CHECK(type("") == body_type::missing);
    CHECK(type("application/json; charset=utf-8") == body_type::json);
    CHECK(type("Application/JSON") == body_type::json);
    CHECK(type("application/xml") == body_type::xml);
    CHECK(type("text/xml") == body_type::xml);
    CHECK(type("text/plain") == body_type::unsupported);
    CHECK(type("application/x-www-form-urlencoded") == body_type::unsupported);
  }

  TEST_CASE("§2.1 simple-status Content-Type echoes the first Accept range") {
    CHECK(simple_status_type(nullptr) == "application/json");
    std::string a{"Text/HTML, application/xml"};
    CHECK(simple_status_type(&a) == "text/html");
    std::string b{"text/html, */*"};
    CHECK(simple_status_type(&b) == "application/json");
    std::string c{"application/*"};
    CHECK(simple_status_type(&c) == "application/json");
  }

} // TEST_SUITE
