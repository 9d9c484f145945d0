// A bare cpp-httplib server with challenge-server's tuning (threads,
// keep-alive, timeouts, backlog), answering GET /todos with a fixed ~1 KB
// JSON body: the baseline for scripts/bench-sessions. Not a test.

#include <httplib.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <sys/socket.h>

namespace {

// Exposes the listening socket, so that we can listen again with a real
// backlog (Debian's httplib 0.11.4 hard-codes 5), like http/server.cpp.
class tuned_server : public httplib::Server {
public:
  bool relisten(int backlog) {
    return ::listen(svr_sock_, backlog) == 0;
  }
};

// The ten seeded todos, with descriptions, about the size of a
// challenger's GET /todos answer.
std::string fixed_body() {
  std::string out = R"({"todos":[)";
  for (int i = 1; i <= 10; ++i) {
    if (i > 1)
      out += ',';
    out += R"({"id":)" + std::to_string(i) + R"(,"title":"seeded todo number )"
           + std::to_string(i) + R"(","doneStatus":false,)"
           + R"("description":"a description of about fifty characters"})";
  }
  out += "]}";
  return out;
}

} // namespace

int main(int argc, char** argv) {
  int port = 0;
  std::size_t threads = 256;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string name = argv[i];
    if (name == "--port")
      port = std::atoi(argv[i + 1]);
    else if (name == "--http-threads")
      threads = static_cast<std::size_t>(std::atol(argv[i + 1]));
  }
  tuned_server svr;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr.set_tcp_nodelay(true);
  svr.set_keep_alive_max_count(100000);
  svr.set_keep_alive_timeout(5);
  svr.set_read_timeout(5);
  svr.set_write_timeout(5);
  svr.set_payload_max_length(1 << 20);
  svr.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  const auto body = fixed_body();
  svr.Get("/todos", [&body](const httplib::Request& req,
                            httplib::Response& res) {
    res.set_header("X-CHALLENGER", req.get_header_value("X-CHALLENGER"));
    res.set_content(body, "application/json");
  });
  if (port == 0)
    port = svr.bind_to_any_port("127.0.0.1");
  else if (!svr.bind_to_port("127.0.0.1", port))
    port = -1;
  if (port < 0 || !svr.relisten(1024)) {
    std::cerr << "raw_httplib_server: cannot listen\n";
    return 1;
  }
  std::cerr << "raw_httplib_server: " << body.size()
            << "-byte body, listening on http://127.0.0.1:" << port
            << std::endl;
  return svr.listen_after_bind() ? 0 : 1;
}
