// A request's routing (effective method and matched route) is worked out
// once on the way in and carried to `respond`, which uses it as it is.

#include "support/api_fixture.hpp"

#include <doctest/doctest.h>

using test::api_fixture;
using test::make_request;

TEST_SUITE("model: routing resolved once") {
  TEST_CASE("resolve_routing records the override and the route") {
    auto req = make_request("POST", "/todos/7",
                            {{"X-HTTP-Method-Override", " delete "}});
    CHECK_FALSE(req.route.resolved);
    model::resolve_routing(req);
    REQUIRE(req.route.resolved);
    CHECK(req.route.method == "DELETE");
    REQUIRE(req.route.match.id);
    CHECK(*req.route.match.id == model::route_id::todo);
    CHECK(req.route.match.param == "7");
    auto again = model::routing_of(req);
    CHECK(again.method == "DELETE");
    CHECK(again.match.param == "7");
  }

  TEST_CASE("respond answers by the resolved route, not by matching again") {
    api_fixture f;
    auto req = make_request("GET", "/todos");
    model::resolve_routing(req);
    // A path changed after routing is not looked at again: the answer is
    // the list the resolved route names.
    req.path = "/no-such-route";
    auto res = model::respond(&f.me, req, f.ctx);
    CHECK(res.status == 200);
    CHECK(res.body.find("\"todos\"") != std::string::npos);
  }

  TEST_CASE("an unresolved request is routed by respond itself") {
    api_fixture f;
    auto res = model::respond(&f.me, make_request("GET", "/no-such-route"),
                              f.ctx);
    CHECK(res.status == 404);
    res = model::respond(&f.me, make_request("GET", "/todos"), f.ctx);
    CHECK(res.status == 200);
  }

  TEST_CASE("target_of uses the resolved method for POST /challenger") {
    model::api_config cfg;
    cfg.mode = model::user_mode::multi_user;
    auto req = make_request("GET", "/challenger",
                            {{"X-HTTP-Method-Override", "POST"}});
    model::resolve_routing(req);
    CHECK(model::target_of(req, cfg).what
          == model::session_target::kind::create);
    auto get = make_request("GET", "/challenger");
    model::resolve_routing(get);
    CHECK(model::target_of(get, cfg).what == model::session_target::kind::none);
  }
}
