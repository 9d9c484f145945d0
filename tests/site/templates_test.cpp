// The template engine of the pages (site/templates): escaping by default,
// raw insertion only when a template asks for it, and loud failures for
// mistakes. Every embedded template renders with the values its page sets
// (the page tests in pages_test.cpp render each one).

#include "gui/assets.hpp"
#include "site/templates.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using site::templates::render_text;
using site::templates::values;

TEST_SUITE("http.templates") {
  TEST_CASE("{{name}} escapes, {{{name}}} does not") {
    values xs;
    xs.set("x", "<b>\"it's\" & </b>");
    CHECK(render_text("a {{x}} b", xs)
          == "a &lt;b&gt;&quot;it&#39;s&quot; &amp; &lt;/b&gt; b");
    CHECK(render_text("{{{x}}}", xs) == "<b>\"it's\" & </b>");
  }

  TEST_CASE("values are inserted once, never re-read as template text") {
    values xs;
    xs.set("x", "{{y}}");
    CHECK(render_text("{{x}}", xs) == "{{y}}");
  }

  TEST_CASE("numbers, neighbours and text without tags") {
    values xs;
    xs.set("n", 42LL).set("m", "z");
    CHECK(render_text("{{n}}{{m}}", xs) == "42z");
    CHECK(render_text("no tags }} here {", xs) == "no tags }} here {");
  }

  TEST_CASE("mistakes throw") {
    values xs;
    CHECK_THROWS_AS(render_text("{{missing}}", xs), std::logic_error);
    CHECK_THROWS_AS(render_text("{{open", xs), std::logic_error);
    CHECK_THROWS_AS(site::templates::render("no_such_template", xs),
                    std::logic_error);
  }

  TEST_CASE("script_json keeps JSON inert inside <script>") {
    CHECK(site::templates::script_json(R"({"t":"</script><b>&"})")
          == R"({"t":"\u003c/script\u003e\u003cb\u003e\u0026"})");
  }

  TEST_CASE("every template and static file is embedded") {
    for (auto name : {"templates/layout.html", "templates/challenges.html",
                      "templates/docs.html", "static/gui.css",
                      "static/challengerui.js", "static/swagger-init.js"}) {
      CAPTURE(name);
      auto x = gui::asset(name);
      REQUIRE(x.has_value());
      CHECK_FALSE(x->empty());
    }
    CHECK_FALSE(gui::asset("templates/nope.html").has_value());
    CHECK(gui::asset_names().size() >= 24);
  }
}
