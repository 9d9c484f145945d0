#pragma once

#include "metrics/counter.hpp"
#include "metrics/histogram.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace metrics {

/// The parts of the site that requests are counted by.
enum class route_group : uint8_t {
  /// `/todos...` and `/todo...`.
  todos,
  /// `/challenges...`.
  challenges,
  /// `/challenger...` (sessions, progress, database).
  challenger,
  /// `/heartbeat...`.
  heartbeat,
  /// `/secret...`.
  secret,
  /// `/gui...`: the server-rendered pages.
  gui,
  /// `/docs...`.
  docs,
  /// Everything else: the home page, assets, `/metrics`, unknown paths.
  other,
};

/// Number of `route_group` values.
inline constexpr std::size_t route_group_count = 8;

/// The label value, e.g. `todos`.
std::string_view to_string(route_group x) noexcept;

/// The group of a request path, by its first segment.
route_group group_of(std::string_view path) noexcept;

/// What the HTTP layer counts: requests by route group and status, and a
/// latency histogram per group. Fixed arrays of atomics: `record` takes no
/// lock and allocates nothing.
class request_stats {
public:
  /// The lowest and highest status counted by its code; others are
  /// counted as `status="other"`.
  static constexpr int min_status = 100;
  static constexpr int max_status = 599;

  /// Counts one answered request.
  void record(route_group group, int status,
              std::chrono::nanoseconds latency) noexcept;

  /// Counts a request refused before any handler ran (malformed, too
  /// large, too slow): its status only, no latency.
  void count_refused(route_group group, int status) noexcept;

  /// The number of requests of `group` answered with `status`.
  uint64_t requests(route_group group, int status) const noexcept;

  /// The latency histogram of `group`.
  const histogram& latency(route_group group) const noexcept;

  /// Appends `challenge_server_http_requests_total` and
  /// `challenge_server_http_request_duration_seconds` (groups that had
  /// requests only).
  void render(std::string& out) const;

private:
  /// One slot per status from `min_status` to `max_status`, then one for
  /// any other.
  static constexpr std::size_t status_slots = max_status - min_status + 2;

  struct group_stats {
    std::array<counter, status_slots> by_status;
    histogram latency;
  };

  static std::size_t slot_of(int status) noexcept;

  std::array<group_stats, route_group_count> groups_;
};

} // namespace metrics
