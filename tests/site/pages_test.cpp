// Tier 3: the pages of the site (BEHAVIOUR §6) over real HTTP against the
// real server: status codes, content types, escaping of user data, the
// database cookie and its redirect, the HTML 404 page, the documentation,
// and that looking at a page never credits a challenge.

#include "gui/assets.hpp"
#include "model/challenge.hpp"
#include "model/routes.hpp"
#include "site/docs.hpp"
#include "support/server_fixture.hpp"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace {

constexpr auto html_type = "text/html";
constexpr auto hostile = "<script>alert(1)</script>";
constexpr auto hostile_escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

app::options single_user() {
  return test::options(model::user_mode::single_user, false);
}

app::options multi_user() {
  return test::options(model::user_mode::multi_user, false);
}

// The names of the challenges GET /challenges reports as done (the GET
// itself credits GET_CHALLENGES).
std::vector<std::string> done(walk::client& c, const std::string& guid = {}) {
  walk::header_pairs hs{{"Accept", "application/json"}};
  if (!guid.empty())
    hs.emplace_back("X-CHALLENGER", guid);
  auto r = c.call("GET", "/challenges", hs);
  rapidjson::Document doc;
  doc.Parse(r.body.c_str());
  std::vector<std::string> result;
  for (auto& x : doc["challenges"].GetArray())
    if (x["status"].GetBool())
      result.emplace_back(x["name"].GetString());
  return result;
}

// Creates a todo with `title` in the single player's (or `guid`'s) list.
std::string create_todo(walk::client& c, const std::string& title,
                        const std::string& guid = {}) {
  walk::header_pairs hs{{"Content-Type", "application/json"}};
  if (!guid.empty())
    hs.emplace_back("X-CHALLENGER", guid);
  auto r = c.call("POST", "/todos", hs, "{\"title\":\"" + title + "\"}");
  REQUIRE(r.status == 201);
  rapidjson::Document doc;
  doc.Parse(r.body.c_str());
  return std::to_string(doc["id"].GetInt64());
}

} // namespace

TEST_SUITE("http.pages") {
  SCENARIO("the pages answer with HTML, the static files with their types") {
    test::running_server srv{single_user()};
    auto c = srv.make_client();
    for (auto target : {"/", "/gui/challenges", "/gui/challenges/whoever",
                        "/gui", "/gui/entities", "/gui/instances?entity=todo",
                        "/gui/instance?entity=todo&id=1", "/docs"}) {
      CAPTURE(target);
      auto r = c.call("GET", target);
      CHECK(r.status == 200);
      CHECK(r.header("Content-Type") == html_type);
      CHECK(r.header("Access-Control-Allow-Origin") == "*");
      CHECK(contains(r.body, "<!DOCTYPE html>"));
    }
    auto css = c.call("GET", "/css/gui.css");
    CHECK(css.status == 200);
    CHECK(css.header("Content-Type") == "text/css");
    // Static files were served before the original's filters: no CORS.
    CHECK_FALSE(css.has_header("Access-Control-Allow-Origin"));
    auto js = c.call("GET", "/js/challengerui.js");
    CHECK(js.status == 200);
    CHECK(js.header("Content-Type") == "application/javascript");
    CHECK_FALSE(js.has_header("Access-Control-Allow-Origin"));
    CHECK(js.body == std::string{*gui::asset("static/challengerui.js")});
    for (auto target :
         {"/css/nope.css", "/js/gui.css", "/js/../x.js",
          "/gui/instances?entity=bob", "/gui/instance?entity=todo&id=999"})
      CHECK(c.call("GET", target).status == 404);
    // HEAD answers like GET without a body; other methods find no page.
    auto head = c.call("HEAD", "/");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(c.call("POST", "/", {{"Content-Length", "0"}}).status == 404);
  }

  SCENARIO("the home page shows curl commands for the address used") {
    test::running_server srv{multi_user()};
    auto c = srv.make_client();
    auto r = c.call("GET", "/", {{"Host", "api.example:8080"}});
    CHECK(contains(r.body, "multi-user"));
    CHECK(
      contains(r.body, "curl -i -X POST http://api.example:8080/challenger"));
    // A hostile Host header cannot inject markup.
    auto evil = c.call("GET", "/", {{"Host", "x\"><script>y"}});
    CHECK_FALSE(contains(evil.body, "<script>y"));
  }

  SCENARIO("any 404 asked for as HTML is the HTML page") {
    test::running_server srv{single_user()};
    auto c = srv.make_client();
    for (auto target :
         {"/no/such/page", "/gui/404", "/gui/404/todos/x", "/todo"}) {
      CAPTURE(target);
      auto r = c.call("GET", target, {{"Accept", "text/html,*/*"}});
      CHECK(r.status == 404);
      CHECK(r.header("Content-Type") == html_type);
      CHECK(contains(r.body, "<h1>Page Not Found</h1>"));
    }
    // Not asked for as HTML: the API's empty or JSON 404 (BEHAVIOUR §2.8).
    CHECK(c.call("GET", "/no/such/page", {{"Accept", "application/json"}})
            .body.empty());
  }

  SCENARIO("a hostile todo title is shown as text on every page") {
    test::running_server srv{single_user()};
    auto c = srv.make_client();
    auto id = create_todo(c, hostile);
    auto list = c.call("GET", "/gui/instances?entity=todo");
    CHECK(contains(list.body, hostile_escaped));
    CHECK_FALSE(contains(list.body, hostile));
    auto one = c.call("GET", "/gui/instance?entity=todo&id=" + id);
    CHECK(one.status == 200);
    CHECK(contains(one.body, hostile_escaped));
    CHECK_FALSE(contains(one.body, hostile));
    // The progress page embeds the database as JSON inside a script
    // element: `<` is written as \u003c there.
    auto progress = c.call("GET", "/gui/challenges");
    CHECK(contains(progress.body, "\\u003cscript\\u003ealert(1)"));
    CHECK_FALSE(contains(progress.body, hostile));
  }

  SCENARIO("looking at pages credits no challenge") {
    test::running_server srv{single_user()};
    auto c = srv.make_client();
    for (auto target :
         {"/gui/challenges",
          "/gui/challenges/rest-api-challenges-single-player",
          "/gui/challenges/rest-api-challenges-single-player/data",
          "/gui/entities", "/gui/instances?entity=todo",
          "/gui/instance?entity=todo&id=1"})
      REQUIRE(c.call("GET", target).status == 200);
    CHECK(done(c) == std::vector<std::string>{"GET /challenges (200)"});
  }

  SCENARIO("single-user: the progress page sets the database cookie") {
    test::running_server srv{single_user()};
    auto c = srv.make_client();
    c.call("POST", "/challenger", {{"Content-Length", "0"}});
    auto r = c.call("GET", "/gui/challenges");
    CHECK(r.status == 200);
    CHECK(r.header("Set-Cookie")
          == "X-THINGIFIER-DATABASE-NAME=rest-api-challenges-single-player; "
             "Max-Age=31536000; Path=/; SameSite=Lax");
    CHECK(r.header("Cache-Control") == "no-store");
    // Every challenge of the configuration, the one done marked so.
    auto set = model::challenge_set::for_config(single_user().api);
    for (auto x : set.items())
      CHECK(contains(r.body, "data-challenge=\""
                               + std::string{model::info(x).key_name} + "\""));
    CHECK(contains(r.body, "<tr class=\"statustrue\" "
                           "data-challenge=\"CREATE_NEW_CHALLENGER\">"));
    CHECK(contains(r.body, "<span id=\"count-done\">1</span>"));
    WHEN("the cookie comes back") {
      auto again = c.call("GET", "/gui/challenges",
                          {{"Cookie", "a=b; X-THINGIFIER-DATABASE-NAME="
                                      "rest-api-challenges-single-player"}});
      THEN("/gui/challenges redirects to the GUID's page") {
        CHECK(again.status == 302);
        CHECK(again.header("Location")
              == "/gui/challenges/rest-api-challenges-single-player");
      }
    }
    WHEN("the cookie holds something else") {
      auto evil = c.call("GET", "/gui/challenges",
                         {{"Cookie", "X-THINGIFIER-DATABASE-NAME="
                                     "../x<script>"}});
      THEN("only GUID characters reach the redirect") {
        CHECK(evil.status == 302);
        CHECK(evil.header("Location") == "/gui/challenges/xscript");
      }
    }
  }

  TEST_CASE("BEHAVIOUR 6.1 --gui-keep-alive: a known challenger's page polls "
            "its challenger every 5 minutes") {
    // The original's -guikeepalive (thingifier 6e296c47, challenger/.../gui/
    // ChallengerWebGUI.java:517-533): a GET /challenger/<guid> every
    // 300000 ms from the progress page of a known challenger.
    auto keep_data = [](app::options opts, bool create) {
      test::running_server srv{opts};
      auto c = srv.make_client();
      std::string guid = "0f8fad5b-d9cb-469f-a165-70867728950e";
      if (create) {
        auto created = c.call("POST", "/challenger", {{"Content-Length", "0"}});
        REQUIRE(created.status == 201);
        guid = created.header("X-CHALLENGER");
      }
      auto data = c.call("GET", "/gui/challenges/" + guid + "/data");
      rapidjson::Document doc;
      doc.Parse(data.body.c_str());
      REQUIRE(doc.IsObject());
      auto keep = doc["keepAlive"].GetBool();
      // The page embeds the same data.
      auto page = c.call("GET", "/gui/challenges/" + guid);
      CHECK(contains(page.body,
                     keep ? R"("keepAlive":true)" : R"("keepAlive":false)"));
      return keep;
    };
    auto opts = multi_user();
    CHECK_FALSE(keep_data(opts, true));
    opts.gui_keep_alive = true;
    CHECK(keep_data(opts, true));
    CHECK_FALSE(keep_data(opts, false)); // an unknown GUID: nothing to keep
    auto script = gui::asset("static/challengerui.js");
    REQUIRE(script.has_value());
    CHECK(contains(std::string{*script}, "KEEP_ALIVE_MS = 300000"));
    CHECK(
      contains(std::string{*script},
               "req.open('GET', '/challenger/' + encodeURIComponent(guid))"));
  }

  SCENARIO("multi-user: known and unknown challengers") {
    test::running_server srv{multi_user()};
    auto c = srv.make_client();
    GIVEN("no GUID and no cookie") {
      auto r = c.call("GET", "/gui/challenges");
      THEN("the page explains multi-user mode, with every challenge open") {
        CHECK(r.status == 200);
        CHECK(contains(r.body, "Unknown Challenger ID"));
        CHECK(contains(r.body, "Input a Challenger GUID to use"));
        CHECK(contains(r.body, "purged from the server memory after 10"));
        CHECK_FALSE(contains(r.body, "class=\"statustrue\""));
        CHECK_FALSE(r.has_header("Set-Cookie"));
      }
    }
    GIVEN("a challenger created through the API") {
      auto created = c.call("POST", "/challenger", {{"Content-Length", "0"}});
      REQUIRE(created.status == 201);
      auto guid = created.header("X-CHALLENGER");
      create_todo(c, hostile, guid);
      auto r = c.call("GET", "/gui/challenges/" + guid);
      THEN("its page shows its progress and sets the cookie") {
        CHECK(r.status == 200);
        CHECK(contains(r.body, "Progress For Challenger ID " + guid));
        CHECK(contains(r.body, "<span id=\"todo-count\">11</span>"));
        CHECK(
          r.header("Set-Cookie").rfind("X-THINGIFIER-DATABASE-NAME=" + guid, 0)
          == 0);
      }
      THEN("the data the Refresh Status button reads is JSON") {
        auto data = c.call("GET", "/gui/challenges/" + guid + "/data");
        CHECK(data.status == 200);
        CHECK(data.header("Content-Type") == "application/json");
        rapidjson::Document doc;
        doc.Parse(data.body.c_str());
        REQUIRE(doc.IsObject());
        CHECK(doc["known"].GetBool());
        CHECK(std::string{doc["guid"].GetString()} == guid);
        CHECK(doc["challengerData"]["challengeStatus"]["POST_TODOS"].GetBool());
        CHECK(doc["databaseData"]["todos"].Size() == 11);
      }
      THEN("the explorer shows its todos by query or by cookie") {
        auto by_query = c.call("GET",
                               "/gui/instances?entity=todo&database=" + guid);
        CHECK(contains(by_query.body, hostile_escaped));
        auto by_cookie = c.call("GET", "/gui/instances?entity=todo",
                                {{"Cookie",
                                  "X-THINGIFIER-DATABASE-NAME=" + guid}});
        CHECK(contains(by_cookie.body, hostile_escaped));
        // The default database is the shared, read-only seed list.
        auto shared = c.call("GET", "/gui/instances?entity=todo");
        CHECK(contains(shared.body, "__default"));
        CHECK(contains(shared.body, "<span id=\"instance-count\">10</span>"));
        CHECK_FALSE(contains(shared.body, hostile_escaped));
      }
      THEN("looking credited nothing beyond the API requests") {
        c.call("GET", "/gui/challenges/" + guid + "/data");
        auto names = done(c, guid);
        CHECK(names
              == std::vector<std::string>{"POST /challenger (201)",
                                          "GET /challenges (200)",
                                          "POST /todos (201)"});
      }
    }
    GIVEN("a GUID the server does not know") {
      auto guid = std::string{"0c0f9d4e-5a44-4c5e-9a1b-1d2a3b4c5d6e"};
      auto r = c.call("GET", "/gui/challenges/" + guid);
      THEN("the page says so and offers a restore, without a cookie") {
        CHECK(r.status == 200);
        CHECK(contains(r.body, "Unknown Challenger ID " + guid));
        CHECK(contains(r.body, "id=\"restore-local\""));
        CHECK_FALSE(r.has_header("Set-Cookie"));
        CHECK(c.call("GET", "/gui/challenges/" + guid + "/data").status == 404);
        auto db = c.call("GET", "/gui/instances?entity=todo&database=" + guid);
        CHECK(db.status == 404);
        CHECK(contains(db.body, "Unknown database"));
      }
    }
  }

  SCENARIO("the documentation is generated from the route table") {
    test::running_server srv{multi_user()};
    auto c = srv.make_client();
    auto page = c.call("GET", "/docs");
    CHECK(page.status == 200);
    CHECK(contains(page.body, "<h1>Simple Todo List</h1>"));
    CHECK(contains(page.body, "Maximum length allowed is 50"));
    CHECK(contains(page.body, "A maximum of 20 todos is allowed."));
    auto doc_res = c.call("GET", "/docs/openapi.json");
    CHECK(doc_res.status == 200);
    CHECK(doc_res.header("Content-Type") == "application/json");
    rapidjson::Document doc;
    doc.Parse(doc_res.body.c_str());
    REQUIRE(doc.IsObject());
    CHECK(std::string{doc["openapi"].GetString()} == "3.0.3");
    for (auto& route : model::route_table()) {
      auto pattern = std::string{route.pattern};
      CAPTURE(pattern);
      CHECK(contains(page.body, "<code>" + pattern + "</code>"));
      REQUIRE(doc["paths"].HasMember(pattern.c_str()));
      CHECK(doc["paths"][pattern.c_str()].HasMember("options"));
    }
    auto download = c.call("GET", "/docs/swagger");
    CHECK(download.header("Content-Type") == "application/octet-stream");
    CHECK(download.header("Content-Disposition")
          == "attachment; filename=\"Simple-Todo-List-swagger.json\"");
    CHECK(download.body == doc_res.body);
  }

  TEST_CASE("BEHAVIOUR 6.1 /robots.txt and /sitemap.xml") {
    test::running_server srv{single_user()};
    auto c = srv.make_client();
    // A static file, as the original's public/robots.txt: text/plain, no
    // CORS; it keeps crawlers off the private pages.
    auto robots = c.call("GET", "/robots.txt");
    CHECK(robots.status == 200);
    CHECK(robots.header("Content-Type") == "text/plain");
    CHECK_FALSE(robots.has_header("Access-Control-Allow-Origin"));
    CHECK(robots.body.rfind("User-agent: *\n", 0) == 0);
    for (auto line :
         {"Disallow: /gui/challenges/*\n", "Disallow: /challenger\n",
          "Disallow: /challenger/*\n", "Disallow: /secret/*\n"})
      CHECK(contains(robots.body, line));
    // A route: application/xml, with CORS; only pages we serve, at the
    // request's origin.
    auto map = c.call("GET", "/sitemap.xml", {{"Host", "example.test:8080"}});
    CHECK(map.status == 200);
    CHECK(map.header("Content-Type") == "application/xml");
    CHECK(map.header("Access-Control-Allow-Origin") == "*");
    CHECK(map.body.rfind(R"(<?xml version="1.0" encoding="utf-8"?>)", 0) == 0);
    std::vector<std::string> locs;
    for (auto at = map.body.find("<loc>"); at != std::string::npos;
         at = map.body.find("<loc>", at + 1))
      locs.push_back(
        map.body.substr(at + 5, map.body.find("</loc>", at) - at - 5));
    CHECK(locs
          == std::vector<std::string>{"http://example.test:8080",
                                      "http://example.test:8080/docs",
                                      "http://example.test:8080/gui/"
                                      "challenges"});
    for (const auto& loc : locs) {
      auto path = loc.substr(std::string{"http://example.test:8080"}.size());
      CHECK(c.call("GET", path.empty() ? "/" : path).status == 200);
    }
    CHECK(contains(map.body, "<changefreq>weekly</changefreq>"));
    CHECK(c.call("HEAD", "/sitemap.xml").status == 200);
  }

  TEST_CASE("BEHAVIOUR 6.1 the 2026 edition's sitemap lists /api/docs") {
    auto opts = single_user();
    opts.api.edition = model::edition_id::y2026;
    test::running_server srv{opts};
    auto c = srv.make_client();
    auto map = c.call("GET", "/sitemap.xml", {{"Host", "example.test"}});
    CHECK(map.status == 200);
    CHECK(contains(map.body, "<loc>http://example.test/api/docs</loc>"));
    CHECK_FALSE(contains(map.body, "<loc>http://example.test/docs</loc>"));
    CHECK(c.call("GET", "/api/docs").status == 200);
  }

  SCENARIO("Swagger UI is served from the binary") {
    test::running_server srv{single_user()};
    auto c = srv.make_client();
    auto page = c.call("GET", "/docs/swagger-ui");
    if (!gui::has_swagger_ui()) {
      CHECK(page.status == 503);
      return;
    }
    CHECK(page.status == 200);
    CHECK(contains(page.body, "/docs/swagger-ui/swagger-ui-bundle.js"));
    auto bundle = c.call("GET", "/docs/swagger-ui/swagger-ui-bundle.js");
    CHECK(bundle.status == 200);
    CHECK(bundle.header("Content-Type") == "application/javascript");
    CHECK(bundle.body.size() > 100000);
    CHECK(c.call("GET", "/docs/swagger-ui/swagger-ui.css").status == 200);
    CHECK(c.call("GET", "/docs/swagger-ui/nope.js").status == 404);
  }
}

TEST_SUITE("http.docs") {
  TEST_CASE("every operation of the route table is documented") {
    for (auto mode :
         {model::user_mode::single_user, model::user_mode::multi_user}) {
      site::site_info info;
      info.mode = mode;
      auto ops = site::docs::operations(info);
      for (auto& route : model::route_table()) {
        CAPTURE(route.pattern);
        std::size_t count = 0;
        for (auto& op : ops) {
          if (op.route != &route)
            continue;
          ++count;
          CAPTURE(op.method);
          CHECK_FALSE(op.responses.empty());
          CHECK_FALSE(op.description.empty());
          // Not the fallback for an operation without its own words.
          CHECK(op.summary != std::string{route.summary});
          CHECK(op.description.find("{limit}") == std::string::npos);
          for (auto& r : op.responses)
            CHECK(r.description.find("{max_body}") == std::string::npos);
          CHECK(op.challenger_header
                == (mode == model::user_mode::multi_user
                    && !(route.id == model::route_id::challenger
                         && op.method == "POST")));
        }
        // Each handled method plus OPTIONS (and PATCH/TRACE /heartbeat).
        auto handled = std::count(route.handled.begin(), route.handled.end(),
                                  ' ')
                       + 1;
        auto fixed = route.id == model::route_id::heartbeat ? 2 : 0;
        CHECK(count == static_cast<std::size_t>(handled + fixed + 1));
      }
    }
  }
}
