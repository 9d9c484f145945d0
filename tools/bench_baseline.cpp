// bench-baseline: the benchmark's reference point. A bare cpp-httplib server
// with challenge-server's exact tuning (http::server: worker pool,
// keep-alive, timeouts, TCP_NODELAY, listen backlog) that answers every
// request with one fixed JSON body: what the hardware and httplib can do
// without routing, sessions, actors or JSON rendering.

#include "http/routes.hpp"
#include "http/server.hpp"
#include "http/stop_signals.hpp"

#include <httplib.h>

#include <charconv>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <sys/socket.h>

namespace {

constexpr const char* usage_text
  = R"(bench-baseline: raw httplib with challenge-server's tuning.

Usage: bench-baseline [--port N] [--host ADDR] [--http-threads N]
                      [--body FILE] [--bounded]

Answers GET, HEAD, POST, PUT, DELETE, PATCH and OPTIONS on every path with
200 and a fixed application/json body: FILE's content (e.g. a real
GET /todos answer of challenge-server), else ten todos of about 1 KB.

Connections are served by httplib's own loop (raw httplib), or with
--bounded by challenge-server's (http/connection.cpp: request limits, one
send per response).
)";

// Ten todos, like a fresh challenger's GET /todos (about 1 KB).
std::string default_body() {
  std::string out = R"({"todos":[)";
  for (int i = 1; i <= 10; ++i) {
    if (i > 1)
      out += ',';
    out += R"({"id":)" + std::to_string(i)
           + R"(,"title":"a seeded todo of the baseline","doneStatus":false,)"
           + R"("description":"about the size of a real one"})";
  }
  out += "]}";
  return out;
}

// httplib's plain server with its own connection loop, exposing the
// listening socket to listen again with the same backlog as
// challenge-server (Debian's httplib 0.11.4 hard-codes 5).
class raw_server : public httplib::Server {
public:
  bool relisten(int backlog) {
    return ::listen(svr_sock_, backlog) == 0;
  }
};

// Serves with httplib's own loop until a stop signal; `opts` tunes it as
// challenge-server's own server is tuned.
int serve_raw(const http::server_options& opts,
              const httplib::Server::Handler& answer) {
  raw_server svr;
  http::tune(svr, opts);
  http::route_all(svr, answer);
  int port = opts.port == 0
               ? svr.bind_to_any_port(opts.host)
               : (svr.bind_to_port(opts.host.c_str(), opts.port) ? opts.port
                                                                 : -1);
  if (port < 0 || !svr.relisten(opts.backlog)) {
    std::cerr << "bench-baseline: cannot listen on " << opts.host << ':'
              << opts.port << '\n';
    return 1;
  }
  http::stop_signals signals;
  signals.watch([&svr](int) { svr.stop(); });
  std::cerr << "bench-baseline: raw httplib, listening on http://" << opts.host
            << ':' << port << std::endl;
  bool ok = svr.listen_after_bind();
  signals.join();
  return ok ? 0 : 1;
}

bool to_int(const std::string& x, long& out) {
  auto [end, ec] = std::from_chars(x.data(), x.data() + x.size(), out);
  return ec == std::errc{} && end == x.data() + x.size();
}

} // namespace

int main(int argc, char** argv) {
  http::server_options opts;
  opts.port = 0;
  bool bounded = false;
  std::string body = default_body();
  for (int i = 1; i < argc; ++i) {
    std::string name = argv[i];
    std::string value = i + 1 < argc ? argv[i + 1] : "";
    long n = 0;
    if (name == "--help" || name == "-h") {
      std::cout << usage_text;
      return 0;
    } else if (name == "--bounded") {
      bounded = true;
      continue;
    } else if (name == "--port" && to_int(value, n)) {
      opts.port = static_cast<int>(n);
    } else if (name == "--host" && !value.empty()) {
      opts.host = value;
    } else if (name == "--http-threads" && to_int(value, n) && n > 0) {
      opts.threads = static_cast<std::size_t>(n);
    } else if (name == "--body" && !value.empty()) {
      std::ifstream in{value, std::ios::binary};
      std::ostringstream text;
      text << in.rdbuf();
      if (!in) {
        std::cerr << "bench-baseline: cannot read " << value << '\n';
        return 1;
      }
      body = text.str();
    } else {
      std::cerr << "bench-baseline: bad argument: " << name
                << " (see --help)\n";
      return 2;
    }
    ++i;
  }
  auto answer = [&body](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, "application/json");
  };
  std::cerr << "bench-baseline: " << body.size() << "-byte body\n";
  if (!bounded)
    return serve_raw(opts, answer);
  http::stop_signals signals;
  http::server srv{opts, [&answer](httplib::Server& svr) {
                     http::route_all(svr, answer);
                   }};
  auto port = srv.bind();
  if (port < 0) {
    std::cerr << "bench-baseline: " << srv.error() << '\n';
    return 1;
  }
  signals.watch([&srv](int) { srv.stop(); });
  std::cerr << "bench-baseline: challenge-server's connection loop, "
               "listening on http://"
            << opts.host << ':' << port << std::endl;
  bool ok = srv.run();
  signals.join();
  return ok ? 0 : 1;
}
