#include "http/server.hpp"

#include "http/convert.hpp"
#include "http/errors.hpp"

#include <httplib.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <sys/socket.h>

namespace http {

namespace {

// Exposes the listening socket, so that we can listen again with a real
// backlog (Debian's httplib 0.11.4 hard-codes 5).
class tuned_server : public httplib::Server {
public:
  bool relisten(int backlog) {
    return ::listen(svr_sock_, backlog) == 0;
  }
};

} // namespace

struct server::impl {
  server_options opts;
  tuned_server svr;
  std::string error;
};

server::server(server_options opts, api_handler api, site_info info)
    : server(std::move(opts), [&api, &info](httplib::Server& svr) {
        register_routes(svr, std::move(api), std::move(info));
      }) {
  // nop
}

server::server(server_options opts, route_setup routes)
    : impl_(std::make_unique<impl>()) {
  impl_->opts = std::move(opts);
  auto& svr = impl_->svr;
  auto& o = impl_->opts;
  auto threads = o.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr.set_tcp_nodelay(true);
  svr.set_keep_alive_max_count(o.keep_alive_max);
  svr.set_keep_alive_timeout(o.keep_alive_timeout.count());
  svr.set_read_timeout(o.read_timeout.count());
  svr.set_write_timeout(o.write_timeout.count());
  svr.set_payload_max_length(o.max_body);
  // SO_REUSEADDR only: httplib's default SO_REUSEPORT would let a second
  // server share the port silently instead of failing.
  svr.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  // The router catches everything itself; this is the last line of
  // defence, and never shows exception text to the client (httplib's
  // default would put it in an EXCEPTION_WHAT header).
  svr.set_exception_handler(
    [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      std::cerr << "error: unhandled exception in the HTTP layer\n";
      to_wire(failure_response(failure::internal), res);
    });
  routes(svr);
}

server::~server() {
  stop();
}

int server::bind() {
  auto& o = impl_->opts;
  int port = o.port;
  if (port == 0) {
    port = impl_->svr.bind_to_any_port(o.host);
    if (port < 0) {
      impl_->error = "cannot bind " + o.host + ": " + std::strerror(errno);
      return -1;
    }
  } else if (!impl_->svr.bind_to_port(o.host.c_str(), port)) {
    impl_->error = "cannot listen on " + o.host + ":" + std::to_string(port)
                   + " (is another server using the port?)";
    return -1;
  }
  if (!impl_->svr.relisten(o.backlog)) {
    impl_->error = std::string{"listen failed: "} + std::strerror(errno);
    return -1;
  }
  return port;
}

bool server::run() {
  return impl_->svr.listen_after_bind();
}

void server::stop() {
  impl_->svr.stop();
}

bool server::running() const {
  return impl_->svr.is_running();
}

const std::string& server::error() const {
  return impl_->error;
}

} // namespace http
