// Tier 3: GET /health on the real server, the path a load balancer checks:
// 200 while the node accepts requests, 503 once it drains; an operator path
// that credits no challenge and is counted like any other request.

#include "support/server_fixture.hpp"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <string>

namespace {

// How many challenges GET /challenges reports as done.
int done_count(walk::client& c) {
  auto r = c.call("GET", "/challenges", {{"Accept", "application/json"}});
  rapidjson::Document doc;
  doc.Parse(r.body.c_str());
  REQUIRE(doc.IsObject());
  REQUIRE(doc.HasMember("challenges"));
  int n = 0;
  for (auto& x : doc["challenges"].GetArray())
    n += x["status"].GetBool() ? 1 : 0;
  return n;
}

// The value of `challenge_server_http_requests_total{group,status}`.
double requests(walk::client& c, const std::string& group, int status) {
  auto r = c.call("GET", "/metrics");
  REQUIRE(r.status == 200);
  auto key = "challenge_server_http_requests_total{group=\"" + group
             + "\",status=\"" + std::to_string(status) + "\"} ";
  auto at = r.body.find(key);
  return at == std::string::npos ? 0.0
                                 : std::stod(r.body.substr(at + key.size()));
}

} // namespace

TEST_SUITE("http.health") {
  TEST_CASE("GET /health answers 200 and credits no challenge") {
    // Single-user mode: every request is the player's, so a path that
    // credited anything would show in GET /challenges.
    test::running_server srv{
      test::options(model::user_mode::single_user, false)};
    auto c = srv.make_client();
    done_count(c); // credits GET /challenges itself
    auto before = done_count(c);
    auto r = c.call("GET", "/health");
    CHECK(r.status == 200);
    CHECK(r.body == R"({"status":"ok"})");
    CHECK(r.header("Content-Type") == "application/json");
    CHECK(r.header("Cache-Control") == "no-store");
    auto head = c.call("HEAD", "/health");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(done_count(c) == before);
    // Other methods are not the health check: the site's 404.
    CHECK(
      c.call("POST", "/health", {{"Content-Type", "text/plain"}}, "x").status
      == 404);
  }

  TEST_CASE("GET /health is counted like other requests") {
    test::running_server srv{
      test::options(model::user_mode::multi_user, false)};
    auto c = srv.make_client();
    auto before = requests(c, "other", 200); // counts this scrape next time
    for (int i = 0; i < 3; ++i)
      REQUIRE(c.call("GET", "/health").status == 200);
    // 3 health checks and the first scrape.
    CHECK(requests(c, "other", 200) == before + 4);
  }

  TEST_CASE("GET /health answers 503 once the node drains") {
    test::running_server srv{
      test::options(model::user_mode::multi_user, false)};
    auto c = srv.make_client();
    REQUIRE(c.call("GET", "/health").status == 200);
    srv.app().drain();
    auto r = c.call("GET", "/health");
    CHECK(r.status == 503);
    CHECK(r.body == R"({"status":"stopping"})");
    CHECK(c.call("HEAD", "/health").status == 503);
    // The node still answers everything else while it drains.
    CHECK(c.call("GET", "/todos").status == 200);
    auto created = c.call("POST", "/challenger");
    CHECK(created.status == 201);
    CHECK(requests(c, "other", 503) == 2);
  }
}
