#pragma once

#include "http/server.hpp"
#include "model/config.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

/// The command line of challenge-server.
namespace app {

/// Where sessions are stored.
struct storage_option {
  /// False for `--storage none`: sessions live in memory only.
  bool persistent = true;
  /// The SQLite file (for `sqlite:PATH`).
  std::string path = "challenger-sessions.db";
  /// The PostgreSQL connection (for `postgres:CONNINFO`, a libpq
  /// `key=value` string or a `postgresql://` URI); when set, it is used
  /// instead of `path`.
  std::string postgres;
};

/// `storage` for logs: `sqlite:PATH`, `postgres:` with host, port, database
/// and user (never a password), or `none`.
std::string describe(const storage_option& storage);

/// Everything the command line decides.
struct options {
  http::server_options http;
  model::api_config api;
  storage_option storage;
  /// A session idle this long is flushed to storage and stopped.
  std::chrono::seconds idle_timeout{600};
  /// At most this many live sessions; the least recently used beyond it
  /// are saved and stopped early. Zero is unlimited.
  std::size_t max_live_sessions = 0;
  /// Stored sessions unused this long are deleted.
  int retention_days = 7;
  /// Front actors (`--fronts`): each GUID belongs to one of them.
  std::size_t fronts = 1;
  /// CAF scheduler threads (default: the number of cores).
  std::size_t caf_threads = 0;
  /// Messages an HTTP thread may handle per actor it runs inline while it
  /// waits for an answer; 0: CAF's threads run every actor.
  std::size_t inline_messages = 1;
  /// This node's id among nodes sharing a PostgreSQL database (`--node-id`;
  /// empty: `host:port` once the port is known).
  std::string node_id;
  /// How long a node's lease on a session lasts (`--lease-seconds`).
  std::chrono::seconds lease{5};
  /// On SIGTERM or SIGINT, `GET /health` answers 503 this long, while the
  /// API keeps serving, before the server stops (`--drain-seconds`; 0:
  /// stop at once).
  std::chrono::seconds drain{0};
  /// `--gui-keep-alive` (the original's `-guikeepalive`): a progress page
  /// polls its challenger every 5 minutes, so that an open page keeps an
  /// idle session alive.
  bool gui_keep_alive = false;
  /// `--help` was given.
  bool help = false;
};

/// Outcome of `parse`.
struct parse_result {
  options opts;
  /// Set when the command line is invalid.
  std::string error;
};

/// Parses the arguments (without the program name). `port_env` is the
/// value of the `PORT` environment variable, or `nullptr`.
parse_result parse(const std::vector<std::string>& args, const char* port_env);

/// The `--help` text, documenting every flag.
std::string usage();

} // namespace app
