// loadtest: drives a running challenge-server with N simulated challengers,
// C at a time. Each creates a session, walks every challenge of the
// server's configuration (the walk of the end-to-end tests), then checks
// with GET /challenges that all of them are credited: correctness under
// load, not only speed. See `loadtest --help`.

#include "model/challenge.hpp"
#include "model/config.hpp"
#include "model/edition.hpp"
#include "tools/walk/http_client.hpp"
#include "tools/walk/walk.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr const char* usage_text
  = R"(loadtest: load and correctness test for challenge-server.

Usage:
  loadtest --url URL [--challengers N] [--concurrency C] [--duration S]
           [--mode single|multi|multi-storage] [--edition classic|2026]
           [--idle-wait MS | --skip-idle]
           [--no-verify] [--retry-unavailable N] [--lost-out FILE] [--quiet]
  loadtest --url URL --create N --guids-out FILE [--concurrency C]
  loadtest --url URL --get-each FILE [--concurrency C]
  loadtest --url URL --paced [--concurrency C] [--duration S]

Walk (the default): N challengers (default 100), C at a time (default 10),
each over its own keep-alive connection: POST /challenger, one request per
challenge of the server's configuration, then GET /challenges, which must
show every challenge of the walk as credited. Errors are counted by kind:
socket errors, unexpected statuses, and challengers left with challenges
not credited.

  --url URL           The server, e.g. http://127.0.0.1:4567.
  --challengers N     Walks to run in total (single-user mode: always 1).
  --concurrency C     Walks (connections, threads) at a time. 1,000 is fine;
                      the server serves each keep-alive connection on its
                      own worker thread, at most --http-threads (default
                      4096) of them, or connections wait.
  --duration S        Start no walk after S seconds (walks under way finish).
                      Without --challengers: walk until then.
  --mode M            The server's configuration: single (58 challenges),
                      multi (multi-user, no storage: 59), multi-storage
                      (multi-user with storage: 61). Default: detected from
                      the number of challenges GET /challenges lists (in
                      single-user mode, that request credits GET_CHALLENGES).
  --edition E         The server's edition: classic (58, 59 or 61
                      challenges) or 2026 (96, 97 or 99; the walk uses its
                      /api paths).
                      Default: detected with the mode.
  --idle-wait MS      Multi-user walks wait this long (default 2000) for the
                      session to be stopped idle before the restore steps.
                      Run the server with a short idle timeout, e.g.
                      `--idle-timeout 1`, so that the wait is long enough.
  --skip-idle         Skip the steps that need an idle stop (3 challenges
                      with storage, 1 without); they are then not expected.
  --no-verify         Send the walk's requests but check no status and no
                      credit (for a server that is not challenge-server,
                      e.g. the benchmark's raw httplib baseline).
  --retry-unavailable N
                      Send a request answered 502 or 503 again, at most N
                      times (waiting 100 ms times the attempt), and only
                      those: what HAProxy answers when it could not deliver
                      a request (a node stopping or killed) and what a node
                      answers when another one still holds the session's
                      lease. Counted as retried=; the last answer counts as
                      usual. A 502 may come after a node applied the
                      request, so a walk may then see the effect twice (an
                      error, as any). A POST /challenger that got no answer
                      at all (its node died with it) is sent again too,
                      within the same N: it creates a fresh session, so
                      sending it twice is harmless. Default 0: no retries.
  --lost-out FILE     Write one line per walk that saw anything go wrong
                      (a node killed under it): its GUID, when it started
                      and ended, the challenges it had been acknowledged
                      (the step's expected status) but that GET /challenges
                      did not show at the end, with the time the oldest of
                      those requests was sent, and its status and socket
                      errors. A challenge whose credit rests on more than
                      its step's answer counts as uncertain=, not lost=:
                      a step with set-up requests or an idle stop before
                      it (the last DELETE credits only if the DELETEs
                      before it stuck), and any step after a request of the
                      walk that got no answer at all. Times in ms since the epoch (the system
                      clock). The RESULT line gets lost= (the total).
  --quiet             No live progress line.

  --create N          Only create N challengers (POST /challenger, C at a
                      time) and write their GUIDs, one a line, to
  --guids-out FILE    (for wrk scripts and --get-each).
  --get-each FILE     Send one GET /todos per GUID of FILE (C at a time),
                      without Accept as bench/guids.lua does, and report the
                      latency: after an idle stop, the latency of restoring
                      a session.
  --paced             C keep-alive connections (default 10) at once, each a
                      challenger that sends one GET /todos a second for S
                      seconds (default 10; the connections start spread
                      over the first second): many mostly idle clients, as
                      a load tester or a classroom opens them. The latency
                      shows whether any of them waits behind the others.

Every mode ends with a table and one machine-readable line starting with
RESULT. Exit status: 0 when there were no errors and every expected
challenge was credited, 1 otherwise, 2 for a bad command line.
)";

// -- command line -------------------------------------------------------------

struct options {
  std::string host;
  int port = 0;
  std::string url;
  std::optional<std::size_t> challengers;
  std::size_t concurrency = 10;
  bool concurrency_given = false;
  std::optional<std::chrono::seconds> duration;
  std::optional<model::api_config> config;
  std::optional<model::edition_id> edition;
  milliseconds idle_wait{2000};
  bool skip_idle = false;
  bool verify = true;
  bool quiet = false;
  int retry_unavailable = 0;
  std::string lost_out;
  std::size_t create = 0;
  std::string guids_out;
  std::string get_each;
  bool paced = false;
};

std::optional<long> to_number(std::string_view x) {
  long value = 0;
  auto [end, ec] = std::from_chars(x.data(), x.data() + x.size(), value);
  if (ec != std::errc{} || end != x.data() + x.size() || value < 0)
    return std::nullopt;
  return value;
}

bool parse_url(const std::string& url, options& o) {
  std::string_view x = url;
  constexpr std::string_view scheme = "http://";
  if (x.substr(0, scheme.size()) != scheme)
    return false;
  x.remove_prefix(scheme.size());
  x = x.substr(0, x.find('/'));
  auto colon = x.rfind(':');
  o.port = 80;
  if (colon != std::string_view::npos) {
    auto port = to_number(x.substr(colon + 1));
    if (!port || *port < 1 || *port > 65535)
      return false;
    o.port = static_cast<int>(*port);
    x = x.substr(0, colon);
  }
  o.host = std::string{x};
  o.url = url;
  return !o.host.empty();
}

// Returns an error message, or an empty string.
std::string parse(int argc, char** argv, options& o, bool& help) {
  for (int i = 1; i < argc; ++i) {
    std::string name = argv[i];
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value)
        return inline_value;
      if (i + 1 < argc)
        return std::string{argv[++i]};
      return std::nullopt;
    };
    auto number = [&](long min) -> std::optional<long> {
      auto v = value();
      if (!v)
        return std::nullopt;
      auto n = to_number(*v);
      if (!n || *n < min)
        return std::nullopt;
      return n;
    };
    if (name == "--help" || name == "-h") {
      help = true;
    } else if (name == "--url") {
      auto v = value();
      if (!v || !parse_url(*v, o))
        return "--url needs http://HOST[:PORT]";
    } else if (name == "--challengers") {
      auto n = number(1);
      if (!n)
        return "--challengers needs a number >= 1";
      o.challengers = static_cast<std::size_t>(*n);
    } else if (name == "--concurrency") {
      auto n = number(1);
      if (!n || *n > 20000)
        return "--concurrency needs a number from 1 to 20000";
      o.concurrency = static_cast<std::size_t>(*n);
      o.concurrency_given = true;
    } else if (name == "--duration") {
      auto n = number(1);
      if (!n)
        return "--duration needs seconds >= 1";
      o.duration = std::chrono::seconds{*n};
    } else if (name == "--mode") {
      auto v = value();
      model::api_config cfg;
      if (v == "single") {
        cfg.mode = model::user_mode::single_user;
      } else if (v == "multi") {
        cfg.mode = model::user_mode::multi_user;
        cfg.storage = false;
      } else if (v == "multi-storage") {
        cfg.mode = model::user_mode::multi_user;
        cfg.storage = true;
      } else {
        return "--mode needs single, multi or multi-storage";
      }
      o.config = cfg;
    } else if (name == "--edition") {
      auto v = value();
      o.edition = v ? model::parse_edition(*v) : std::nullopt;
      if (!o.edition)
        return "--edition needs classic or 2026";
    } else if (name == "--idle-wait") {
      auto n = number(0);
      if (!n)
        return "--idle-wait needs milliseconds";
      o.idle_wait = milliseconds{*n};
    } else if (name == "--skip-idle") {
      o.skip_idle = true;
    } else if (name == "--no-verify") {
      o.verify = false;
    } else if (name == "--retry-unavailable") {
      auto n = number(0);
      if (!n || *n > 100)
        return "--retry-unavailable needs a number from 0 to 100";
      o.retry_unavailable = static_cast<int>(*n);
    } else if (name == "--lost-out") {
      auto v = value();
      if (!v || v->empty())
        return "--lost-out needs a file name";
      o.lost_out = *v;
    } else if (name == "--quiet") {
      o.quiet = true;
    } else if (name == "--create") {
      auto n = number(1);
      if (!n)
        return "--create needs a number >= 1";
      o.create = static_cast<std::size_t>(*n);
    } else if (name == "--guids-out") {
      auto v = value();
      if (!v || v->empty())
        return "--guids-out needs a file name";
      o.guids_out = *v;
    } else if (name == "--paced") {
      o.paced = true;
    } else if (name == "--get-each") {
      auto v = value();
      if (!v || v->empty())
        return "--get-each needs a file name";
      o.get_each = *v;
    } else {
      return "unknown option: " + name + " (see --help)";
    }
  }
  if (help)
    return {};
  if (o.host.empty())
    return "--url is required";
  if (o.create > 0 && o.guids_out.empty())
    return "--create needs --guids-out FILE";
  return {};
}

// -- statistics ---------------------------------------------------------------

/// Live counters for the progress line.
struct progress_counters {
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> errors{0};
  std::atomic<uint64_t> units_done{0};
  std::atomic<uint64_t> units_started{0};
};

/// What one worker (one connection) saw; merged at the end.
struct worker_stats {
  std::vector<uint32_t> latency_us;
  uint64_t answers = 0;
  /// From the start of the run to the connection's first answer.
  std::optional<clock_type::duration> first_answer;
  std::map<std::string, uint64_t> errors;
  uint64_t credited = 0;
  uint64_t expected = 0;
  uint64_t units = 0;
  /// Requests sent again after a 502 or 503 (--retry-unavailable).
  uint64_t retried = 0;
  /// Whether the connection was given any work (a run may end before
  /// every connection got some: those are not starved).
  bool started = false;
  /// Acknowledged challenges not credited at the end (--lost-out).
  uint64_t lost = 0;
};

/// Error details (a few examples per kind), shared by all workers; only
/// touched on errors.
class error_log {
public:
  void add(const std::string& what) {
    std::lock_guard<std::mutex> guard{mtx_};
    ++details_[what];
  }

  void print(std::ostream& out, std::size_t max_lines) const {
    std::lock_guard<std::mutex> guard{mtx_};
    std::vector<std::pair<uint64_t, std::string>> xs;
    for (auto& [what, n] : details_)
      xs.emplace_back(n, what);
    std::sort(xs.rbegin(), xs.rend());
    for (std::size_t i = 0; i < xs.size() && i < max_lines; ++i)
      out << "  " << xs[i].first << " x " << xs[i].second << '\n';
    if (xs.size() > max_lines)
      out << "  ... and " << xs.size() - max_lines << " more\n";
  }

private:
  mutable std::mutex mtx_;
  std::map<std::string, uint64_t> details_;
};

std::string socket_error_kind(httplib::Error e) {
  switch (e) {
    case httplib::Error::Connection: return "connect";
    case httplib::Error::Read: return "read";
    case httplib::Error::Write: return "write";
    case httplib::Error::ConnectionTimeout: return "connect-timeout";
    default: return "socket";
  }
}

/// One worker: a thread with its own client (one keep-alive connection).
struct worker {
  worker(const options& o, progress_counters& live, error_log& log,
         clock_type::time_point start)
      : cli(o.host, o.port), live(live), log(log), start(start) {
    cli.set_observer(
      [this](const walk::reply& r, clock_type::duration d) { observe(r, d); });
    cli.set_retry_unavailable(o.retry_unavailable,
                              [this](const walk::reply&) { ++stats.retried; });
    // A fresh session each time: safe to send again when a node died
    // with it.
    cli.set_resend_unanswered(
      [](const std::string& method, const std::string& target) {
        return method == "POST" && target == "/challenger";
      });
  }

  void observe(const walk::reply& r, clock_type::duration d) {
    live.requests.fetch_add(1, std::memory_order_relaxed);
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    stats.latency_us.push_back(static_cast<uint32_t>(
      std::min<int64_t>(us, std::numeric_limits<uint32_t>::max())));
    if (r.ok) {
      if (++stats.answers == 1)
        stats.first_answer = clock_type::now() - start;
    } else if (!r.resent) {
      ++unanswered;
      error(socket_error_kind(r.error), httplib::to_string(r.error));
    }
  }

  void error(const std::string& kind, const std::string& detail) {
    ++stats.errors[kind];
    live.errors.fetch_add(1, std::memory_order_relaxed);
    log.add(kind + ": " + detail);
  }

  walk::client cli;
  progress_counters& live;
  error_log& log;
  clock_type::time_point start;
  worker_stats stats;
  /// Requests that got no answer and were not sent again.
  uint64_t unanswered = 0;
};

struct summary {
  std::size_t connections = 0;
  std::size_t starved = 0;
  uint64_t fewest_answers = 0;
  /// Per connection: time from the start to its first answer.
  std::vector<uint32_t> first_answer_us;
  uint64_t requests = 0;
  uint64_t units = 0;
  double seconds = 0;
  std::vector<uint32_t> latency_us;
  std::map<std::string, uint64_t> errors;
  uint64_t error_total = 0;
  uint64_t credited = 0;
  uint64_t expected = 0;
  uint64_t retried = 0;
  uint64_t lost = 0;
};

summary merge(std::vector<std::unique_ptr<worker>>& ws, double seconds) {
  summary s;
  s.seconds = seconds;
  s.connections = ws.size();
  s.fewest_answers = std::numeric_limits<uint64_t>::max();
  for (auto& w : ws) {
    auto& x = w->stats;
    s.requests += x.latency_us.size();
    s.units += x.units;
    s.retried += x.retried;
    s.lost += x.lost;
    s.latency_us.insert(s.latency_us.end(), x.latency_us.begin(),
                        x.latency_us.end());
    x.latency_us = {};
    for (auto& [k, n] : x.errors) {
      s.errors[k] += n;
      s.error_total += n;
    }
    s.credited += x.credited;
    s.expected += x.expected;
    if (x.answers == 0 && x.started)
      ++s.starved;
    if (x.first_answer)
      s.first_answer_us.push_back(static_cast<uint32_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(*x.first_answer)
          .count()));
    s.fewest_answers = std::min(s.fewest_answers, x.answers);
  }
  if (ws.empty())
    s.fewest_answers = 0;
  return s;
}

uint32_t percentile(std::vector<uint32_t>& xs, double p) {
  if (xs.empty())
    return 0;
  auto k = static_cast<std::size_t>(p / 100.0 * static_cast<double>(xs.size()));
  k = std::min(k, xs.size() - 1);
  std::nth_element(xs.begin(), xs.begin() + static_cast<long>(k), xs.end());
  return xs[k];
}

int64_t epoch_ms() {
  return std::chrono::duration_cast<milliseconds>(
           std::chrono::system_clock::now().time_since_epoch())
    .count();
}

std::string ms(uint32_t us) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f ms", us / 1000.0);
  return buf;
}

std::string with_commas(uint64_t x) {
  auto s = std::to_string(x);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

// -- progress line ------------------------------------------------------------

class progress_line {
public:
  progress_line(const progress_counters& live, std::string unit,
                std::optional<std::size_t> total, bool quiet)
      : live_(live), unit_(std::move(unit)), total_(total) {
    if (quiet)
      return;
    tty_ = ::isatty(STDERR_FILENO) != 0;
    thread_ = std::thread{[this] { loop(); }};
  }

  ~progress_line() {
    stop();
  }

  void stop() {
    {
      std::lock_guard<std::mutex> guard{mtx_};
      done_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) {
      thread_.join();
      print(true);
    }
  }

private:
  void loop() {
    std::unique_lock<std::mutex> guard{mtx_};
    auto period = tty_ ? std::chrono::seconds(1) : std::chrono::seconds(5);
    while (!cv_.wait_for(guard, period, [this] { return done_; }))
      print(false);
  }

  void print(bool last) {
    auto now = clock_type::now();
    auto requests = live_.requests.load();
    double dt = std::chrono::duration<double>(now - last_time_).count();
    double rate = dt > 0 ? static_cast<double>(requests - last_requests_) / dt
                         : 0.0;
    last_time_ = now;
    last_requests_ = requests;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    char buf[256];
    std::snprintf(buf, sizeof(buf),
                  "[%6.1fs] %s %llu%s (%llu under way)  requests %llu "
                  "(%.0f/s)  errors %llu",
                  elapsed, unit_.c_str(),
                  static_cast<unsigned long long>(live_.units_done.load()),
                  total_ ? ("/" + std::to_string(*total_)).c_str() : "",
                  static_cast<unsigned long long>(live_.units_started.load()
                                                  - live_.units_done.load()),
                  static_cast<unsigned long long>(requests), rate,
                  static_cast<unsigned long long>(live_.errors.load()));
    if (tty_)
      std::fprintf(stderr, "\r%s\033[K%s", buf, last ? "\n" : "");
    else
      std::fprintf(stderr, "%s\n", buf);
    std::fflush(stderr);
  }

  const progress_counters& live_;
  std::string unit_;
  std::optional<std::size_t> total_;
  bool tty_ = false;
  std::mutex mtx_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
  clock_type::time_point start_ = clock_type::now();
  clock_type::time_point last_time_ = start_;
  uint64_t last_requests_ = 0;
};

// -- running workers ----------------------------------------------------------

/// Runs `body(worker&, index)` for indexes 0.. on `concurrency` threads
/// until `more(index)` is false.
template <class More, class Body>
summary run_workers(const options& o, progress_counters& live, error_log& log,
                    std::size_t concurrency, More more, Body body) {
  std::vector<std::unique_ptr<worker>> ws;
  auto started = clock_type::now();
  for (std::size_t i = 0; i < concurrency; ++i)
    ws.push_back(std::make_unique<worker>(o, live, log, started));
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> threads;
  threads.reserve(concurrency);
  for (auto& w : ws)
    threads.emplace_back([&, w = w.get()] {
      for (;;) {
        auto i = next.fetch_add(1);
        if (!more(i))
          break;
        live.units_started.fetch_add(1);
        w->stats.started = true;
        body(*w, i);
        ++w->stats.units;
        live.units_done.fetch_add(1);
      }
    });
  for (auto& t : threads)
    t.join();
  double seconds = std::chrono::duration<double>(clock_type::now() - started)
                     .count();
  return merge(ws, seconds);
}

/// Prints the table and the RESULT line; returns the exit status.
int report(const options& o, const std::string& title, const char* unit,
           summary& s, const error_log& log, bool check_credits,
           const std::string& credit_note) {
  auto p50 = percentile(s.latency_us, 50);
  auto p90 = percentile(s.latency_us, 90);
  auto p99 = percentile(s.latency_us, 99);
  auto max = s.latency_us.empty()
               ? 0u
               : *std::max_element(s.latency_us.begin(), s.latency_us.end());
  double rps = s.seconds > 0 ? static_cast<double>(s.requests) / s.seconds
                             : 0.0;
  auto& out = std::cout;
  char buf[64];
  out << "\nloadtest: " << title << " against " << o.url << '\n';
  auto row = [&](const char* name, const std::string& value) {
    std::snprintf(buf, sizeof(buf), "  %-20s ", name);
    out << buf << value << '\n';
  };
  row(unit, with_commas(s.units));
  row("requests", with_commas(s.requests));
  std::snprintf(buf, sizeof(buf), "%.1f s", s.seconds);
  row("duration", buf);
  std::snprintf(buf, sizeof(buf), "%.0f", rps);
  row("req/s", buf);
  row("latency p50", ms(p50));
  row("latency p90", ms(p90));
  row("latency p99", ms(p99));
  row("latency max", ms(max));
  row("connections",
      std::to_string(s.connections) + " (starved: " + std::to_string(s.starved)
        + ", fewest answers: " + with_commas(s.fewest_answers) + ")");
  auto first_p50 = percentile(s.first_answer_us, 50);
  auto first_max = s.first_answer_us.empty()
                     ? 0u
                     : *std::max_element(s.first_answer_us.begin(),
                                         s.first_answer_us.end());
  row("first answer", "p50 " + ms(first_p50) + ", max " + ms(first_max)
                        + " after the start, per connection");
  std::string errors = std::to_string(s.error_total);
  if (!s.errors.empty()) {
    errors += " (";
    bool first = true;
    for (auto& [k, n] : s.errors) {
      errors += (first ? "" : ", ") + k + " " + std::to_string(n);
      first = false;
    }
    errors += ")";
  }
  row("errors", errors);
  row("retried (502/503)", std::to_string(s.retried));
  if (check_credits) {
    std::string credited = with_commas(s.credited) + " / "
                           + with_commas(s.expected);
    if (s.expected > 0) {
      std::snprintf(buf, sizeof(buf), " (%.2f%%)",
                    100.0 * static_cast<double>(s.credited)
                      / static_cast<double>(s.expected));
      credited += buf;
    }
    if (!credit_note.empty())
      credited += "; " + credit_note;
    row("credited/expected", credited);
  }
  if (s.error_total > 0) {
    out << "error details (most frequent first):\n";
    log.print(out, 12);
  }
  std::snprintf(buf, sizeof(buf), "%.1f", rps);
  out << "RESULT units=" << s.units << " requests=" << s.requests
      << " seconds=" << s.seconds << " rps=" << buf << " p50_us=" << p50
      << " p90_us=" << p90 << " p99_us=" << p99 << " max_us=" << max
      << " errors=" << s.error_total << " credited=" << s.credited
      << " expected=" << s.expected << " connections=" << s.connections
      << " starved=" << s.starved << " fewest_answers=" << s.fewest_answers
      << " first_answer_p50_us=" << first_p50
      << " first_answer_max_us=" << first_max << " retried=" << s.retried;
  if (!o.lost_out.empty())
    out << " lost=" << s.lost;
  out << std::endl;
  bool ok = s.error_total == 0 && (!check_credits || s.credited == s.expected);
  return ok ? 0 : 1;
}

// -- modes --------------------------------------------------------------------

/// Asks GET /challenges how many challenges the server defines.
std::optional<model::api_config> detect(const options& o) {
  walk::client c{o.host, o.port};
  auto r = c.call("GET", "/challenges", {{"Accept", "application/json"}});
  if (!r.ok) {
    std::cerr << "loadtest: cannot reach " << o.url << ": "
              << httplib::to_string(r.error) << '\n';
    return std::nullopt;
  }
  rapidjson::Document doc;
  if (r.status != 200 || doc.Parse(r.body.c_str()).HasParseError()
      || !doc.IsObject() || !doc.HasMember("challenges")
      || !doc["challenges"].IsArray()) {
    std::cerr << "loadtest: GET /challenges answered " << r.status
              << " without a challenge list: is this challenge-server?\n";
    return std::nullopt;
  }
  // Each configuration of each edition lists its own number.
  auto size = doc["challenges"].Size();
  for (auto edition : model::all_editions) {
    for (auto mode :
         {model::user_mode::single_user, model::user_mode::multi_user}) {
      for (bool storage : {false, true}) {
        model::api_config cfg{mode, storage, false, edition};
        if (mode == model::user_mode::single_user && !storage)
          continue; // the same set as with storage
        if (model::challenge_set::for_config(cfg).size() == size
            && (!o.edition || *o.edition == edition))
          return cfg;
      }
    }
  }
  std::cerr << "loadtest: GET /challenges lists " << size
            << " challenges (expected 58, 59 or 61 for classic, 96, 97 or "
               "99 for 2026); use --mode and --edition\n";
  return std::nullopt;
}

const char* describe(const model::api_config& cfg) {
  if (cfg.mode == model::user_mode::single_user)
    return "single-user";
  return cfg.storage ? "multi-user with storage" : "multi-user without storage";
}

int walk_mode(options& o) {
  auto cfg = o.config;
  if (!cfg) {
    if (!o.verify) {
      // A server that is not ours: walk as multi-user with storage.
      cfg = model::api_config{model::user_mode::multi_user, true, false,
                              o.edition.value_or(model::edition_id::classic)};
    } else if (cfg = detect(o); !cfg) {
      return 1;
    }
  }
  bool multi = cfg->mode == model::user_mode::multi_user;
  if (!multi && (o.challengers.value_or(1) > 1 || o.concurrency_given)) {
    std::cerr << "loadtest: single-user mode has one challenger: running one "
                 "walk\n";
  }
  std::size_t concurrency = multi ? o.concurrency : 1;
  std::optional<std::size_t> total;
  if (!multi)
    total = 1;
  else if (o.challengers)
    total = *o.challengers;
  else if (!o.duration)
    total = 100;
  // Over HTTP a session's idle stop cannot be seen: wait long enough.
  auto steps = walk::walk_steps(*cfg, [&o](const walk::walk_state&) {
    std::this_thread::sleep_for(o.idle_wait);
  });
  auto defined = model::challenge_set::for_config(*cfg);
  // What the walk earns: every challenge of the server's configuration.
  model::progress expected;
  for (auto& step : steps)
    for (auto c : step.credits)
      expected.set(model::index_of(c));
  std::size_t skipped = 0;
  for (auto& step : steps)
    if (step.needs_idle_stop && o.skip_idle)
      for (auto c : step.credits) {
        expected.reset(model::index_of(c));
        ++skipped;
      }
  std::string note;
  if (skipped > 0)
    note = std::to_string(skipped)
           + " challenge(s) per walk skipped (--skip-idle)";
  if (total && concurrency > *total)
    concurrency = *total;
  std::cerr << "loadtest: " << describe(*cfg) << ", "
            << model::edition_of(cfg->edition).name << " edition, "
            << defined.size() << " challenges (" << expected.count() + skipped
            << " earnable); "
            << (total ? std::to_string(*total) : std::string{"unlimited"})
            << " challenger(s), " << concurrency << " at a time";
  if (o.duration)
    std::cerr << ", for at most " << o.duration->count() << " s";
  if (multi && !o.skip_idle && cfg->storage)
    std::cerr << "; idle wait " << o.idle_wait.count() << " ms";
  std::cerr << '\n';
  progress_counters live;
  error_log log;
  auto deadline = o.duration ? clock_type::now() + *o.duration
                             : clock_type::time_point::max();
  auto more = [&](std::size_t i) {
    return (!total || i < *total) && clock_type::now() < deadline;
  };
  std::mutex lost_mtx;
  std::ofstream lost_file;
  if (!o.lost_out.empty()) {
    lost_file.open(o.lost_out);
    if (!lost_file) {
      std::cerr << "loadtest: cannot write " << o.lost_out << '\n';
      return 1;
    }
  }
  auto body = [&](worker& w, std::size_t) {
    walk::walk_state st;
    // For --lost-out: what this walk saw go wrong.
    auto started_ms = epoch_ms();
    auto errors_before = w.stats.errors;
    auto unanswered_before = w.unanswered;
    struct ack {
      model::challenge c;
      int64_t sent_ms;
      /// Whether the credit rests on more than this answer: on set-up
      /// requests or an idle stop before it (the last DELETE credits only
      /// if the DELETEs before it stuck), or on anything after a request
      /// of the walk that got no answer at all.
      bool uncertain;
    };
    std::vector<ack> acked;
    for (auto& step : steps) {
      if (step.needs_idle_stop && o.skip_idle)
        continue;
      if (step.before)
        step.before(w.cli, st);
      auto sent_ms = epoch_ms();
      auto r = walk::send_step(w.cli, st, step.request(st));
      if (o.verify && r.ok && r.status != step.status)
        w.error("status", step.what + ": expected "
                            + std::to_string(step.status) + ", got "
                            + std::to_string(r.status));
      if (r.ok && r.status == step.status)
        for (auto c : step.credits)
          acked.push_back({c, sent_ms,
                           step.before || step.needs_idle_stop
                             || w.unanswered != unanswered_before});
      if (step.after)
        step.after(st, r);
    }
    auto now = walk::read_status(w.cli, st, defined);
    if (!o.verify)
      return;
    w.stats.expected += expected.count();
    if (!now.ok) {
      w.error("check", "GET /challenges could not be read");
      return;
    }
    if (lost_file.is_open()) {
      std::string names;
      uint64_t lost = 0;
      uint64_t uncertain = 0;
      int64_t oldest = 0;
      for (auto& a : acked) {
        if (now.done.test(model::index_of(a.c)))
          continue;
        names += " " + std::string{model::info(a.c).key_name};
        if (a.uncertain) {
          ++uncertain;
          names += "(uncertain)";
          continue;
        }
        ++lost;
        oldest = oldest == 0 ? a.sent_ms : std::min(oldest, a.sent_ms);
      }
      w.stats.lost += lost;
      std::string errors;
      for (auto& [kind, n] : w.stats.errors) {
        auto before = errors_before.find(kind);
        auto d = n - (before == errors_before.end() ? 0 : before->second);
        if (d > 0)
          errors += " " + kind + "=" + std::to_string(d);
      }
      if (lost > 0 || uncertain > 0 || !errors.empty()) {
        std::lock_guard<std::mutex> guard{lost_mtx};
        lost_file << st.guid << " start_ms=" << started_ms
                  << " end_ms=" << epoch_ms() << " lost=" << lost
                  << " uncertain=" << uncertain
                  << " oldest_lost_sent_ms=" << oldest << errors
                  << " lost:" << names << std::endl;
      }
    }
    auto credited = now.done & expected;
    w.stats.credited += credited.count();
    if (credited != expected) {
      auto missing = expected & ~credited;
      std::string names;
      for (auto c : defined.items())
        if (missing.test(model::index_of(c)))
          names += (names.empty() ? "" : " ")
                   + std::string{model::info(c).key_name};
      w.error("uncredited", "not credited: " + names);
    }
  };
  progress_line line{live, "challengers", total, o.quiet};
  auto s = run_workers(o, live, log, concurrency, more, body);
  line.stop();
  return report(o,
                std::string{"walk ("} + describe(*cfg)
                  + (o.verify ? "" : ", not verified") + ")",
                "challengers done", s, log, o.verify, note);
}

int create_mode(options& o) {
  progress_counters live;
  error_log log;
  std::vector<std::string> guids(o.create);
  auto more = [&](std::size_t i) { return i < o.create; };
  auto body = [&](worker& w, std::size_t i) {
    auto r = w.cli.call("POST", "/challenger");
    if (!r.ok)
      return;
    if (r.status != 201) {
      w.error("status", "POST /challenger: expected 201, got "
                          + std::to_string(r.status));
      return;
    }
    guids[i] = r.header("X-CHALLENGER");
  };
  progress_line line{live, "created", o.create, o.quiet};
  auto s = run_workers(o, live, log, std::min(o.concurrency, o.create), more,
                       body);
  line.stop();
  std::ofstream out{o.guids_out};
  for (auto& g : guids)
    if (!g.empty())
      out << g << '\n';
  if (!out) {
    std::cerr << "loadtest: cannot write " << o.guids_out << '\n';
    return 1;
  }
  return report(o, "create " + std::to_string(o.create) + " challengers",
                "challengers", s, log, false, {});
}

int get_each_mode(options& o) {
  std::vector<std::string> guids;
  std::ifstream in{o.get_each};
  for (std::string line; std::getline(in, line);)
    if (!line.empty())
      guids.push_back(line);
  if (guids.empty()) {
    std::cerr << "loadtest: no GUIDs in " << o.get_each << '\n';
    return 1;
  }
  progress_counters live;
  error_log log;
  auto more = [&](std::size_t i) { return i < guids.size(); };
  auto body = [&](worker& w, std::size_t i) {
    // The request bench/guids.lua has wrk send: no Accept (an empty one
    // counts as none), so that a session warmed up with this one credits
    // nothing on wrk's first request (and writes no snapshot then).
    auto r = w.cli.call("GET", "/todos",
                        {{"X-CHALLENGER", guids[i]}, {"Accept", ""}});
    if (r.ok && r.status != 200)
      w.error("status",
              "GET /todos: expected 200, got " + std::to_string(r.status));
  };
  progress_line line{live, "sessions", guids.size(), o.quiet};
  auto s = run_workers(o, live, log, std::min(o.concurrency, guids.size()),
                       more, body);
  line.stop();
  return report(o, "GET /todos once per GUID of " + o.get_each, "sessions", s,
                log, false, {});
}

int paced_mode(options& o) {
  auto seconds = o.duration.value_or(std::chrono::seconds{10});
  auto concurrency = o.concurrency;
  std::cerr << "loadtest: " << concurrency
            << " connections, one GET /todos a second each, for "
            << seconds.count() << " s\n";
  progress_counters live;
  error_log log;
  auto start = clock_type::now() + milliseconds{100};
  auto more = [&](std::size_t i) { return i < concurrency; };
  auto body = [&](worker& w, std::size_t i) {
    // Spread the connections' first requests over the first second.
    auto first = start
                 + std::chrono::duration_cast<clock_type::duration>(
                   std::chrono::duration<double>(
                     static_cast<double>(i)
                     / static_cast<double>(concurrency)));
    std::this_thread::sleep_until(first);
    walk::header_pairs as;
    auto created = w.cli.call("POST", "/challenger");
    if (created.ok && created.status == 201)
      as.emplace_back("X-CHALLENGER", created.header("X-CHALLENGER"));
    else if (created.ok && created.status != 200)
      w.error("status", "POST /challenger: expected 201, got "
                          + std::to_string(created.status));
    for (auto next = first + std::chrono::seconds{1}; next < start + seconds;
         next += std::chrono::seconds{1}) {
      std::this_thread::sleep_until(next);
      auto r = w.cli.call("GET", "/todos", as);
      if (r.ok && r.status != 200)
        w.error("status",
                "GET /todos: expected 200, got " + std::to_string(r.status));
    }
  };
  progress_line line{live, "connections", concurrency, o.quiet};
  auto s = run_workers(o, live, log, concurrency, more, body);
  line.stop();
  return report(o,
                "paced: " + std::to_string(concurrency)
                  + " connections, a request a second each",
                "connections done", s, log, false, {});
}

} // namespace

int main(int argc, char** argv) {
  // A server closing a keep-alive connection is an error to count, not a
  // reason to die of SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  options o;
  bool help = false;
  if (auto err = parse(argc, argv, o, help); !err.empty()) {
    std::cerr << "loadtest: " << err << '\n';
    return 2;
  }
  if (help) {
    std::cout << usage_text;
    return 0;
  }
  if (o.config && o.edition)
    o.config->edition = *o.edition;
  if (o.create > 0)
    return create_mode(o);
  if (!o.get_each.empty())
    return get_each_mode(o);
  if (o.paced)
    return paced_mode(o);
  return walk_mode(o);
}
