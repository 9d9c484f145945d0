#include "app/options.hpp"

#include "model/edition.hpp"
#include "model/text.hpp"
#include "storage/postgres_store.hpp"

#include <charconv>
#include <optional>
#include <thread>

namespace app {

namespace {

std::optional<long> to_number(std::string_view x, long min, long max) {
  long value = 0;
  auto [end, ec] = std::from_chars(x.data(), x.data() + x.size(), value);
  if (ec != std::errc{} || end != x.data() + x.size() || value < min
      || value > max)
    return std::nullopt;
  return value;
}

bool set_storage(storage_option& out, std::string_view x) {
  if (x == "none") {
    out.persistent = false;
    return true;
  }
  if (model::text::starts_with(x, "sqlite:") && x.size() > 7) {
    out.persistent = true;
    out.path = std::string{x.substr(7)};
    out.postgres.clear();
    return true;
  }
  if (model::text::starts_with(x, "postgres:") && x.size() > 9) {
    out.persistent = true;
    out.postgres = std::string{x.substr(9)};
    return true;
  }
  return false;
}

} // namespace

parse_result parse(const std::vector<std::string>& args, const char* port_env) {
  parse_result result;
  auto& o = result.opts;
  o.caf_threads = std::max(1u, std::thread::hardware_concurrency());
  if (port_env != nullptr && *port_env != '\0') {
    auto port = to_number(port_env, 0, 65535);
    if (!port) {
      result.error = "PORT must be a port number, got: "
                     + std::string{port_env};
      return result;
    }
    o.http.port = static_cast<int>(*port);
  }
  auto fail = [&](std::string message) {
    result.error = std::move(message);
    return result;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    // `--name value` and `--name=value` are both accepted.
    std::string name{arg};
    std::optional<std::string> inline_value;
    if (model::text::starts_with(arg, "--")) {
      if (auto eq = arg.find('='); eq != std::string_view::npos) {
        name = std::string{arg.substr(0, eq)};
        inline_value = std::string{arg.substr(eq + 1)};
      }
    }
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value)
        return inline_value;
      if (i + 1 < args.size())
        return args[++i];
      return std::nullopt;
    };
    auto number = [&](long min, long max) -> std::optional<long> {
      auto v = value();
      if (!v)
        return std::nullopt;
      return to_number(*v, min, max);
    };
    auto lowered = model::text::lower(arg);
    if (name == "--help" || name == "-h") {
      o.help = true;
    } else if (name == "--port") {
      auto v = number(0, 65535);
      if (!v)
        return fail("--port needs a port number (0-65535)");
      o.http.port = static_cast<int>(*v);
    } else if (model::text::starts_with(lowered, "-port=")) {
      auto v = to_number(arg.substr(6), 0, 65535);
      if (!v)
        return fail("-port= needs a port number (0-65535)");
      o.http.port = static_cast<int>(*v);
    } else if (name == "--host") {
      auto v = value();
      if (!v || v->empty())
        return fail("--host needs an address");
      o.http.host = *v;
    } else if (name == "--http-threads") {
      auto v = number(1, 100000);
      if (!v)
        return fail("--http-threads needs a number from 1 to 100000");
      o.http.threads = static_cast<std::size_t>(*v);
    } else if (name == "--request-timeout") {
      auto v = number(1, 3600);
      if (!v)
        return fail("--request-timeout needs seconds (1 to 3600)");
      o.http.request_timeout = std::chrono::seconds{*v};
    } else if (name == "--caf-threads") {
      auto v = number(1, 1024);
      if (!v)
        return fail("--caf-threads needs a number from 1 to 1024");
      o.caf_threads = static_cast<std::size_t>(*v);
    } else if (name == "--fronts") {
      auto v = number(1, 256);
      if (!v)
        return fail("--fronts needs a number from 1 to 256");
      o.fronts = static_cast<std::size_t>(*v);
    } else if (name == "--inline-messages" || name == "--inline-actors") {
      // `--inline-actors` is the flag's first name, kept for old scripts.
      auto v = number(0, 1000000);
      if (!v)
        return fail(name + " needs a number of messages (0 = off)");
      o.inline_messages = static_cast<std::size_t>(*v);
    } else if (name == "--gui-keep-alive"
               || model::text::starts_with(lowered, "-guikeepalive")) {
      o.gui_keep_alive = true;
    } else if (name == "--unlimited-todos" || lowered == "-unlimitedtodos") {
      o.api.unlimited_todos = true;
    } else if (name == "--multi-user"
               || model::text::starts_with(lowered, "-multiplayer")
               || model::text::starts_with(lowered, "-multiuser")) {
      o.api.mode = model::user_mode::multi_user;
    } else if (name == "--single-user") {
      o.api.mode = model::user_mode::single_user;
    } else if (name == "--edition") {
      auto v = value();
      auto id = v ? model::parse_edition(*v) : std::nullopt;
      if (!id)
        return fail("--edition needs classic or 2026");
      o.api.edition = *id;
    } else if (name == "--storage") {
      auto v = value();
      if (!v || !set_storage(o.storage, *v))
        return fail("--storage needs sqlite:PATH, postgres:CONNINFO or none");
    } else if (lowered == "-memory" || lowered == "-nostorage"
               || lowered == "-cloudstorage") {
      // The hosted original's cloud storage never saved anything.
      o.storage.persistent = false;
    } else if (name == "--idle-timeout") {
      auto v = number(1, 7L * 24 * 3600);
      if (!v)
        return fail("--idle-timeout needs seconds (1 to 604800)");
      o.idle_timeout = std::chrono::seconds{*v};
    } else if (name == "--max-live-sessions") {
      auto v = number(0, 100000000);
      if (!v)
        return fail("--max-live-sessions needs a number (0 = unlimited)");
      o.max_live_sessions = static_cast<std::size_t>(*v);
    } else if (name == "--node-id") {
      auto v = value();
      if (!v || v->empty() || v->size() > 200)
        return fail("--node-id needs a name (1 to 200 characters)");
      o.node_id = *v;
    } else if (name == "--lease-seconds") {
      auto v = number(1, 3600);
      if (!v)
        return fail("--lease-seconds needs seconds (1 to 3600)");
      o.lease = std::chrono::seconds{*v};
    } else if (name == "--drain-seconds") {
      auto v = number(0, 3600);
      if (!v)
        return fail("--drain-seconds needs seconds (0 to 3600)");
      o.drain = std::chrono::seconds{*v};
    } else if (name == "--retention-days") {
      auto v = number(1, 36500);
      if (!v)
        return fail("--retention-days needs a number of days (1 to 36500)");
      o.retention_days = static_cast<int>(*v);
    } else if (lowered == "-noshutdown" || lowered == "-model=challengeapi") {
      // Accepted for compatibility with the original's command line.
    } else {
      return fail("unknown option: " + std::string{arg} + " (see --help)");
    }
  }
  // Eviction saves a session and reloads it on its next request; without
  // storage there is nothing to reload it from, so an evicted learner
  // would lose their session and be told their GUID is unknown.
  if (o.max_live_sessions > 0 && !o.storage.persistent)
    return fail(
      "--max-live-sessions needs storage, but storage is none (--storage "
      "none, -memory, -nostorage or -cloudstorage): an evicted session is "
      "saved and reloaded on its next request, and without storage it "
      "would be lost instead (use --storage sqlite:PATH, or drop "
      "--max-live-sessions)");
  o.api.storage = o.storage.persistent;
  return result;
}

std::string describe(const storage_option& storage) {
  if (!storage.persistent)
    return "none";
  if (!storage.postgres.empty())
    return "postgres:" + storage::postgres_store::describe(storage.postgres);
  return "sqlite:" + storage.path;
}

std::string usage() {
  return R"(challenge-server: the API Challenges todo API (apichallenges).

Usage: challenge-server [options]

  --port N             Port to listen on (default 4567; env PORT; also
                       the original's -port=N). 0 picks a free port.
  --host ADDR          Address to listen on (default 0.0.0.0).
  --multi-user         One session per X-CHALLENGER header (also the
                       original's -multiplayer / -multiuser). Default:
                       single-user, every request is the one player's.
  --single-user        Single-user mode (the default).
  --edition E          classic (the default: the 2025 app, API at the
                       root paths) or 2026 (the successor: 99
                       challenges, API under /api, the root paths kept
                       as legacy routes).
  --storage SPEC       sqlite:PATH (default sqlite:challenger-sessions.db),
                       postgres:CONNINFO (a libpq "host=H port=P dbname=D
                       user=U" string or a postgresql://U@H:P/D URI; the
                       tables are created at start-up; a password is best
                       kept in ~/.pgpass or PGPASSWORD) or none (also
                       -memory / -nostorage / -cloudstorage). With
                       storage, progress survives restarts and idle
                       sessions come back on their next request.
  --idle-timeout S     Seconds before an idle session is saved and stopped
                       (default 600).
  --max-live-sessions N
                       At most N sessions in memory: beyond it the least
                       recently used are saved and stopped early, and
                       reloaded on their next request (default 0:
                       unlimited). Needs storage: refused with
                       --storage none.
  --node-id ID         This node's name among the nodes sharing one
                       PostgreSQL database (default host:port); it
                       labels challenge_server_node_info in /metrics.
  --lease-seconds S    With postgres storage: how long a node's lease on
                       a session lasts (default 5). A session is live on
                       one node at a time; another node waits at most
                       this long for it (then 503 with Retry-After).
  --drain-seconds S    On SIGTERM or SIGINT, first drain for S seconds:
                       GET /health answers 503 (a load balancer takes
                       the node out) while the API keeps serving; then
                       stop as without it (default 0: stop at once). A
                       second signal during the drain stops at once.
  --retention-days N   Stored sessions unused for N days are deleted
                       (default 7).
  --unlimited-todos    Lift the 20-todo limit (also -unlimitedtodos).
  --gui-keep-alive     An open progress page asks for its challenger every
                       5 minutes, so the session does not go idle (also
                       -guikeepalive).
  --http-threads N     HTTP worker threads at most, one per concurrent
                       keep-alive connection (default 4096); started when
                       needed, ended after 30 s without a connection.
                       Connections beyond it wait for a free thread.
  --request-timeout S  A request must arrive whole within S seconds, or it
                       gets 408 and the connection closes (default 30).
  --caf-threads N      Actor scheduler threads (default: number of cores).
  --fronts N           Front actors, each serving the sessions whose GUID
                       hashes to it (default 1). With --max-live-sessions
                       each keeps its share of the bound, and fewer fronts
                       run if a share would fall below 1024 sessions.
  --inline-messages N  An HTTP thread waiting for a session's answer runs
                       the idle actors it wakes itself, up to N messages
                       each, instead of waking an actor thread (default
                       1; 0: actor threads only). Also --inline-actors N,
                       its former name.
  --help               Show this text.
)";
}

} // namespace app
