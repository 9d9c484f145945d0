#include "model/message.hpp"
#include "model/text.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

using namespace std::string_literals;
using namespace model;

TEST_SUITE("model.text") {
  TEST_CASE("§2.4 numbers are stored in Java Double.toString form") {
    // Decimal notation for 1e-3 <= |x| < 1e7.
    CHECK_EQ(text::java_double(5), "5.0");
    CHECK_EQ(text::java_double(1.5), "1.5");
    CHECK_EQ(text::java_double(100), "100.0");
    CHECK_EQ(text::java_double(0), "0.0");
    CHECK_EQ(text::java_double(-0.0), "-0.0");
    CHECK_EQ(text::java_double(-5), "-5.0");
    CHECK_EQ(text::java_double(0.001), "0.001");
    CHECK_EQ(text::java_double(0.1), "0.1");
    CHECK_EQ(text::java_double(0.1 + 0.2), "0.30000000000000004");
    CHECK_EQ(text::java_double(123.456), "123.456");
    CHECK_EQ(text::java_double(9999999), "9999999.0");
    CHECK_EQ(text::java_double(1234567.125), "1234567.125");
    // Computerized scientific notation otherwise.
    CHECK_EQ(text::java_double(1e7), "1.0E7");
    CHECK_EQ(text::java_double(12345678.9), "1.23456789E7");
    CHECK_EQ(text::java_double(0.0001), "1.0E-4");
    CHECK_EQ(text::java_double(0.000123), "1.23E-4");
    CHECK_EQ(text::java_double(1e21), "1.0E21");
    CHECK_EQ(text::java_double(1e10), "1.0E10");
    CHECK_EQ(text::java_double(1e-5), "1.0E-5");
    CHECK_EQ(text::java_double(-1e7), "-1.0E7");
    CHECK_EQ(text::java_double(1e100), "1.0E100");
    CHECK_EQ(text::java_double(1.2345678901234567e19), "1.2345678901234567E19");
    CHECK_EQ(text::java_double(std::numeric_limits<double>::max()),
             "1.7976931348623157E308");
    // JDK 19+ picks the closest two-digit decimal over a one-digit one.
    CHECK_EQ(text::java_double(std::numeric_limits<double>::denorm_min()),
             "4.9E-324");
    CHECK_EQ(text::java_double(2 * std::numeric_limits<double>::denorm_min()),
             "9.9E-324");
    // Special values.
    CHECK_EQ(text::java_double(std::nan("")), "NaN");
    CHECK_EQ(text::java_double(std::numeric_limits<double>::infinity()),
             "Infinity");
    CHECK_EQ(text::java_double(-std::numeric_limits<double>::infinity()),
             "-Infinity");
  }

  TEST_CASE("§2.2 string helpers use ASCII semantics") {
    CHECK_EQ(text::lower("Application/XML; Charset=UTF-8"),
             "application/xml; charset=utf-8");
    CHECK_EQ(text::lower("\xC3\x84"), "\xC3\x84"); // non-ASCII untouched
    CHECK_EQ(text::trim(" \t\r\n x y \n"), "x y");
    CHECK_EQ(text::trim("   "), "");
    CHECK_EQ(text::trim(""), "");
    CHECK(text::iequals("X-Challenger", "x-CHALLENGER"));
    CHECK_FALSE(text::iequals("abc", "abcd"));
    CHECK_FALSE(text::iequals("abc", "abd"));
    CHECK(text::starts_with("/todos/1", "/todos"));
    CHECK_FALSE(text::starts_with("/todo", "/todos"));
    CHECK(text::ends_with("text/xml", "/xml"));
    CHECK_FALSE(text::ends_with("xml", "/xml"));
    CHECK(text::contains("application/json", "json"));
    CHECK_FALSE(text::contains("application/jso", "json"));
  }

  TEST_CASE("the case, line-break and JSON-escape helpers agree with a "
            "byte-at-a-time reference") {
    // They work eight bytes at a time: every byte value, at every position
    // of strings from 0 to 19 bytes (the word and the rest after it).
    auto lower_ref = [](unsigned char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32)
                                  : static_cast<char>(c);
    };
    std::size_t mismatches = 0;
    for (std::size_t size = 0; size < 20; ++size) {
      for (std::size_t at = 0; at < size; ++at) {
        for (int byte = 0; byte < 256; ++byte) {
          std::string x(size, 'Q');
          x[at] = static_cast<char>(byte);
          std::string expected = x;
          for (auto& c : expected)
            c = lower_ref(static_cast<unsigned char>(c));
          auto lowered = x;
          text::lower_in_place(lowered.data(), lowered.data() + lowered.size());
          mismatches += lowered != expected;
          mismatches += text::lower(x) != expected;
          mismatches += text::has_crlf(x) != (byte == '\r' || byte == '\n');
          bool json = byte < 0x20 || byte == '"' || byte == '\\';
          mismatches += text::has_json_escape(x) != json;
          mismatches += text::has_json_escape(x, true)
                        != (json || byte >= 0x80);
          mismatches += !text::iequals(x, expected);
          // A different byte at `at` (not just the other case) must count.
          for (int other : {byte ^ 0x20, byte ^ 0x01, byte ^ 0x80}) {
            auto y = expected;
            y[at] = static_cast<char>(other);
            bool same = lower_ref(static_cast<unsigned char>(byte))
                        == lower_ref(static_cast<unsigned char>(other));
            mismatches += text::iequals(x, y) != same;
          }
        }
      }
    }
    CHECK_EQ(mismatches, 0u);
    CHECK(text::has_crlf("Content-Type: text/plain\r"));
    CHECK_FALSE(text::has_crlf("access-control-allow-origin"));
  }

  TEST_CASE("§2.2 lengths are counted in UTF-16 code units like Java") {
    CHECK_EQ(text::utf16_length(""), 0u);
    CHECK_EQ(text::utf16_length("abc"), 3u);
    CHECK_EQ(text::utf16_length("\xC3\xA9"), 1u); // é
    CHECK_EQ(text::utf16_length("\xE2\x82\xAC"), 1u); // €
    CHECK_EQ(text::utf16_length("\xF0\x9F\x98\x80"), 2u); // 😀
    CHECK_EQ(text::utf16_length("a\xF0\x9F\x98\x80z"), 4u);
  }

  TEST_CASE("§2.4 well-formed UTF-8 is told apart from malformed input") {
    CHECK(text::valid_utf8(""));
    CHECK(text::valid_utf8("plain"));
    CHECK(text::valid_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));
    CHECK(text::valid_utf8("\xF4\x8F\xBF\xBF")); // U+10FFFF
    CHECK(text::valid_utf8("\xED\x9F\xBF")); // U+D7FF
    CHECK_FALSE(text::valid_utf8("\xFF"));
    CHECK_FALSE(text::valid_utf8("\x80")); // lone continuation
    CHECK_FALSE(text::valid_utf8("\xC3")); // truncated
    CHECK_FALSE(text::valid_utf8("\xE2\x82")); // truncated
    CHECK_FALSE(text::valid_utf8("\xC0\xAF")); // overlong '/'
    CHECK_FALSE(text::valid_utf8("\xE0\x80\xAF")); // overlong
    CHECK_FALSE(text::valid_utf8("\xF0\x80\x80\xAF")); // overlong
    CHECK_FALSE(text::valid_utf8("\xED\xA0\x80")); // surrogate
    CHECK_FALSE(text::valid_utf8("\xF4\x90\x80\x80")); // > U+10FFFF
    CHECK_FALSE(text::valid_utf8("\xC3\x28")); // bad continuation
    CHECK_FALSE(text::valid_utf8("\xE2\x82\x28")); // bad continuation
    CHECK_FALSE(text::valid_utf8("\xF0\x9F\x98\x28")); // bad continuation
    CHECK_FALSE(text::valid_utf8("ok\xF5\x80\x80\x80ok")); // invalid lead
  }

  TEST_CASE("§5.5 GUIDs must have the canonical UUID form") {
    CHECK(text::is_uuid("0b8ec5b4-8f55-4bd8-8ea6-e8d39b1f3a5c"));
    CHECK(text::is_uuid("0B8EC5B4-8F55-4BD8-8EA6-E8D39B1F3A5C"));
    CHECK_FALSE(text::is_uuid("bob"));
    CHECK_FALSE(text::is_uuid(""));
    CHECK_FALSE(text::is_uuid("0b8ec5b4-8f55-4bd8-8ea6-e8d39b1f3a5"));
    CHECK_FALSE(text::is_uuid("0b8ec5b4-8f55-4bd8-8ea6-e8d39b1f3a5cd"));
    CHECK_FALSE(text::is_uuid("0b8ec5b4x8f55-4bd8-8ea6-e8d39b1f3a5c"));
    CHECK_FALSE(text::is_uuid("0b8ec5b4-8f55-4bd8-8ea6-e8d39b1f3a5g"));
    CHECK_FALSE(text::is_uuid("0b8ec5b48f55-4bd8-8ea6-e8d39b1f3a5c-"));
  }

  TEST_CASE("§2.7 query values are percent-decoded, plus stays plus") {
    CHECK_EQ(text::url_decode("true"), "true");
    CHECK_EQ(text::url_decode("a%20b"), "a b");
    CHECK_EQ(text::url_decode("a+b"), "a+b");
    CHECK_EQ(text::url_decode("%3d%3D"), "==");
    CHECK_EQ(text::url_decode("%C3%A9"), "\xC3\xA9");
    CHECK_EQ(text::url_decode("%00"), "\0"s);
    // Malformed escapes are kept verbatim.
    CHECK_EQ(text::url_decode("100%"), "100%");
    CHECK_EQ(text::url_decode("%2"), "%2");
    CHECK_EQ(text::url_decode("%zz%41"), "%zzA");
    CHECK_EQ(text::url_decode("%%41"), "%A");
  }

  TEST_CASE("§3.5 header names compare case-insensitively") {
    header_list xs{{"Content-Type", "application/json"},
                   {"X-CHALLENGER", "abc"},
                   {"x-challenger", "def"}};
    REQUIRE(find_header(xs, "content-type") != nullptr);
    CHECK_EQ(*find_header(xs, "content-type"), "application/json");
    CHECK_EQ(*find_header(xs, "X-Challenger"), "abc"); // first wins
    CHECK(find_header(xs, "Accept") == nullptr);
    request req;
    req.headers = xs;
    REQUIRE(req.header("CONTENT-TYPE") != nullptr);
    CHECK_EQ(*req.header("CONTENT-TYPE"), "application/json");
  }

  TEST_CASE("§3.5 response::set_header replaces a header ignoring case") {
    response res;
    res.set_header("X-CHALLENGER", "one");
    res.set_header("Location", "/todos/1");
    REQUIRE_EQ(res.headers.size(), 2u);
    res.set_header("x-challenger", "two");
    REQUIRE_EQ(res.headers.size(), 2u);
    CHECK_EQ(res.headers[0].name, "x-challenger");
    CHECK_EQ(res.headers[0].value, "two");
    CHECK_EQ(res.headers[1].name, "Location");
    REQUIRE(res.header("X-Challenger") != nullptr);
    CHECK_EQ(*res.header("X-Challenger"), "two");
    CHECK(res.header("Allow") == nullptr);
    // Duplicates added by hand collapse into one on the next set.
    res.headers.push_back({"LOCATION", "/todos/2"});
    res.set_header("location", "/todos/3");
    REQUIRE_EQ(res.headers.size(), 2u);
    CHECK_EQ(res.headers[1].name, "location");
    CHECK_EQ(res.headers[1].value, "/todos/3");
  }

} // TEST_SUITE
