// conns-bench: holds many keep-alive connections to one server (or HAProxy)
// and has each send a request every few seconds (or one after another),
// then says per connection whether it was served: how many connections
// were starved, the latency percentiles, errors and 503s. One thread, epoll.
// Prints figures and a RESULT line; asserts nothing (exit 0 when it ran).
//
//   conns-bench --port P [--host H] [--connections N] [--period S]
//               [--duration S] [--ramp S] [--path PATH] [--guids FILE]
//               [--starved-after S]
//
// --period 0: closed loop (the next request as soon as the answer came).
// --guids FILE: connection i sends `X-CHALLENGER: <line i mod n>`.
// A connection is *starved* when it was open but one of its requests
// waited longer than --starved-after (default 5 s), or when it got no
// answer in the whole run; a connection that never opened is counted as
// not started, not as starved.

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <random>
#include <string>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t0, clock_type::time_point t) {
  return std::chrono::duration<double>(t - t0).count();
}

struct options {
  std::string host = "127.0.0.1";
  int port = 0;
  int connections = 1000;
  double period = 5;
  double duration = 30;
  double ramp = 5;
  double starved_after = 5;
  std::string path = "/todos";
  std::vector<std::string> guids;
};

enum class phase { unopened, connecting, idle, waiting, closed };

struct connection {
  int fd = -1;
  phase state = phase::unopened;
  bool ever_opened = false;
  std::string request;
  std::string in;
  clock_type::time_point due;
  clock_type::time_point sent;
  std::size_t written = 0;
  uint64_t requests = 0;
  uint64_t answered = 0;
  uint64_t errors = 0;
  uint64_t unavailable = 0;
  uint64_t other_status = 0;
  uint64_t reconnects = 0;
  double longest_wait = 0;
};

[[noreturn]] void usage() {
  std::cerr << "usage: conns-bench --port P [--host H] [--connections N] "
               "[--period S] [--duration S] [--ramp S] [--path PATH] "
               "[--guids FILE] [--starved-after S]\n";
  std::exit(2);
}

options parse(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc)
        usage();
      return argv[++i];
    };
    if (arg == "--host")
      o.host = value();
    else if (arg == "--port")
      o.port = std::atoi(value().c_str());
    else if (arg == "--connections")
      o.connections = std::atoi(value().c_str());
    else if (arg == "--period")
      o.period = std::atof(value().c_str());
    else if (arg == "--duration")
      o.duration = std::atof(value().c_str());
    else if (arg == "--ramp")
      o.ramp = std::atof(value().c_str());
    else if (arg == "--starved-after")
      o.starved_after = std::atof(value().c_str());
    else if (arg == "--path")
      o.path = value();
    else if (arg == "--guids") {
      std::ifstream in{value()};
      for (std::string line; std::getline(in, line);)
        if (!line.empty())
          o.guids.push_back(line);
      if (o.guids.empty()) {
        std::cerr << "conns-bench: no GUIDs in that file\n";
        std::exit(2);
      }
    } else
      usage();
  }
  if (o.port <= 0 || o.connections <= 0 || o.duration <= 0 || o.period < 0)
    usage();
  return o;
}

/// A whole response at the front of `in`: its length and status, or 0.
std::size_t complete_response(const std::string& in, int& status) {
  auto end = in.find("\r\n\r\n");
  if (end == std::string::npos)
    return 0;
  if (in.size() < 12 || in.compare(0, 5, "HTTP/") != 0) {
    status = -1;
    return in.size();
  }
  status = std::atoi(in.c_str() + 9);
  std::size_t body = end + 4;
  // Header names in any case.
  std::string head = in.substr(0, body);
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (auto at = head.find("\r\ncontent-length:"); at != std::string::npos) {
    auto n = std::strtoull(head.c_str() + at + 17, nullptr, 10);
    return in.size() >= body + n ? body + n : 0;
  }
  if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
    auto last = in.find("\r\n0\r\n\r\n", end);
    if (last == std::string::npos)
      return 0;
    return last + 7;
  }
  return body; // no body (e.g. 204)
}

} // namespace

int main(int argc, char** argv) {
  auto opts = parse(argc, argv);
  {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) == 0) {
      lim.rlim_cur = lim.rlim_max;
      ::setrlimit(RLIMIT_NOFILE, &lim);
    }
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(opts.port));
  if (::inet_pton(AF_INET, opts.host.c_str(), &addr.sin_addr) != 1) {
    std::cerr << "conns-bench: --host must be an IPv4 address\n";
    return 2;
  }
  int ep = ::epoll_create1(0);
  std::vector<connection> conns(static_cast<std::size_t>(opts.connections));
  for (std::size_t i = 0; i < conns.size(); ++i) {
    auto& c = conns[i];
    c.request = "GET " + opts.path + " HTTP/1.1\r\nHost: " + opts.host
                + "\r\nAccept: application/json\r\n";
    if (!opts.guids.empty())
      c.request += "X-CHALLENGER: " + opts.guids[i % opts.guids.size()]
                   + "\r\n";
    c.request += "\r\n";
  }
  std::vector<double> latencies_ms;
  latencies_ms.reserve(1 << 20);
  std::mt19937 rng{42};
  std::uniform_real_distribution<double> phase_of(0,
                                                  std::max(opts.period, 0.001));
  auto start = clock_type::now();
  auto end_at = start
                + std::chrono::duration_cast<clock_type::duration>(
                  std::chrono::duration<double>(opts.ramp + opts.duration));
  auto after = [](clock_type::time_point t, double s) {
    return t
           + std::chrono::duration_cast<clock_type::duration>(
             std::chrono::duration<double>(s));
  };
  uint64_t connect_failures = 0;
  auto open = [&](std::size_t i) {
    auto& c = conns[i];
    c.in.clear();
    c.written = 0;
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    auto now = clock_type::now();
    if (fd < 0) {
      ++connect_failures;
      c.state = phase::closed;
      c.due = after(now, 1);
      return;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    if (rc != 0 && errno != EINPROGRESS) {
      ::close(fd);
      ++connect_failures;
      c.state = phase::closed;
      c.due = after(now, 1);
      return;
    }
    c.fd = fd;
    c.state = phase::connecting;
    epoll_event ev{};
    ev.events = EPOLLOUT | EPOLLIN;
    ev.data.u64 = i;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  };
  auto close_conn = [&](std::size_t i) {
    auto& c = conns[i];
    if (c.fd >= 0) {
      ::epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
      ::close(c.fd);
    }
    c.fd = -1;
    c.state = phase::closed;
  };
  auto send_now = [&](std::size_t i, clock_type::time_point now) {
    auto& c = conns[i];
    c.sent = now;
    c.written = 0;
    ++c.requests;
    c.state = phase::waiting;
    auto n = ::send(c.fd, c.request.data(), c.request.size(), MSG_NOSIGNAL);
    if (n > 0)
      c.written = static_cast<std::size_t>(n);
    if (n < 0 && errno != EAGAIN) {
      ++c.errors;
      close_conn(i);
      return;
    }
    epoll_event ev{};
    ev.events = EPOLLIN | (c.written < c.request.size() ? EPOLLOUT : 0u);
    ev.data.u64 = i;
    ::epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
  };
  // Opens: spread over the ramp.
  std::size_t next_open = 0;
  std::vector<epoll_event> events(1024);
  std::vector<char> buf(64 * 1024);
  for (;;) {
    auto now = clock_type::now();
    if (now >= end_at)
      break;
    double t = seconds_since(start, now);
    std::size_t should_open = opts.ramp <= 0
                                ? conns.size()
                                : std::min(conns.size(),
                                           static_cast<std::size_t>(
                                             conns.size() * (t / opts.ramp)
                                             + 1));
    while (next_open < should_open)
      open(next_open++);
    // Due requests, and reconnects of closed connections.
    for (std::size_t i = 0; i < next_open; ++i) {
      auto& c = conns[i];
      if (c.state == phase::idle && c.due <= now)
        send_now(i, now);
      else if (c.state == phase::closed && c.due <= now) {
        ++c.reconnects;
        open(i);
      } else if (c.state == phase::waiting)
        c.longest_wait = std::max(c.longest_wait, seconds_since(c.sent, now));
    }
    int n = ::epoll_wait(ep, events.data(), static_cast<int>(events.size()),
                         10);
    now = clock_type::now();
    for (int k = 0; k < n; ++k) {
      auto i = static_cast<std::size_t>(events[k].data.u64);
      auto& c = conns[i];
      if (c.fd < 0)
        continue;
      if (c.state == phase::connecting) {
        int err = 0;
        socklen_t len = sizeof(err);
        ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0 || (events[k].events & (EPOLLERR | EPOLLHUP))) {
          ++connect_failures;
          close_conn(i);
          c.due = after(now, 1);
          continue;
        }
        c.ever_opened = true;
        c.state = phase::idle;
        c.due = opts.period > 0 ? after(now, phase_of(rng)) : now;
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = i;
        ::epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
        continue;
      }
      if ((events[k].events & EPOLLOUT) && c.state == phase::waiting
          && c.written < c.request.size()) {
        auto w = ::send(c.fd, c.request.data() + c.written,
                        c.request.size() - c.written, MSG_NOSIGNAL);
        if (w > 0)
          c.written += static_cast<std::size_t>(w);
        if (c.written == c.request.size()) {
          epoll_event ev{};
          ev.events = EPOLLIN;
          ev.data.u64 = i;
          ::epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
        }
      }
      if (!(events[k].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
        continue;
      bool closed = false;
      for (;;) {
        auto r = ::recv(c.fd, buf.data(), buf.size(), 0);
        if (r > 0) {
          c.in.append(buf.data(), static_cast<std::size_t>(r));
          continue;
        }
        if (r == 0 || (errno != EAGAIN && errno != EINTR))
          closed = true;
        break;
      }
      int status = 0;
      while (auto len = complete_response(c.in, status)) {
        c.in.erase(0, len);
        if (c.state != phase::waiting)
          break; // unasked bytes: ignore
        double ms = std::chrono::duration<double, std::milli>(now - c.sent)
                      .count();
        c.longest_wait = std::max(c.longest_wait, ms / 1000);
        if (status == 503)
          ++c.unavailable;
        else if (status < 200 || status >= 400)
          ++c.other_status;
        else {
          ++c.answered;
          latencies_ms.push_back(ms);
        }
        c.state = phase::idle;
        c.due = opts.period > 0 ? after(c.sent, opts.period) : now;
        if (c.due < now)
          c.due = now;
      }
      if (closed) {
        if (c.state == phase::waiting)
          ++c.errors;
        close_conn(i);
        c.due = now; // reconnect at once
      }
    }
  }
  auto stop = clock_type::now();
  // Requests still waiting count with how long they waited so far.
  for (auto& c : conns)
    if (c.state == phase::waiting)
      c.longest_wait = std::max(c.longest_wait, seconds_since(c.sent, stop));
  uint64_t requests = 0, answered = 0, errors = 0, unavailable = 0, other = 0,
           reconnects = 0;
  std::size_t not_started = 0, starved = 0, never_answered = 0, waited_long = 0;
  double longest = 0;
  for (auto& c : conns) {
    requests += c.requests;
    answered += c.answered;
    errors += c.errors;
    unavailable += c.unavailable;
    other += c.other_status;
    reconnects += c.reconnects;
    if (!c.ever_opened) {
      ++not_started;
      continue;
    }
    longest = std::max(longest, c.longest_wait);
    bool none = c.answered == 0;
    bool slow = c.longest_wait > opts.starved_after;
    never_answered += none ? 1 : 0;
    waited_long += slow ? 1 : 0;
    starved += (none || slow) ? 1 : 0;
    if (c.fd >= 0)
      ::close(c.fd);
  }
  std::sort(latencies_ms.begin(), latencies_ms.end());
  auto pct = [&](double p) {
    if (latencies_ms.empty())
      return 0.0;
    auto at = static_cast<std::size_t>(p * (latencies_ms.size() - 1));
    return latencies_ms[at];
  };
  double run_s = seconds_since(start, stop);
  std::printf("connections: %d (%zu opened, %zu never opened), period %.3g s, "
              "%.3g s run (%.3g s ramp)\n",
              opts.connections, conns.size() - not_started, not_started,
              opts.period, run_s, opts.ramp);
  std::printf("requests: %llu sent, %llu answered 2xx/3xx, %llu 503, %llu "
              "other status, %llu errors, %llu reconnects, %llu connect "
              "failures\n",
              static_cast<unsigned long long>(requests),
              static_cast<unsigned long long>(answered),
              static_cast<unsigned long long>(unavailable),
              static_cast<unsigned long long>(other),
              static_cast<unsigned long long>(errors),
              static_cast<unsigned long long>(reconnects),
              static_cast<unsigned long long>(connect_failures));
  std::printf("latency ms: p50 %.2f p90 %.2f p99 %.2f max %.2f\n", pct(0.5),
              pct(0.9), pct(0.99), pct(1.0));
  std::printf("starved connections: %zu (no answer in the run: %zu, a wait "
              "over %.3g s: %zu); longest wait %.2f s\n",
              starved, never_answered, opts.starved_after, waited_long,
              longest);
  std::printf("RESULT connections=%d opened=%zu not_started=%zu "
              "requests=%llu answered=%llu status_503=%llu other_status=%llu "
              "errors=%llu starved=%zu never_answered=%zu "
              "p50_ms=%.2f p99_ms=%.2f max_ms=%.2f rps=%.1f\n",
              opts.connections, conns.size() - not_started, not_started,
              static_cast<unsigned long long>(requests),
              static_cast<unsigned long long>(answered),
              static_cast<unsigned long long>(unavailable),
              static_cast<unsigned long long>(other),
              static_cast<unsigned long long>(errors), starved, never_answered,
              pct(0.5), pct(0.99), pct(1.0), answered / std::max(run_s, 0.001));
  return 0;
}
