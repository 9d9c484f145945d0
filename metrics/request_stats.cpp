#include "metrics/request_stats.hpp"

#include "metrics/text.hpp"

namespace metrics {

std::string_view to_string(route_group x) noexcept {
  switch (x) {
    case route_group::todos: return "todos";
    case route_group::challenges: return "challenges";
    case route_group::challenger: return "challenger";
    case route_group::heartbeat: return "heartbeat";
    case route_group::secret: return "secret";
    case route_group::gui: return "gui";
    case route_group::docs: return "docs";
    case route_group::other: break;
  }
  return "other";
}

route_group group_of(std::string_view path) noexcept {
  if (!path.empty() && path.front() == '/')
    path.remove_prefix(1);
  auto first = path.substr(0, path.find('/'));
  if (first == "todos" || first == "todo")
    return route_group::todos;
  if (first == "challenges")
    return route_group::challenges;
  if (first == "challenger")
    return route_group::challenger;
  if (first == "heartbeat")
    return route_group::heartbeat;
  if (first == "secret")
    return route_group::secret;
  if (first == "gui")
    return route_group::gui;
  if (first == "docs")
    return route_group::docs;
  return route_group::other;
}

std::size_t request_stats::slot_of(int status) noexcept {
  if (status < min_status || status > max_status)
    return status_slots - 1;
  return static_cast<std::size_t>(status - min_status);
}

void request_stats::record(route_group group, int status,
                           std::chrono::nanoseconds latency) noexcept {
  auto& g = groups_[static_cast<std::size_t>(group)];
  g.by_status[slot_of(status)].add();
  g.latency.observe(latency);
}

void request_stats::count_refused(route_group group, int status) noexcept {
  groups_[static_cast<std::size_t>(group)].by_status[slot_of(status)].add();
}

uint64_t request_stats::requests(route_group group, int status) const noexcept {
  return groups_[static_cast<std::size_t>(group)]
    .by_status[slot_of(status)]
    .value();
}

const histogram& request_stats::latency(route_group group) const noexcept {
  return groups_[static_cast<std::size_t>(group)].latency;
}

void request_stats::render(std::string& out) const {
  constexpr std::string_view total = "challenge_server_http_requests_total";
  constexpr std::string_view duration = "challenge_server_http_request_"
                                        "duration_seconds";
  text::family(out, total, "counter",
               "HTTP requests answered, by route group and status.");
  for (std::size_t i = 0; i < route_group_count; ++i) {
    auto& g = groups_[i];
    std::string group = "group=\"";
    group += to_string(static_cast<route_group>(i));
    group += '"';
    for (std::size_t s = 0; s < status_slots; ++s) {
      auto n = g.by_status[s].value();
      if (n == 0)
        continue;
      auto code = s + 1 < status_slots
                    ? std::to_string(min_status + static_cast<int>(s))
                    : std::string{"other"};
      text::sample(out, total, group + ",status=\"" + code + '"', n);
    }
  }
  text::family(out, duration, "histogram",
               "Time from a parsed request to its answer, by route group.");
  for (std::size_t i = 0; i < route_group_count; ++i) {
    auto x = groups_[i].latency.read();
    if (x.count == 0)
      continue;
    std::string group = "group=\"";
    group += to_string(static_cast<route_group>(i));
    group += '"';
    text::histogram(out, duration, group, x);
  }
}

} // namespace metrics
