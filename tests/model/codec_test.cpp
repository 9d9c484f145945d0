#include "model/json_codec.hpp"
#include "model/json_reader.hpp"
#include "model/xml_codec.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace std::string_literals;
using model::body_fields;
using model::body_value;

namespace {

model::todo make_todo(int64_t id, std::string title, bool done = false,
                      std::string description = "") {
  model::todo result;
  result.id = id;
  result.title = std::move(title);
  result.done = done;
  result.description = std::move(description);
  return result;
}

/// Parses `body` as JSON and requires success.
body_fields json_fields(std::string_view body) {
  auto result = model::json::parse_body(body);
  REQUIRE(result.has_value());
  return *result;
}

/// Parses `body` as XML for entity `todo` and requires success.
body_fields xml_fields(std::string_view body) {
  auto result = model::xml::parse_body(body, "todo");
  INFO("error: ", result.error);
  REQUIRE(result.ok);
  return result.fields;
}

/// A string of `n` copies of `x`.
std::string times(std::size_t n, std::string_view x) {
  std::string result;
  result.reserve(n * x.size());
  for (std::size_t i = 0; i < n; ++i)
    result += x;
  return result;
}

} // namespace

TEST_SUITE("model.codec") {
  // -- JSON output ------------------------------------------------------------

  TEST_CASE("§2.3 a todo renders as JSON in field order id, title, ...") {
    CHECK_EQ(model::json::todo(make_todo(11, "my title")),
             R"({"id":11,"title":"my title","doneStatus":false,)"
             R"("description":""})");
    CHECK_EQ(model::json::todo(make_todo(3, "t", true, "d")),
             R"({"id":3,"title":"t","doneStatus":true,"description":"d"})");
  }

  TEST_CASE("§2.3 todo collections render as JSON") {
    auto a = make_todo(1, "scan paperwork");
    auto b = make_todo(2, "file paperwork", true, "x");
    CHECK_EQ(model::json::todos({&a, &b}),
             R"({"todos":[{"id":1,"title":"scan paperwork","doneStatus":false,)"
             R"("description":""},{"id":2,"title":"file paperwork",)"
             R"("doneStatus":true,"description":"x"}]})");
    CHECK_EQ(model::json::todos({&a}),
             R"({"todos":[{"id":1,"title":"scan paperwork",)"
             R"("doneStatus":false,"description":""}]})");
    CHECK_EQ(model::json::todos({}), R"({"todos":[]})");
  }

  TEST_CASE("§2.3 success bodies are not HTML-escaped") {
    auto x = make_todo(5, "a<b>&c='d'", false, "x/y");
    CHECK_EQ(model::json::todo(x),
             R"({"id":5,"title":"a<b>&c='d'","doneStatus":false,)"
             R"("description":"x/y"})");
    CHECK_EQ(model::json::note("a=b"), R"({"note":"a=b"})");
  }

  TEST_CASE("§2.3 error bodies use default Gson HTML escaping") {
    CHECK_EQ(model::json::errors({"message 1", "message 2"}),
             R"({"errorMessages":["message 1","message 2"]})");
    CHECK_EQ(model::json::errors({"No such todo entity instance with id == 99 "
                                  "found"}),
             R"({"errorMessages":["No such todo entity instance with id )"
             R"(\u003d\u003d 99 found"]})");
    CHECK_EQ(model::json::errors({"<a & 'b'>"}),
             R"({"errorMessages":["\u003ca \u0026 \u0027b\u0027\u003e"]})");
    CHECK_EQ(model::json::errors({"404 resource Unknown"}),
             R"({"errorMessages":["404 resource Unknown"]})");
    CHECK_EQ(model::json::errors({}), R"({"errorMessages":[]})");
  }

  TEST_CASE("§4.2 the secret note renders as JSON") {
    CHECK_EQ(model::json::note("my note"), R"({"note":"my note"})");
    CHECK_EQ(model::json::note(""), R"({"note":""})");
  }

  TEST_CASE("§2.3 strings are quoted with Gson's escapes") {
    using model::json::quote;
    CHECK_EQ(quote(""), R"("")");
    CHECK_EQ(quote(R"(say "hi")"), R"("say \"hi\"")");
    CHECK_EQ(quote(R"(C:\dir)"), R"("C:\\dir")");
    CHECK_EQ(quote("a\nb\rc\td\be\ff"), R"("a\nb\rc\td\be\ff")");
    // Other control characters use lower-case hex.
    CHECK_EQ(quote("\x01\x1f\x0b"s), R"("\u0001\u001f\u000b")");
    CHECK_EQ(quote("a\0b"s), R"("a\u0000b")");
    // DEL, '/' and non-ASCII stay raw, except U+2028 and U+2029.
    CHECK_EQ(quote("\x7f/\xC3\xA9\xF0\x9F\x98\x80"),
             "\"\x7f/\xC3\xA9\xF0\x9F\x98\x80\"");
    CHECK_EQ(quote("a\xE2\x80\xA8"
                   "b\xE2\x80\xA9"
                   "c"),
             R"("a\u2028b\u2029c")");
    CHECK_EQ(quote("\xE2\x80\xAA"), "\"\xE2\x80\xAA\""); // U+202A stays raw
    // HTML-safe characters only with html_safe.
    CHECK_EQ(quote("<>&='"), R"("<>&='")");
    CHECK_EQ(quote("<>&='", true), R"("\u003c\u003e\u0026\u003d\u0027")");
    CHECK_EQ(quote("\"\\\n", true), R"("\"\\\n")");
  }

  // -- JSON input -------------------------------------------------------------

  TEST_CASE("§2.4 JSON fields keep their document order and types") {
    auto xs = json_fields(
      R"({"title":"t","doneStatus":true,"description":null,"x":false})");
    REQUIRE_EQ(xs.size(), 4u);
    CHECK_EQ(xs[0].first, "title");
    CHECK(xs[0].second.type == body_value::kind::string);
    CHECK_EQ(xs[0].second.text, "t");
    CHECK_EQ(xs[1].first, "doneStatus");
    CHECK(xs[1].second.type == body_value::kind::boolean);
    CHECK_EQ(xs[1].second.boolean, true);
    CHECK_EQ(xs[1].second.text, "true");
    CHECK_EQ(xs[2].first, "description");
    CHECK(xs[2].second.type == body_value::kind::null);
    CHECK_EQ(xs[3].first, "x");
    CHECK(xs[3].second.type == body_value::kind::boolean);
    CHECK_EQ(xs[3].second.boolean, false);
    CHECK_EQ(xs[3].second.text, "false");
  }

  TEST_CASE("§2.4 JSON numbers become doubles: title 5 is stored as 5.0") {
    auto xs = json_fields(
      R"({"title":5,"a":1.5,"b":-0.0,"c":1e7,"d":0.0001,"e":12345678.9,)"
      R"("f":100,"g":-3})");
    REQUIRE_EQ(xs.size(), 8u);
    std::vector<std::string> texts;
    for (auto& [key, value] : xs) {
      CHECK(value.type == body_value::kind::number);
      texts.push_back(value.text);
    }
    CHECK_EQ(texts,
             std::vector<std::string>{"5.0", "1.5", "-0.0", "1.0E7", "1.0E-4",
                                      "1.23456789E7", "100.0", "-3.0"});
    CHECK_EQ(xs[0].second.number, 5.0);
    CHECK_EQ(xs[4].second.number, 0.0001);
    // Large integers go through double as well.
    auto big = json_fields(R"({"id":12345678901234567890})");
    CHECK_EQ(big[0].second.text, "1.2345678901234567E19");
  }

  TEST_CASE("§2.4 JSON strings are taken verbatim, escapes decoded") {
    auto xs = json_fields(
      R"({"t":"a\"b\\c\/d\n\u00e9\ud83d\ude00","u":"","v":"\u0000"})");
    REQUIRE_EQ(xs.size(), 3u);
    CHECK_EQ(xs[0].second.text, "a\"b\\c/d\n\xC3\xA9\xF0\x9F\x98\x80");
    CHECK_EQ(xs[1].second.text, "");
    CHECK(xs[1].second.type == body_value::kind::string);
    CHECK_EQ(xs[2].second.text, "\0"s);
    // Raw UTF-8 is fine too.
    CHECK_EQ(json_fields("{\"t\":\"\xC3\xA9\"}")[0].second.text, "\xC3\xA9");
  }

  TEST_CASE("§2.4 nested JSON objects are flattened into dotted keys") {
    using kind = body_value::kind;
    auto xs = json_fields(R"({"a":{"b":1,"c":{"d":"x"}},"e":{},"f":true})");
    REQUIRE_EQ(xs.size(), 5u);
    CHECK_EQ(xs[0].first, "a"); // the member itself, for the type check
    CHECK(xs[0].second.type == kind::object);
    CHECK_FALSE(xs[0].second.nested);
    CHECK_EQ(xs[1].first, "a.b");
    CHECK_EQ(xs[1].second.text, "1.0");
    CHECK(xs[1].second.nested);
    CHECK_EQ(xs[2].first, "a.c.d");
    CHECK_EQ(xs[2].second.text, "x");
    CHECK_EQ(xs[3].first, "e");
    CHECK(xs[3].second.type == kind::object);
    CHECK_EQ(xs[4].first, "f");
    CHECK_FALSE(xs[4].second.nested);
  }

  TEST_CASE("§2.4 JSON arrays: the member, then each element at `key.`") {
    using kind = body_value::kind;
    auto xs = json_fields(
      R"({"tags" : [ 1, "a\"", true, null, [2], {"k": 3} ]})");
    REQUIRE_EQ(xs.size(), 6u);
    CHECK_EQ(xs[0].first, "tags");
    CHECK(xs[0].second.type == kind::other);
    CHECK_EQ(xs[0].second.text, R"([1.0,"a\"",true,null,[2.0],{"k":3.0}])");
    // Elements: no dot is added after a path that ends in one; nulls vanish.
    const char* keys[] = {"tags.", "tags.", "tags.", "tags.", "tags.k"};
    const char* texts[] = {"1.0", "a\"", "true", "2.0", "3.0"};
    for (std::size_t i = 1; i < xs.size(); ++i) {
      CHECK_EQ(xs[i].first, keys[i - 1]);
      CHECK_EQ(xs[i].second.text, texts[i - 1]);
      CHECK(xs[i].second.nested);
    }
    CHECK_EQ(json_fields(R"({"e":[]})")[0].second.text, "[]");
    CHECK_EQ(json_fields(R"({"e":[]})").size(), 1u);
  }

  TEST_CASE("§2.4 duplicate JSON keys: one member, last value, first place") {
    CHECK_FALSE(model::json::parse_body(R"({"title":"a","title":"b"})"));
    auto xs = json_fields(R"({"title":null,"x":1,"title":"b"})");
    REQUIRE_EQ(xs.size(), 2u);
    CHECK_EQ(xs[0].first, "title");
    CHECK_EQ(xs[0].second.text, "b");
    CHECK_EQ(xs[1].first, "x");
    xs = json_fields(R"({"t":{"a":1,"b":2,"a":3}})");
    REQUIRE_EQ(xs.size(), 3u);
    CHECK_EQ(xs[1].first, "t.a");
    CHECK_EQ(xs[1].second.text, "3.0");
    CHECK_EQ(xs[2].first, "t.b");
  }

  TEST_CASE("§2.4 an empty or blank JSON body has no fields") {
    CHECK(json_fields("").empty());
    CHECK(json_fields(" \r\n\t ").empty());
    CHECK(json_fields("{}").empty());
    CHECK(json_fields(" { } \n").empty());
  }

  TEST_CASE("§2.4 invalid JSON or a non-object is rejected") {
    using model::json::parse_body;
    for (auto body :
         {R"({"title":})", R"({"title":"x")", R"({"title":"x"} x)",
          R"({"a":1}{"b":2})", R"({title:"x"})", R"({'t':'x'})", R"({"a":1,})",
          R"({"a":01})", R"({"a":NaN})", R"({"a":1} // c)", "{\"a\":\"x\ty\"}",
          "[]", "[{}]", R"("x")", "5", "true", "null", "}", "{"}) {
      INFO("body: ", body);
      CHECK_FALSE(parse_body(body).has_value());
    }
    // A NUL byte after the object is trailing garbage too.
    CHECK_FALSE(parse_body("{\"a\":1}\0"s).has_value());
    CHECK_FALSE(parse_body("{\"a\":1}\0{"s).has_value());
  }

  TEST_CASE("§2.4 JSON with invalid UTF-8 is rejected") {
    using model::json::parse_body;
    CHECK_FALSE(parse_body("{\"t\":\"\xFF\"}").has_value());
    CHECK_FALSE(parse_body("{\"t\":\"\xC3\"}").has_value());
    CHECK_FALSE(parse_body("{\"t\":\"\xC0\xAF\"}").has_value());
    CHECK_FALSE(parse_body("{\"\xFE\":1}").has_value());
    // Lone surrogate escapes would decode to invalid UTF-8.
    CHECK_FALSE(parse_body(R"({"t":"\udc00"})").has_value());
    CHECK_FALSE(parse_body(R"({"t":"\ud800"})").has_value());
    CHECK_FALSE(parse_body(R"({"t":["\udc00"]})").has_value());
  }

  TEST_CASE("§2.4 deeply nested JSON does not crash the parser") {
    using model::json::parse_body;
    constexpr std::size_t depth = 100000;
    CHECK_FALSE(parse_body(times(depth, "[")).has_value());
    CHECK_FALSE(parse_body(times(depth, "{\"a\":")).has_value());
    CHECK_FALSE(parse_body(times(depth, "[") + times(depth, "]")).has_value());
    // Valid deep nesting inside an object: flattened or kept as text.
    auto objects = times(depth, "{\"a\":") + "1" + times(depth, "}");
    auto xs = parse_body(objects);
    REQUIRE(xs.has_value());
    REQUIRE_EQ(xs->size(), 2u); // the member `a`, then its one leaf
    CHECK_EQ(xs->back().first.size(), depth * 2 - 1); // a.a...a
    CHECK_EQ(xs->back().second.text, "1.0");
    auto arrays = "{\"a\":" + times(depth, "[") + times(depth, "]") + "}";
    xs = parse_body(arrays);
    REQUIRE(xs.has_value());
    CHECK_EQ(xs->front().second.text, times(depth, "[") + times(depth, "]"));
  }

  TEST_CASE("§2.4 flattening stays linear: a huge key over many leaves") {
    // 20,000 leaves under one 100 KB key would copy 2 GB of key text; the
    // key budget rejects it like invalid JSON instead (it must be fast).
    std::string body = "{\"" + std::string(100000, 'k') + "\":{";
    for (int i = 0; i < 20000; ++i)
      body += (i ? ",\"" : "\"") + std::to_string(i) + "\":1";
    body += "}}";
    CHECK_FALSE(model::json::parse_body(body).has_value());
    // Ordinary nesting is untouched.
    auto xs = model::json::parse_body(R"({"a":{"b":{"c":true}},"d":1})");
    REQUIRE(xs.has_value());
    REQUIRE(xs->size() == 3);
    CHECK(xs->at(0).first == "a");
    CHECK(xs->at(1).first == "a.b.c");
    CHECK(xs->at(2).first == "d");
  }

  // -- XML output -------------------------------------------------------------

  TEST_CASE("§2.3 a todo renders as XML in HashMap order") {
    CHECK_EQ(model::xml::todo(make_todo(11, "my title")),
             "<todo><doneStatus>false</doneStatus><description/><id>11</id>"
             "<title>my title</title></todo>");
    CHECK_EQ(model::xml::todo(make_todo(2, "", true, "d")),
             "<todo><doneStatus>true</doneStatus><description>d</description>"
             "<id>2</id><title/></todo>");
  }

  TEST_CASE("§2.3 todo collections render as XML") {
    auto a = make_todo(1, "scan paperwork");
    auto b = make_todo(2, "x", true, "y");
    CHECK_EQ(model::xml::todos({&a, &b}),
             "<todos><todo><doneStatus>false</doneStatus><description/>"
             "<id>1</id><title>scan paperwork</title></todo><todo>"
             "<doneStatus>true</doneStatus><description>y</description>"
             "<id>2</id><title>x</title></todo></todos>");
    CHECK_EQ(model::xml::todos({}), "<todos></todos>");
  }

  TEST_CASE("§2.3 XML error bodies") {
    CHECK_EQ(model::xml::errors({"message 1", "message 2"}),
             "<errorMessages><errorMessage>message 1</errorMessage>"
             "<errorMessage>message 2</errorMessage></errorMessages>");
    CHECK_EQ(model::xml::errors({"id == 5 & <x>"}),
             "<errorMessages><errorMessage>id == 5 &amp; &lt;x&gt;"
             "</errorMessage></errorMessages>");
  }

  TEST_CASE("§4.2 the secret note renders as XML") {
    CHECK_EQ(model::xml::note("hello"),
             "<secretnote><note>hello</note></secretnote>");
    CHECK_EQ(model::xml::note(""), "<secretnote><note/></secretnote>");
  }

  TEST_CASE("§2.3 XML text is escaped") {
    CHECK_EQ(model::xml::escape(R"(a&b<c>d"e'f)"),
             "a&amp;b&lt;c&gt;d&quot;e&apos;f");
    CHECK_EQ(model::xml::escape("\xC3\xA9/=\t\n"), "\xC3\xA9/=\t\n");
    CHECK_EQ(model::xml::escape("a\x01\x1f"
                                "b"),
             "a&#x1;&#x1f;b");
    CHECK_EQ(model::xml::todo(make_todo(1, "<b>&", false, "'\"")),
             "<todo><doneStatus>false</doneStatus><description>&apos;&quot;"
             "</description><id>1</id><title>&lt;b&gt;&amp;</title></todo>");
  }

  // -- XML input --------------------------------------------------------------

  TEST_CASE("§2.4 an XML entity root's children are the fields") {
    auto xs = xml_fields("<todo><title>my title</title>"
                         "<doneStatus>TRUE</doneStatus>"
                         "<description>5</description></todo>");
    REQUIRE_EQ(xs.size(), 3u);
    CHECK_EQ(xs[0].first, "title");
    CHECK(xs[0].second.type == body_value::kind::string);
    CHECK_EQ(xs[0].second.text, "my title");
    CHECK_EQ(xs[1].first, "doneStatus");
    CHECK(xs[1].second.type == body_value::kind::boolean);
    CHECK_EQ(xs[1].second.boolean, true);
    CHECK_EQ(xs[1].second.text, "true");
    CHECK_EQ(xs[2].first, "description");
    CHECK(xs[2].second.type == body_value::kind::number);
    CHECK_EQ(xs[2].second.text, "5.0");
    CHECK_EQ(xs[2].second.number, 5.0);
  }

  TEST_CASE("§2.4 XML text is typed like org.json") {
    auto xs = xml_fields(
      "<todo><a>false</a><b>fAlSe</b><c>null</c><d>-1.5e3</d><e>12abc</e>"
      "<f/><g></g><h>-</h><i>1.</i><j>0.0001</j><k>1e7</k><l>+5</l>"
      "<m>truex</m></todo>");
    REQUIRE_EQ(xs.size(), 13u);
    CHECK(xs[0].second.type == body_value::kind::boolean);
    CHECK_EQ(xs[0].second.boolean, false);
    CHECK_EQ(xs[1].second.text, "false");
    CHECK(xs[2].second.type == body_value::kind::null);
    CHECK(xs[3].second.type == body_value::kind::number);
    CHECK_EQ(xs[3].second.text, "-1500.0");
    CHECK(xs[4].second.type == body_value::kind::string);
    CHECK_EQ(xs[4].second.text, "12abc");
    CHECK(xs[5].second.type == body_value::kind::string);
    CHECK_EQ(xs[5].second.text, "");
    CHECK(xs[6].second.type == body_value::kind::string);
    CHECK_EQ(xs[6].second.text, "");
    CHECK(xs[7].second.type == body_value::kind::string);
    CHECK(xs[8].second.type == body_value::kind::string);
    CHECK_EQ(xs[9].second.text, "1.0E-4");
    CHECK_EQ(xs[10].second.text, "1.0E7");
    CHECK(xs[11].second.type == body_value::kind::string);
    CHECK(xs[12].second.type == body_value::kind::string);
  }

  TEST_CASE("§2.4 other XML roots prefix their children's keys") {
    auto xs = xml_fields("<todos><title>x</title><doneStatus>true</doneStatus>"
                         "</todos>");
    REQUIRE_EQ(xs.size(), 3u);
    CHECK_EQ(xs[0].first, "todos");
    CHECK(xs[0].second.type == body_value::kind::object);
    CHECK_EQ(xs[1].first, "todos.title");
    CHECK_EQ(xs[1].second.text, "x");
    CHECK(xs[1].second.nested);
    CHECK_EQ(xs[2].first, "todos.doneStatus");
    // A root with text only is one field named like the root.
    xs = xml_fields("<title>hello</title>");
    REQUIRE_EQ(xs.size(), 1u);
    CHECK_EQ(xs[0].first, "title");
    CHECK_EQ(xs[0].second.text, "hello");
    // The entity name is the caller's.
    auto note = model::xml::
      parse_body("<secretnote><note>hello</note></secretnote>", "secretnote");
    REQUIRE(note.ok);
    REQUIRE_EQ(note.fields.size(), 1u);
    CHECK_EQ(note.fields[0].first, "note");
    CHECK_EQ(note.fields[0].second.text, "hello");
  }

  TEST_CASE("§2.4 nested XML elements and attributes become dotted keys") {
    auto xs = xml_fields("<todo><a><b>1</b><c>x</c></a>"
                         "<title lang=\"en\">t</title></todo>");
    // Each element with children or attributes is a member of its own
    // (an object, for the type check), followed by its nested entries.
    REQUIRE_EQ(xs.size(), 6u);
    CHECK_EQ(xs[0].first, "a");
    CHECK(xs[0].second.type == body_value::kind::object);
    CHECK_EQ(xs[1].first, "a.b");
    CHECK_EQ(xs[1].second.text, "1.0");
    CHECK(xs[1].second.nested);
    CHECK_EQ(xs[2].first, "a.c");
    CHECK_EQ(xs[3].first, "title");
    CHECK(xs[3].second.type == body_value::kind::object);
    CHECK_EQ(xs[4].first, "title.lang");
    CHECK_EQ(xs[4].second.text, "en");
    CHECK_EQ(xs[5].first, "title.content");
    CHECK_EQ(xs[5].second.text, "t");
    CHECK(xs[5].second.nested);
  }

  TEST_CASE("§2.4 XML escapes, CDATA and white space are decoded") {
    auto xs = xml_fields(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<todo>\n  <!-- comment -->\n"
      "  <title> a &amp; b &lt;c&gt; &quot;&apos; &#65;&#x42; </title>\n"
      "  <description><![CDATA[<x & y>]]></description>\n"
      "  <doneStatus>\n    true\n  </doneStatus>\n</todo>\n");
    REQUIRE_EQ(xs.size(), 3u);
    CHECK_EQ(xs[0].second.text, "a & b <c> \"' AB");
    CHECK_EQ(xs[1].second.text, "<x & y>");
    CHECK(xs[2].second.type == body_value::kind::boolean);
    CHECK_EQ(xs[2].second.boolean, true);
  }

  TEST_CASE("§2.4 an empty XML entity or body has no fields") {
    CHECK(xml_fields("<todo/>").empty());
    CHECK(xml_fields("<todo></todo>").empty());
    CHECK(xml_fields("").empty());
    CHECK(xml_fields("  \n").empty());
    auto xs = xml_fields("<todo><title/></todo>");
    REQUIRE_EQ(xs.size(), 1u);
    CHECK(xs[0].second.type == body_value::kind::string);
    CHECK_EQ(xs[0].second.text, "");
  }

  TEST_CASE("§2.4 invalid XML is rejected with the parser's description") {
    auto res = model::xml::parse_body("<todo><title>x</titl></todo>", "todo");
    CHECK_FALSE(res.ok);
    CHECK_EQ(res.error, "Start-end tags mismatch at 16");
    res = model::xml::parse_body("<todo><title>x</title>", "todo");
    CHECK_FALSE(res.ok);
    CHECK_EQ(res.error, "Start-end tags mismatch at 21");
    res = model::xml::parse_body("{\"title\":\"x\"}", "todo");
    CHECK_FALSE(res.ok);
    CHECK_EQ(res.error, "No document element found at 13");
    res = model::xml::parse_body("<todo><title a=x>y</title></todo>", "todo");
    CHECK_FALSE(res.ok);
    CHECK_EQ(res.error, "Error parsing element attribute at 15");
    res = model::xml::parse_body("<todo><title>\xFF</title></todo>", "todo");
    CHECK_FALSE(res.ok);
    CHECK_EQ(res.error, "Invalid UTF-8 in document");
  }

  TEST_CASE("§2.4 XML DOCTYPEs and entity declarations are rejected") {
    const char* billion_laughs
      = "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE lolz [\n"
        " <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol1 "
        "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        " <!ENTITY lol2 "
        "\"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
        "]>\n"
        "<todo><title>&lol2;</title></todo>";
    auto res = model::xml::parse_body(billion_laughs, "todo");
    CHECK_FALSE(res.ok);
    CHECK_EQ(res.error, "DOCTYPE is not allowed");
    CHECK(res.fields.empty());
    const char* xxe = "<!DOCTYPE todo [<!ENTITY xxe SYSTEM "
                      "\"file:///etc/passwd\">]><todo><title>&xxe;</title>"
                      "</todo>";
    res = model::xml::parse_body(xxe, "todo");
    CHECK_FALSE(res.ok);
    CHECK_EQ(res.error, "DOCTYPE is not allowed");
    res = model::xml::parse_body("<!DOCTYPE todo><todo/>", "todo");
    CHECK_FALSE(res.ok);
    // Undeclared entities are never expanded.
    auto xs = xml_fields("<todo><title>&lol;</title></todo>");
    REQUIRE_EQ(xs.size(), 1u);
    CHECK_EQ(xs[0].second.text, "&lol;");
  }

  TEST_CASE("§2.4 XML flattening stays bounded: a long name over many "
            "children") {
    // 20,000 children under one 100 KB element name would copy 2 GB of key
    // text; the key budget rejects the document instead.
    std::string name(100000, 'k');
    std::string body = "<todo><" + name + ">";
    for (int i = 0; i < 20000; ++i)
      body += "<x>1</x>";
    body += "</" + name + "></todo>";
    auto res = model::xml::parse_body(body, "todo");
    CHECK_FALSE(res.ok);
    CHECK(res.fields.empty());
    CHECK_FALSE(res.error.empty());
  }

  TEST_CASE("§2.4 deeply nested XML does not crash the parser") {
    constexpr std::size_t depth = 100000;
    auto res = model::xml::parse_body(times(depth, "<a>"), "todo");
    CHECK_FALSE(res.ok);
    // Valid but hostile: its dotted keys would total depth² bytes, over the
    // key budget, so it is rejected instead of flattened.
    auto valid = "<todo>" + times(depth, "<a>") + "x" + times(depth, "</a>")
                 + "</todo>";
    res = model::xml::parse_body(valid, "todo");
    CHECK_FALSE(res.ok);
    // Moderate nesting is flattened as usual.
    valid = "<todo>" + times(50, "<a>") + "x" + times(50, "</a>") + "</todo>";
    res = model::xml::parse_body(valid, "todo");
    REQUIRE(res.ok);
    REQUIRE_EQ(res.fields.size(), 2u); // the member `a`, then its leaf
    CHECK_EQ(res.fields[1].first.size(), 50u * 2 - 1);
    CHECK_EQ(res.fields[1].second.text, "x");
  }

} // TEST_SUITE
