// Status lines carry Jetty 9.4's reason phrases, as the original site's did
// (BEHAVIOUR §7.3): each status the server sends, provoked over a real
// socket, and its exact status line.

#include "http/status_line.hpp"
#include "support/raw_socket.hpp"
#include "support/server_fixture.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

namespace {

using namespace std::chrono_literals;

// The first line of a raw response, without its CRLF.
std::string first_line(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

std::string request(const std::string& head, const std::string& body = {}) {
  auto length = body.empty() && head.rfind("GET", 0) == 0
                  ? std::string{}
                  : "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return head + "Host: x\r\nConnection: close\r\n" + length + "\r\n" + body;
}

struct provoked {
  const char* what;
  std::string bytes;
  const char* status_line;
};

} // namespace

TEST_SUITE("http.status_line") {
  TEST_CASE("BEHAVIOUR 7.3 every status the server sends has its Jetty "
            "reason phrase") {
    auto opts = test::options(model::user_mode::single_user, false);
    opts.http.request_timeout = 1s;
    test::running_server srv{opts};
    const std::string json = "Content-Type: application/json\r\n";
    std::string many_headers;
    for (int i = 0; i < 20; ++i)
      many_headers += "X-Big-" + std::to_string(i) + ": "
                      + std::string(4000, 'a') + "\r\n";
    const provoked cases[] = {
      {"GET /todos", request("GET /todos HTTP/1.1\r\n"), "HTTP/1.1 200 OK"},
      {"POST /todos",
       request("POST /todos HTTP/1.1\r\n" + json, R"({"title":"a"})"),
       "HTTP/1.1 201 Created"},
      {"GET /heartbeat", request("GET /heartbeat HTTP/1.1\r\n"),
       "HTTP/1.1 204 No Content"},
      {"a remembered database",
       request("GET /gui/challenges HTTP/1.1\r\n"
               "Cookie: X-THINGIFIER-DATABASE-NAME="
               "somebody\r\n"),
       "HTTP/1.1 302 Found"},
      {"no request line", "garbage\r\n\r\n", "HTTP/1.1 400 Bad Request"},
      {"GET /secret/note without a token",
       request("GET /secret/note HTTP/1.1\r\n"), "HTTP/1.1 401 Unauthorized"},
      {"GET /secret/note with a wrong token",
       request("GET /secret/note HTTP/1.1\r\nX-AUTH-TOKEN: wrong\r\n"),
       "HTTP/1.1 403 Forbidden"},
      {"GET /nothing", request("GET /nothing HTTP/1.1\r\n"),
       "HTTP/1.1 404 Not Found"},
      {"DELETE /heartbeat", request("DELETE /heartbeat HTTP/1.1\r\n"),
       "HTTP/1.1 405 Method Not Allowed"},
      {"Accept: application/pdf",
       request("GET /todos HTTP/1.1\r\nAccept: application/pdf\r\n"),
       "HTTP/1.1 406 Not Acceptable"},
      {"a request never finished", "GET /todos HTTP/1.1\r\nHost: x\r\n",
       "HTTP/1.1 408 Request Timeout"},
      {"an API body over 5000 characters",
       request("POST /todos HTTP/1.1\r\n" + json,
               R"({"title":")" + std::string(5000, 'a') + R"("})"),
       "HTTP/1.1 413 Payload Too Large"},
      {"a 10 KB request line",
       request("GET /" + std::string(10 * 1024, 'a') + " HTTP/1.1\r\n"),
       "HTTP/1.1 414 URI Too Long"},
      {"Content-Type: text/plain",
       request("POST /todos HTTP/1.1\r\nContent-Type: text/plain\r\n", "x"),
       "HTTP/1.1 415 Unsupported Media Type"},
      {"80 KB of headers", request("GET /todos HTTP/1.1\r\n" + many_headers),
       "HTTP/1.1 431 Request Header Fields Too Large"},
      {"PATCH /heartbeat", request("PATCH /heartbeat HTTP/1.1\r\n"),
       "HTTP/1.1 500 Server Error"},
      {"TRACE /heartbeat", request("TRACE /heartbeat HTTP/1.1\r\n"),
       "HTTP/1.1 501 Not Implemented"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.what);
      auto r = test::raw_exchange(srv.port(), c.bytes);
      CHECK(first_line(r) == c.status_line);
    }
  }

  TEST_CASE("BEHAVIOUR 7.3 100 Continue, then the final status line") {
    test::running_server srv{
      test::options(model::user_mode::single_user, false)};
    auto r = test::
      raw_exchange(srv.port(),
                   request("POST /todos HTTP/1.1\r\nExpect: 100-continue\r\n"
                           "Content-Type: application/json\r\n",
                           R"({"title":"a"})"));
    CHECK(r.rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n", 0)
          == 0);
  }

  TEST_CASE("BEHAVIOUR 7.3 the phrases no request here provokes") {
    CHECK(http::reason_phrase(503) == "Service Unavailable");
    CHECK(http::reason_phrase(416) == "Range Not Satisfiable");
    CHECK(http::reason_phrase(299) == "299"); // Jetty writes the number
    std::string head = "HTTP/1.1 500 Internal Server Error\r\nA: b\r\n\r\n";
    CHECK(http::rewrite_status_line(head) == 500);
    CHECK(head == "HTTP/1.1 500 Server Error\r\nA: b\r\n\r\n");
    std::string body = "{\"HTTP/1.1 500 x\"}";
    CHECK(http::rewrite_status_line(body) == 0);
    CHECK(body == "{\"HTTP/1.1 500 x\"}");
    // Behind what is already buffered (the previous answer's bytes).
    std::string out = "earlier bytesHTTP/1.1 413 Request Entity Too Large\r\n";
    CHECK(http::rewrite_status_line(out, 13) == 413);
    CHECK(out == "earlier bytesHTTP/1.1 413 Payload Too Large\r\n");
    CHECK(http::rewrite_status_line(out, 12) == 0);
  }
}

TEST_SUITE("http.range") {
  TEST_CASE("BEHAVIOUR 7.1 a Range header, valid or not, is ignored") {
    test::running_server srv{
      test::options(model::user_mode::single_user, false)};
    auto whole = test::raw_exchange(srv.port(),
                                    request("GET /todos HTTP/1.1\r\n"
                                            "Accept: application/json\r\n"));
    REQUIRE(first_line(whole) == "HTTP/1.1 200 OK");
    auto body = whole.substr(whole.find("\r\n\r\n") + 4);
    REQUIRE(body.size() > 2);
    for (std::string range : {"Range: foo", "range: bytes=abc",
                              "RANGE: bytes=0-1", "Range: bytes=5-1"}) {
      CAPTURE(range);
      auto r = test::raw_exchange(srv.port(),
                                  request(
                                    "GET /todos HTTP/1.1\r\n" + range
                                    + "\r\nAccept: application/json\r\n"));
      CHECK(first_line(r) == "HTTP/1.1 200 OK");
      CHECK(r.substr(r.find("\r\n\r\n") + 4) == body);
    }
    // With a body: it is read and the request answered as without Range.
    auto r = test::raw_exchange(srv.port(),
                                request("POST /todos HTTP/1.1\r\nRange: foo\r\n"
                                        "Content-Type: application/json\r\n",
                                        R"({"title":"ranged"})"));
    CHECK(first_line(r) == "HTTP/1.1 201 Created");
    CHECK(r.find(R"("title":"ranged")") != std::string::npos);
  }
}
