// Tier 1: counters, the fixed-bucket histogram, request counting by route
// group and status, and the Prometheus text they render.

#include "metrics/histogram.hpp"
#include "metrics/request_stats.hpp"
#include "metrics/session_stats.hpp"
#include "metrics/text.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::vector<std::string> lines_of(const std::string& x) {
  std::vector<std::string> out;
  std::istringstream in{x};
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

} // namespace

TEST_SUITE("metrics") {
  TEST_CASE("counters and gauges") {
    metrics::counter c;
    CHECK(c.value() == 0);
    c.add();
    c.add(41);
    CHECK(c.value() == 42);
    metrics::gauge g;
    g.set(5);
    g.add(-7);
    CHECK(g.value() == -2);
  }

  TEST_CASE("counters lose nothing under concurrent increments") {
    metrics::counter c;
    metrics::histogram h;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&] {
        for (int i = 0; i < 10000; ++i) {
          c.add();
          h.observe(1ms);
        }
      });
    for (auto& t : threads)
      t.join();
    CHECK(c.value() == 40000);
    auto x = h.read();
    CHECK(x.count == 40000);
    CHECK(x.sum == 40000 * 1ms);
  }

  TEST_CASE("a histogram bucket holds values up to its bound") {
    using metrics::histogram;
    CHECK(histogram::bucket_of(0ns) == 0);
    CHECK(histogram::bucket_of(50us) == 0);
    CHECK(histogram::bucket_of(51us) == 1);
    CHECK(histogram::bucket_of(1ms) == 4);
    CHECK(histogram::bucket_of(10s) == histogram::bounds.size() - 1);
    CHECK(histogram::bucket_of(11s) == histogram::bounds.size()); // +Inf
    histogram h;
    h.observe(30us);
    h.observe(700us);
    h.observe(700us);
    h.observe(1min);
    auto x = h.read();
    CHECK(x.count == 4);
    CHECK(x.buckets[0] == 1);
    CHECK(x.buckets[histogram::bucket_of(700us)] == 2);
    CHECK(x.buckets.back() == 1);
    CHECK(x.sum == 30us + 1400us + 1min);
  }

  TEST_CASE("paths fall into route groups by their first segment") {
    using metrics::group_of;
    using metrics::route_group;
    CHECK(group_of("/todos") == route_group::todos);
    CHECK(group_of("/todos/3") == route_group::todos);
    CHECK(group_of("/todo") == route_group::todos);
    CHECK(group_of("/todosx") == route_group::other);
    CHECK(group_of("/challenges") == route_group::challenges);
    CHECK(group_of("/challenger/database/x") == route_group::challenger);
    CHECK(group_of("/heartbeat") == route_group::heartbeat);
    CHECK(group_of("/secret/note") == route_group::secret);
    CHECK(group_of("/gui/challenges") == route_group::gui);
    CHECK(group_of("/docs") == route_group::docs);
    CHECK(group_of("/") == route_group::other);
    CHECK(group_of("") == route_group::other);
    CHECK(group_of("/metrics") == route_group::other);
  }

  TEST_CASE("requests are counted by group and status") {
    metrics::request_stats s;
    s.record(metrics::route_group::todos, 200, 100us);
    s.record(metrics::route_group::todos, 200, 2ms);
    s.record(metrics::route_group::todos, 404, 100us);
    s.record(metrics::route_group::heartbeat, 204, 10us);
    s.record(metrics::route_group::other, 42, 10us); // out of range
    CHECK(s.requests(metrics::route_group::todos, 200) == 2);
    CHECK(s.requests(metrics::route_group::todos, 404) == 1);
    CHECK(s.requests(metrics::route_group::secret, 200) == 0);
    CHECK(s.requests(metrics::route_group::other, 42) == 1);
    CHECK(s.latency(metrics::route_group::todos).read().count == 3);
    std::string out;
    s.render(out);
    CHECK(
      contains(out, "# TYPE challenge_server_http_requests_total counter\n"));
    CHECK(contains(out, "challenge_server_http_requests_total{group=\"todos\","
                        "status=\"200\"} 2\n"));
    CHECK(contains(out, "challenge_server_http_requests_total{group=\"todos\","
                        "status=\"404\"} 1\n"));
    CHECK(contains(out, "challenge_server_http_requests_total{group=\"other\","
                        "status=\"other\"} 1\n"));
    CHECK_FALSE(contains(out, "group=\"secret\""));
    CHECK(contains(out, "# TYPE challenge_server_http_request_duration_seconds "
                        "histogram\n"));
    // Cumulative buckets: 100us falls into le=0.0001, 2ms into le=0.0025.
    auto name = std::string{"challenge_server_http_request_duration_seconds"};
    CHECK(contains(out, name + "_bucket{group=\"todos\",le=\"5e-05\"} 0\n"));
    CHECK(contains(out, name + "_bucket{group=\"todos\",le=\"0.0001\"} 2\n"));
    CHECK(contains(out, name + "_bucket{group=\"todos\",le=\"0.001\"} 2\n"));
    CHECK(contains(out, name + "_bucket{group=\"todos\",le=\"0.0025\"} 3\n"));
    CHECK(contains(out, name + "_bucket{group=\"todos\",le=\"+Inf\"} 3\n"));
    CHECK(contains(out, name + "_sum{group=\"todos\"} 0.0022\n"));
    CHECK(contains(out, name + "_count{group=\"todos\"} 3\n"));
  }

  TEST_CASE("session counters render as one family each") {
    metrics::session_stats s;
    s.live.set(3);
    s.created.add(5);
    s.restored.add(1);
    s.stopped_idle.add(2);
    s.deleted_by_retention.add(7);
    s.storage_queue.set(4);
    s.commits.add(9);
    s.commit_latency.observe(20us);
    std::string out;
    s.render(out);
    for (auto line : {"challenge_server_sessions_live 3",
                      "challenge_server_sessions_created_total 5",
                      "challenge_server_sessions_restored_total 1",
                      "challenge_server_sessions_stopped_idle_total 2",
                      "challenge_server_sessions_deleted_by_retention_total 7",
                      "challenge_server_storage_queue_depth 4",
                      "challenge_server_storage_commits_total 9",
                      "challenge_server_storage_commit_duration_seconds_count "
                      "1"})
      CHECK(contains(out, std::string{line} + "\n"));
    // Every sample line belongs to a family announced just before.
    std::string family;
    for (auto& line : lines_of(out)) {
      if (line.rfind("# TYPE ", 0) == 0) {
        family = line.substr(7, line.find(' ', 7) - 7);
        continue;
      }
      if (line.rfind("# HELP ", 0) == 0)
        continue;
      CAPTURE(line);
      CHECK(line.rfind(family, 0) == 0);
    }
  }

  TEST_CASE("the process's resident memory is reported") {
    std::string out;
    metrics::text::process(out);
    CHECK(contains(out, "# TYPE process_resident_memory_bytes gauge\n"));
    CHECK(contains(out, "\nprocess_resident_memory_bytes "));
  }

  TEST_CASE("the allocator's live bytes follow an allocation") {
    auto allocated = [] {
      std::string out;
      metrics::text::process(out);
      std::string key = "\nchallenge_server_heap_allocated_bytes ";
      auto at = out.find(key);
      REQUIRE(at != std::string::npos);
      CHECK(contains(out, "\nchallenge_server_heap_free_bytes "));
      return std::stoull(out.substr(at + key.size()));
    };
    auto before = allocated();
    constexpr std::size_t size = 64 << 20;
    auto block = std::make_unique<char[]>(size);
    // The block escapes, so the compiler cannot elide the allocation.
    asm volatile("" : : "r"(block.get()) : "memory");
    auto during = allocated();
    CHECK(during >= before + size);
    block.reset();
    CHECK(allocated() < during - size / 2);
  }
}
