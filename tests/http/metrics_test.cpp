// Tier 3: GET /metrics on the real server: the Prometheus text parses, and
// the request, session and storage counters move as requests go by.

#include "support/raw_socket.hpp"
#include "support/server_fixture.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>

namespace {

/// Samples by `name{labels}` (exactly as written on the line).
using samples = std::map<std::string, double>;

/// Parses the text format strictly enough for a test: every line is a
/// `# HELP`/`# TYPE` comment or `name{labels} value`, every sample's family
/// was announced with a TYPE first, histogram buckets are cumulative and
/// end with `+Inf` equal to `_count`.
samples parse(const std::string& text) {
  static const std::regex sample_line{
    R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_]+="[^"]*"(,[a-zA-Z_]+="[^"]*")*)\})? )"
    R"(([-+]?[0-9.eE+-]+|\+Inf))"};
  static const std::regex type_line{
    R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram))"};
  samples out;
  std::map<std::string, std::string> types;
  std::istringstream in{text};
  std::string last_bucket_series;
  double last_bucket = 0;
  for (std::string line; std::getline(in, line);) {
    CAPTURE(line);
    std::smatch m;
    if (line.rfind("# HELP ", 0) == 0)
      continue;
    if (line.rfind("# TYPE ", 0) == 0) {
      REQUIRE(std::regex_match(line, m, type_line));
      CHECK(types.count(m[1]) == 0); // one TYPE per family
      types[m[1]] = m[2];
      continue;
    }
    REQUIRE(std::regex_match(line, m, sample_line));
    std::string name = m[1];
    std::string labels = m[3];
    double value = std::strtod(m[5].str().c_str(), nullptr);
    auto family = name;
    for (auto suffix : {"_bucket", "_sum", "_count"}) {
      auto n = std::string{suffix}.size();
      if (family.size() > n && family.compare(family.size() - n, n, suffix) == 0
          && types.count(family.substr(0, family.size() - n)))
        family = family.substr(0, family.size() - n);
    }
    CHECK(types.count(family) == 1);
    if (name.size() > 7 && name.compare(name.size() - 7, 7, "_bucket") == 0) {
      auto le = labels.find("le=\"");
      REQUIRE(le != std::string::npos);
      auto series = name + labels.substr(0, le);
      if (series == last_bucket_series)
        CHECK(value >= last_bucket);
      last_bucket_series = series;
      last_bucket = value;
    }
    out[name + (labels.empty() ? "" : "{" + labels + "}")] = value;
  }
  // +Inf equals _count for every histogram series.
  for (auto& [key, value] : out) {
    auto inf = key.find("le=\"+Inf\"");
    if (inf == std::string::npos)
      continue;
    auto base = key.substr(0, key.find("_bucket{"));
    auto labels = key.substr(key.find('{') + 1, inf - key.find('{') - 1);
    if (!labels.empty() && labels.back() == ',')
      labels.pop_back();
    auto count = base + "_count" + (labels.empty() ? "" : "{" + labels + "}");
    CAPTURE(count);
    REQUIRE(out.count(count) == 1);
    CHECK(out[count] == value);
  }
  return out;
}

double value_of(const samples& xs, const std::string& key) {
  auto i = xs.find(key);
  return i == xs.end() ? 0.0 : i->second;
}

std::string requests(const std::string& group, int status) {
  return "challenge_server_http_requests_total{group=\"" + group
         + "\",status=\"" + std::to_string(status) + "\"}";
}

samples scrape(walk::client& c) {
  auto r = c.call("GET", "/metrics");
  REQUIRE(r.status == 200);
  CHECK(r.header("Content-Type") == "text/plain; version=0.0.4");
  return parse(r.body);
}

} // namespace

TEST_SUITE("http.metrics") {
  TEST_CASE("requests refused before routing are counted by status") {
    test::running_server srv{
      test::options(model::user_mode::single_user, false)};
    auto c = srv.make_client();
    auto before = scrape(c);
    // 431: headers over 64 KiB; 400: a malformed request line.
    auto r = test::raw_exchange(srv.port(),
                                "GET /todos HTTP/1.1\r\nHost: x\r\nX-Big: "
                                  + std::string(70000, 'a') + "\r\n\r\n");
    REQUIRE(test::raw_status(r) == 431);
    r = test::raw_exchange(srv.port(), "GET\r\n\r\n");
    REQUIRE(test::raw_status(r) == 400);
    CHECK(c.call("GET", "/todos").status == 200);
    auto after = scrape(c);
    CHECK(value_of(after, requests("todos", 431))
          == value_of(before, requests("todos", 431)) + 1);
    CHECK(value_of(after, requests("other", 400))
          == value_of(before, requests("other", 400)) + 1);
    // Routed requests are counted once, with their latency.
    CHECK(value_of(after, requests("todos", 200))
          == value_of(before, requests("todos", 200)) + 1);
    CHECK(value_of(after, "challenge_server_http_request_duration_seconds_"
                          "count{group=\"todos\"}")
          == value_of(before, "challenge_server_http_request_duration_"
                              "seconds_count{group=\"todos\"}")
               + 1);
  }

  TEST_CASE("GET /metrics counts requests, sessions and commits") {
    test::temp_dir dir;
    auto opts = test::options(model::user_mode::multi_user, true,
                              dir.file("metrics.db"));
    opts.idle_timeout = std::chrono::seconds(1);
    test::running_server srv{opts};
    auto c = srv.make_client();
    auto before = scrape(c);
    CHECK(value_of(before, "challenge_server_sessions_live") == 0);
    CHECK(value_of(before, "challenge_server_sessions_created_total") == 0);
    CHECK(value_of(before, "process_resident_memory_bytes") > 0);

    auto created = c.call("POST", "/challenger");
    REQUIRE(created.status == 201);
    auto guid = created.header("X-CHALLENGER");
    for (int i = 0; i < 3; ++i)
      CHECK(c.call("GET", "/todos", {{"X-CHALLENGER", guid}}).status == 200);
    CHECK(c.call("GET", "/todo", {{"X-CHALLENGER", guid}}).status == 404);
    CHECK(c.call("GET", "/heartbeat").status == 204);
    CHECK(c.call("GET", "/no-such-page").status == 404);

    auto after = scrape(c);
    CHECK(value_of(after, requests("challenger", 201)) == 1);
    CHECK(value_of(after, requests("todos", 200)) == 3);
    CHECK(value_of(after, requests("todos", 404)) == 1);
    CHECK(value_of(after, requests("heartbeat", 204)) == 1);
    CHECK(value_of(after, requests("other", 404)) == 1);
    // The first scrape is counted by the second.
    CHECK(value_of(after, requests("other", 200)) == 1);
    CHECK(value_of(after, "challenge_server_http_request_duration_seconds_"
                          "count{group=\"todos\"}")
          == 4);
    CHECK(value_of(after, "challenge_server_sessions_live") == 1);
    CHECK(value_of(after, "challenge_server_sessions_created_total") == 1);
    CHECK(value_of(after, "challenge_server_sessions_restored_total") == 0);

    // Idle for a second: the session is saved and stopped; its next
    // request restores it from SQLite.
    samples idle;
    CHECK(test::wait_until(
      [&] {
        idle = scrape(c);
        // Counted once the flush is acknowledged; the front learns of the
        // stop right after.
        return value_of(idle, "challenge_server_sessions_stopped_idle_total")
                 > 0
               && value_of(idle, "challenge_server_sessions_live") == 0;
      },
      std::chrono::seconds(20), std::chrono::milliseconds(50)));
    CHECK(value_of(idle, "challenge_server_sessions_stopped_idle_total") == 1);
    CHECK(value_of(idle, "challenge_server_sessions_live") == 0);
    CHECK(value_of(idle, "challenge_server_storage_commits_total") >= 1);
    CHECK(value_of(idle, "challenge_server_storage_snapshots_written_total")
          >= 1);
    CHECK(value_of(idle, "challenge_server_storage_commit_duration_seconds_"
                         "count")
          >= 1);
    CHECK(value_of(idle, "challenge_server_storage_queue_depth") == 0);
    CHECK(c.call("GET", "/todos", {{"X-CHALLENGER", guid}}).status == 200);
    auto restored = scrape(c);
    CHECK(value_of(restored, "challenge_server_sessions_restored_total") == 1);
    CHECK(value_of(restored, "challenge_server_sessions_live") == 1);
    CHECK(value_of(restored, requests("todos", 200)) == 4);
  }

  TEST_CASE("HEAD /metrics answers without a body, POST is not routed") {
    test::running_server srv{
      test::options(model::user_mode::single_user, false)};
    auto c = srv.make_client();
    auto head = c.call("HEAD", "/metrics");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(
      c.call("POST", "/metrics", {{"Content-Type", "text/plain"}}, "x").status
      == 404);
  }
}
