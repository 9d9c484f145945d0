// Header names on the wire as the original sent them (BEHAVIOUR §3.5): its
// after-filter (thingifier 6e296c47, thingifier/.../application/
// internalhttpconversion/SparkResponseToInternalHttpResponse.java:23-38,
// through HttpHeadersBlock.java:18, which lower-cases every name) set every
// header again under its lower-cased name, and Jetty 9.4's HttpGenerator
// wrote the names of its HttpHeader enum canonically and the others as
// set. And a 204 carries no Content-Length (BEHAVIOUR §7.1). Read over raw
// sockets, since client libraries hide both.

#include "support/raw_socket.hpp"
#include "support/server_fixture.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

/// The header names of a raw response, as sent.
std::vector<std::string> names(const std::string& response) {
  std::vector<std::string> result;
  auto end = response.find("\r\n\r\n");
  auto at = response.find("\r\n");
  while (at != std::string::npos && at < end) {
    auto next = response.find("\r\n", at + 2);
    auto line = response.substr(at + 2, next - at - 2);
    result.push_back(line.substr(0, line.find(':')));
    at = next;
  }
  return result;
}

bool has(const std::vector<std::string>& xs, const std::string& x) {
  for (const auto& y : xs)
    if (y == x)
      return true;
  return false;
}

/// The value of header `name` (exact case), or "".
std::string value(const std::string& response, const std::string& name) {
  auto at = response.find("\r\n" + name + ": ");
  if (at == std::string::npos)
    return {};
  at += name.size() + 4;
  return response.substr(at, response.find("\r\n", at) - at);
}

std::string request(const std::string& head, const std::string& body = {}) {
  return head + "Host: x\r\nConnection: close\r\nContent-Length: "
         + std::to_string(body.size()) + "\r\n\r\n" + body;
}

} // namespace

TEST_SUITE("http.wire_headers") {
  TEST_CASE("BEHAVIOUR 3.5 the application's own header names are lower "
            "case, Jetty's canonical") {
    test::running_server srv{
      test::options(model::user_mode::multi_user, false)};
    auto created = test::raw_exchange(srv.port(),
                                      request("POST /challenger HTTP/1.1\r\n"));
    CHECK(test::raw_status(created) == 201);
    auto xs = names(created);
    for (const char* name :
         {"x-challenger", "Location", "access-control-allow-origin",
          "access-control-allow-headers", "access-control-allow-credentials",
          "access-control-allow-methods", "access-control-expose-headers",
          "Date", "Content-Length"}) {
      CAPTURE(name);
      CHECK(has(xs, name));
    }
    CHECK_FALSE(has(xs, "X-CHALLENGER"));
    CHECK_FALSE(has(xs, "Access-Control-Allow-Origin"));
    auto guid = value(created, "x-challenger");
    REQUIRE(guid.size() == 36);
    auto me = "X-CHALLENGER: " + guid + "\r\n";

    auto todos = test::raw_exchange(srv.port(),
                                    request("GET /todos HTTP/1.1\r\n" + me));
    CHECK(test::raw_status(todos) == 200);
    xs = names(todos);
    for (const char* name : {"Content-Type", "Content-Length", "Date",
                             "x-robots-tag", "x-challenger"}) {
      CAPTURE(name);
      CHECK(has(xs, name));
    }

    auto options = test::raw_exchange(srv.port(),
                                      request("OPTIONS /todos HTTP/1.1\r\n"
                                              + me));
    CHECK(has(names(options), "Allow"));

    auto token = test::
      raw_exchange(srv.port(),
                   request("POST /secret/token HTTP/1.1\r\n" + me
                           + "Authorization: Basic YWRtaW46cGFzc3dvcmQ=\r\n"));
    CHECK(test::raw_status(token) == 201);
    CHECK(has(names(token), "x-auth-token"));
    auto refused = test::raw_exchange(srv.port(),
                                      request(
                                        "POST /secret/token HTTP/1.1\r\n" + me
                                        + "Authorization: Basic eDp5\r\n"));
    CHECK(test::raw_status(refused) == 401);
    CHECK(has(names(refused), "WWW-Authenticate"));

    // Pages too: Set-Cookie is Jetty's, Content-Disposition is not.
    auto page = test::raw_exchange(srv.port(),
                                   request("GET /gui/challenges/" + guid
                                           + " HTTP/1.1\r\n"));
    CHECK(has(names(page), "Set-Cookie"));
    auto swagger = test::raw_exchange(srv.port(),
                                      request(
                                        "GET /docs/swagger HTTP/1.1\r\n"));
    CHECK(has(names(swagger), "content-disposition"));
  }

  TEST_CASE("BEHAVIOUR 7.1 a 204 has no Content-Length, and the connection "
            "goes on") {
    test::running_server srv{
      test::options(model::user_mode::single_user, false)};
    for (const char* method : {"GET", "HEAD", "OPTIONS"}) {
      CAPTURE(method);
      auto res = test::
        raw_exchange(srv.port(),
                     std::string{method}
                       + " /heartbeat HTTP/1.1\r\nHost: x\r\nConnection: "
                         "close\r\n\r\n");
      CHECK(test::raw_status(res) == 204);
      CHECK_FALSE(has(names(res), "Content-Length"));
    }
    // Kept alive: the answer after the 204 arrives on the same connection.
    auto both = test::
      raw_exchange(srv.port(),
                   "GET /heartbeat HTTP/1.1\r\nHost: x\r\n\r\n"
                   "GET /todos/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                   "\r\n");
    CHECK(both.rfind("HTTP/1.1 204 No Content\r\n", 0) == 0);
    CHECK(both.find("HTTP/1.1 200 OK\r\n") != std::string::npos);
    CHECK(both.find(R"("title":"scan paperwork")") != std::string::npos);
    // Other empty answers keep their Content-Length: 0.
    auto empty = test::raw_exchange(srv.port(),
                                    request("DELETE /heartbeat HTTP/1.1\r\n"));
    CHECK(test::raw_status(empty) == 405);
    CHECK(value(empty, "Content-Length") == "0");
  }
}
