// The router writes each answer's bytes itself (http/wire_response.cpp)
// instead of handing them to httplib 0.11.4's writer, and must write the
// same bytes. The oracle: the same routes on a bare httplib server, whose
// router has no `connection` and so fills httplib's response (`to_wire`),
// and whose output is then changed as `connection` changed it before
// (Jetty's reason phrase; no Content-Length on a 204). Both answer the
// same requests over real sockets; only the Date may differ.

#include "http/server.hpp"
#include "http/status_line.hpp"
#include "support/raw_socket.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

model::response with(int status, std::string content_type, std::string body,
                     model::header_list headers, bool static_file = false) {
  model::response res;
  res.status = status;
  res.content_type = std::move(content_type);
  res.body = std::move(body);
  res.headers = std::move(headers);
  res.static_file = static_file;
  return res;
}

/// The answers, one a path (`/case/<index>`).
std::vector<model::response> cases() {
  using namespace std::string_literals;
  return {
    with(200, "application/json", R"({"todos":[]})",
         {{"X-CHALLENGER", "x"},
          {"Location", "/todos/1"},
          {"X-Robots-Tag", "noindex"}}),
    with(201, "", "hello", {}),
    with(204, "", "", {{"X-CHALLENGER", "x"}}),
    with(404, "", "", {}, true),
    with(200, "", "<p>", {{"content-type", "text/html"}}),
    with(200, "c/d", "x", {{"Content-Type", "a/b"}, {"content-TYPE", "e/f"}}),
    with(200, "text/plain", "dup",
         {{"X-A", "1"}, {"x-a", "2"}, {"X-A", "3"}, {"Allow", "GET"}}),
    with(400, "application/json", "{}",
         {{"X-Bad", "a\r\nb"}, {"X-Bad\n", "c"}, {"X-Good", "d"}}),
    with(200, "text/plain", "nul", {{"X-Nul", "a\0b"s}, {"X-\0Name"s, "e"}}),
    with(200, "text/plain", "ranges", {{"Accept-Ranges", "none"}}, true),
    with(500, "", "", {}),
    with(413, "application/json", R"({"errorMessages":["x"]})", {}),
    with(418, "text/plain", "tea", {}),
    with(431, "", "", {}, true),
    with(599, "text/plain", "odd", {}, true),
    with(200, "application/octet-stream", std::string(100000, 'z'), {}),
    with(200, "text/plain", "case",
         {{"content-LOCATION", "/a"},
          {"www-authenticate", "Basic"},
          {"X-Custom-Thing", "1"},
          {"b", "1"},
          {"A", "2"},
          {"a", "3"},
          {"_x", "4"},
          {"Z-1", "5"},
          {"z", "6"},
          {"X-\xe9t\xc9", "7"},
          {"Connection", "keep-alive"},
          {"Date", "earlier"}}),
    with(302, "", "", {{"Location", "/gui"}}, true),
    with(200, "", "", {{"Content-Length", "0"}}, true),
  };
}

http::handlers routes(const std::vector<model::response>& answers) {
  http::handlers hs;
  hs.site = [&answers](const model::request& req) {
    auto index = std::stoul(req.path.substr(req.path.rfind('/') + 1));
    return answers.at(index);
  };
  hs.api = [](model::request) { return model::response{}; };
  return hs;
}

/// The bytes with every Date value masked.
std::string masked(const std::string& x) {
  static const std::regex date{"\r\nDate: [^\r]*"};
  return std::regex_replace(x, date, "\r\nDate: -");
}

/// What `connection` did to httplib's output before the router wrote it.
std::string as_connection_sent(std::string x) {
  if (http::rewrite_status_line(x) == 204)
    http::drop_content_length(x);
  return x;
}

class both_servers {
public:
  both_servers(const http::server_options& opts,
               const std::vector<model::response>& answers)
      : ours_(opts, routes(answers)) {
    http::tune(bare_, opts);
    http::register_routes(bare_, routes(answers));
    ours_port_ = ours_.bind();
    bare_port_ = bare_.bind_to_any_port("127.0.0.1");
    REQUIRE(ours_port_ > 0);
    REQUIRE(bare_port_ > 0);
    ours_thread_ = std::thread{[this] { ours_.run(); }};
    bare_thread_ = std::thread{[this] { bare_.listen_after_bind(); }};
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!(ours_.running() && bare_.is_running())
           && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(5ms);
    REQUIRE(ours_.running());
    REQUIRE(bare_.is_running());
  }

  ~both_servers() {
    ours_.stop();
    bare_.stop();
    ours_thread_.join();
    bare_thread_.join();
  }

  /// Sends `bytes` to each; CHECKs that the answers are the same.
  void compare(const std::string& bytes) {
    auto ours = test::raw_exchange(ours_port_, bytes);
    auto bare = as_connection_sent(test::raw_exchange(bare_port_, bytes));
    CAPTURE(bytes);
    REQUIRE(test::raw_status(ours) != 0);
    CHECK(masked(ours) == masked(bare));
  }

private:
  http::server ours_;
  httplib::Server bare_;
  int ours_port_ = -1;
  int bare_port_ = -1;
  std::thread ours_thread_;
  std::thread bare_thread_;
};

} // namespace

TEST_SUITE("http.wire_response") {
  TEST_CASE("every answer's bytes are those httplib's writer sent") {
    auto answers = cases();
    http::server_options opts;
    opts.host = "127.0.0.1";
    opts.port = 0;
    SUBCASE("keep-alive connections") {}
    SUBCASE("each connection's last request") {
      opts.keep_alive_max = 1;
    }
    CAPTURE(opts.keep_alive_max);
    both_servers servers{opts, answers};
    for (std::size_t i = 0; i < answers.size(); ++i) {
      auto path = "/case/" + std::to_string(i);
      CAPTURE(i);
      // Connection: close, HEAD, and HTTP/1.0 (which closes after one
      // answer that still says Keep-Alive).
      servers.compare("GET " + path
                      + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      servers.compare("HEAD " + path
                      + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      servers.compare("GET " + path + " HTTP/1.0\r\nHost: x\r\n\r\n");
      servers.compare("POST " + path
                      + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        "Content-Length: 2\r\n\r\n{}");
      servers.compare("OPTIONS " + path
                      + " HTTP/1.1\r\nHost: x\r\nOrigin: o\r\n"
                        "Access-Control-Allow-Methods: GET, PATCH\r\n"
                        "Connection: close\r\n\r\n");
    }
  }
}
