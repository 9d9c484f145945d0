#include "metrics/session_stats.hpp"

#include "metrics/text.hpp"

#include <string_view>

namespace metrics {

namespace {

void one(std::string& out, std::string_view name, std::string_view help,
         const counter& x) {
  text::family(out, name, "counter", help);
  text::sample(out, name, "", x.value());
}

void one(std::string& out, std::string_view name, std::string_view help,
         const gauge& x) {
  text::family(out, name, "gauge", help);
  text::sample(out, name, "", x.value());
}

/// A Prometheus label value: backslash, quote and newline escaped.
std::string escape_label(const std::string& x) {
  std::string out;
  for (char ch : x) {
    if (ch == '\\' || ch == '"')
      out += '\\';
    if (ch == '\n') {
      out += "\\n";
      continue;
    }
    out += ch;
  }
  return out;
}

} // namespace

void session_stats::render(std::string& out) const {
  one(out, "challenge_server_sessions_live", "Session actors in memory.", live);
  one(out, "challenge_server_sessions_created_total",
      "Challengers created (POST /challenger, PUT of an unknown GUID).",
      created);
  one(out, "challenge_server_sessions_restored_total",
      "Sessions loaded back from storage.", restored);
  one(out, "challenge_server_sessions_stopped_idle_total",
      "Sessions saved and stopped after their idle timeout.", stopped_idle);
  one(out, "challenge_server_sessions_deleted_by_retention_total",
      "Stored sessions deleted by the retention sweep.", deleted_by_retention);
  one(out, "challenge_server_storage_queue_depth",
      "Snapshots waiting for the next storage commit.", storage_queue);
  one(out, "challenge_server_storage_commits_total",
      "Storage transactions committed.", commits);
  one(out, "challenge_server_storage_commit_failures_total",
      "Storage transactions that failed (their snapshots are retried).",
      commit_failures);
  one(out, "challenge_server_storage_healthy",
      "1 while storage commits succeed, 0 while they fail (writes are kept "
      "pending in memory and retried).",
      storage_healthy);
  one(out, "challenge_server_sessions_stops_deferred_total",
      "Session stops put off because their state was not yet stored.",
      stops_deferred);
  one(out, "challenge_server_sessions_evicted_total",
      "Sessions stopped early by --max-live-sessions (least recently used).",
      evicted);
  one(out, "challenge_server_storage_snapshots_written_total",
      "Session snapshots written by committed transactions.",
      snapshots_written);
  one(out, "challenge_server_storage_writes_refused_total",
      "Session writes refused by fencing: another node owned the session "
      "(this node's stale copy was dropped).",
      writes_refused);
  one(out, "challenge_server_session_leases_lost_total",
      "Session leases this node lost (write, renewal or re-take refused).",
      leases_lost);
  one(out, "challenge_server_session_lease_waits_total",
      "Lease takes that found another node's live lease.", lease_waits);
  one(out, "challenge_server_session_lease_busy_total",
      "Requests answered 503: another node kept the session's lease.",
      lease_busy);
  text::family(out, "challenge_server_node_info", "gauge",
               "This node (label node: its --node-id).");
  text::sample(out, "challenge_server_node_info",
               "node=\"" + escape_label(node_id) + "\"", int64_t{1});
  constexpr std::string_view latency = "challenge_server_storage_commit_"
                                       "duration_seconds";
  text::family(out, latency, "histogram", "Time per storage transaction.");
  text::histogram(out, latency, "", commit_latency.read());
}

} // namespace metrics
