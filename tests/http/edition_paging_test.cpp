// Tier 3: filters, _sortBy and paging of GET /api/todos in the 2026 edition
// over real HTTP (BEHAVIOUR §11.1), and a classic server that ignores them.

#include "support/server_fixture.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

app::options options_for(model::edition_id edition) {
  auto opts = test::options(model::user_mode::single_user, false);
  opts.api.edition = edition;
  return opts;
}

/// The ids of a JSON todo list, in order, as "1,2,3".
std::string ids_of(const std::string& body) {
  std::string out;
  std::size_t pos = 0;
  while ((pos = body.find("\"id\":", pos)) != std::string::npos) {
    pos += 5;
    auto end = body.find_first_not_of("0123456789", pos);
    if (!out.empty())
      out += ',';
    out += body.substr(pos, end - pos);
  }
  return out;
}

const walk::header_pairs json_accept{{"Accept", "application/json"}};
const walk::header_pairs json_post{{"Accept", "application/json"},
                                   {"Content-Type", "application/json"}};

} // namespace

TEST_SUITE("http.edition_paging") {
  TEST_CASE("§11.1 2026: _limit, _offset, _sortBy and filters on GET /todos") {
    test::running_server srv{options_for(model::edition_id::y2026)};
    auto c = srv.make_client();
    auto all = c.call("GET", "/api/todos", json_accept);
    REQUIRE(all.status == 200);
    CHECK(all.header("Accept-Query")
          == "application/x-www-form-urlencoded, application/jsonpath, "
             "application/vnd.thingifier.query+json");
    CHECK(ids_of(all.body) == "1,2,3,4,5,6,7,8,9,10");
    CHECK(ids_of(c.call("GET", "/api/todos?_limit=3", json_accept).body)
          == "1,2,3");
    CHECK(
      ids_of(c.call("GET", "/api/todos?_limit=5&_offset=5", json_accept).body)
      == "6,7,8,9,10");
    CHECK(
      ids_of(c.call("GET", "/api/todos?_sortBy=-id&_limit=2", json_accept).body)
      == "10,9");
    CHECK(ids_of(c.call("GET", "/todos?id%3E7&_sortBy=-id", json_accept).body)
          == "10,9,8");
    // Two more todos: the default page still holds 10.
    for (int i = 0; i < 2; ++i)
      REQUIRE(c.call("POST", "/api/todos", json_post, R"({"title":"x"})").status
              == 201);
    CHECK(ids_of(c.call("GET", "/api/todos", json_accept).body)
          == "1,2,3,4,5,6,7,8,9,10");
    CHECK(ids_of(c.call("GET", "/api/todos?_offset=10", json_accept).body)
          == "11,12");
  }

  TEST_CASE("§11.1 2026: bad paging values are 400 with the original's text") {
    test::running_server srv{options_for(model::edition_id::y2026)};
    auto c = srv.make_client();
    auto high = c.call("GET", "/api/todos?_limit=21", json_accept);
    CHECK(high.status == 400);
    CHECK(high.body
          == "{\"errorMessages\":[\"_limit must be no more than 20\"]}");
    auto bad = c.call("GET", "/api/todos?_limit=abc", json_accept);
    CHECK(bad.status == 400);
    CHECK(bad.body
          == "{\"errorMessages\":[\"_limit must be a non-negative integer\"]}");
    auto filter = c.call("GET", "/api/todos?doneStatus=maybe", json_accept);
    CHECK(filter.status == 400);
    CHECK(filter.body.find("maybe is not boolean") != std::string::npos);
    // The server keeps answering.
    CHECK(c.call("GET", "/api/todos", json_accept).status == 200);
  }

  TEST_CASE("§11.5 the QUERY method passes the transport") {
    // httplib 0.11.4 refuses methods it does not know with 400: QUERY is
    // handed to it under another name and reaches the API as QUERY.
    test::running_server srv{options_for(model::edition_id::y2026)};
    auto c = srv.make_client();
    walk::header_pairs form{{"Accept", "application/json"},
                            {"Content-Type",
                             "application/x-www-form-urlencoded"}};
    auto r = c.call("QUERY", "/api/todos?_sortBy=-id", form, "id<3");
    CHECK(r.status == 200);
    CHECK(ids_of(r.body) == "2,1");
    // The connection serves the next request as usual.
    CHECK(c.call("GET", "/api/todos?id=1", json_accept).status == 200);
    test::running_server classic{options_for(model::edition_id::classic)};
    auto k = classic.make_client();
    auto spark = k.call("QUERY", "/todos", form, "id<3");
    CHECK(spark.status == 404);
    CHECK(spark.body.find("404 Not found") != std::string::npos);
  }

  TEST_CASE("§11.1 classic: the paging names are unknown fields, ignored") {
    test::running_server srv{options_for(model::edition_id::classic)};
    auto c = srv.make_client();
    auto r = c.call("GET", "/todos?_limit=3", json_accept);
    CHECK(r.status == 200);
    CHECK(ids_of(r.body) == "1,2,3,4,5,6,7,8,9,10");
    CHECK_FALSE(r.has_header("Accept-Query"));
  }
}
