#include "http/server.hpp"

#include "http/connection.hpp"
#include "http/convert.hpp"
#include "http/worker_pool.hpp"
#include "model/failure.hpp"
#include "model/text.hpp"

#include <httplib.h>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace http {

namespace {

/// What `setup_request` needs of the headers, found in one pass: httplib's
/// own lookups compare names a `tolower` call a character, and a request
/// took eight of them here.
struct head_facts {
  /// The first Content-Length header's value (the one httplib reads).
  const std::string* content_length = nullptr;
  /// A Transfer-Encoding header is present.
  bool chunked = false;
};

/// Reads `headers` for `head_facts`, dropping every Accept-Encoding on the
/// way: answers are sent whole and uncompressed, as the original sent them
/// (BEHAVIOUR §7.1), where httplib would gzip them.
head_facts scan_head(httplib::Headers& headers) {
  using model::text::iequals;
  head_facts out;
  for (auto it = headers.begin(); it != headers.end();) {
    std::string_view name = it->first;
    if (iequals(name, "Accept-Encoding")) {
      it = headers.erase(it);
      continue;
    }
    if (out.content_length == nullptr && iequals(name, "Content-Length"))
      out.content_length = &it->second;
    else if (iequals(name, "Transfer-Encoding"))
      out.chunked = true;
    ++it;
  }
  return out;
}

/// A body that httplib reads is kept as sent, as the original kept it:
/// httplib would inflate a gzip body without bound (a 1 MB bomb is
/// gigabytes), and parse form and multipart bodies.
void keep_body_as_sent(httplib::Headers& headers) {
  using model::text::iequals;
  for (auto it = headers.begin(); it != headers.end();) {
    std::string_view name = it->first;
    if (iequals(name, "Content-Encoding")) {
      it = headers.erase(it);
      continue;
    }
    if (iequals(name, "Content-Type"))
      hide_form_content_type(it->second);
    ++it;
  }
}

// A body httplib will not read would be parsed as the next request on the
// connection. Jetty read and dropped it; so do we, after the answer. Such a
// body sent chunked is rare: the connection closes after the answer instead.
void skip_unread_body(connection& conn, const head_facts& head) {
  if (head.chunked) {
    conn.close_after_response();
    return;
  }
  if (head.content_length == nullptr || head.content_length->empty())
    return;
  auto& text = *head.content_length;
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size())
    conn.close_after_response();
  else
    conn.skip_body(n);
}

// The declared Content-Length of a body that is not chunked, if valid.
std::optional<std::size_t> declared_length(const head_facts& head) {
  if (head.chunked || head.content_length == nullptr)
    return std::nullopt;
  auto& text = *head.content_length;
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size())
    return std::nullopt;
  return n;
}

/// Sets the Content-Length httplib goes by (every one the request had goes).
void replace_content_length(httplib::Headers& headers, std::size_t n) {
  headers.erase("Content-Length");
  headers.emplace("Content-Length", std::to_string(n));
}

// The todo API checks the size of every body, whatever the method, and
// answers one over 5000 characters with its own 413 (BEHAVIOUR §2.4).
bool todo_api_path(const std::string& path) {
  return path == "/todos" || path.rfind("/todos/", 0) == 0;
}

// Runs once the headers are read, before httplib reads a body or routes.
// `max_body`: the most body bytes kept in memory.
void setup_request(connection& conn, httplib::Request& req,
                   std::size_t max_body) {
  auto head = scan_head(req.headers);
  // No byte ranges either (BEHAVIOUR §7.1).
  req.ranges.clear();
  auto todo_api = todo_api_path(req.path);
  auto length = declared_length(head);
  // httplib 0.11.4 reads a body for POST, PUT, PATCH and PRI, and for
  // DELETE only when it has a Content-Length.
  auto& m = req.method;
  if (m == "POST" || m == "PUT" || m == "PATCH" || m == "PRI"
      || (m == "DELETE" && head.content_length != nullptr)) {
    keep_body_as_sent(req.headers);
    // A todo-API body over our limit, declared: the original read it and
    // answered its 413 (which credits a challenge). httplib reads its
    // first `max_body` bytes, which is all that answer needs, and the rest
    // is read and dropped after the answer (BEHAVIOUR §7.2).
    if (todo_api && length && *length > max_body
        && conn.drain_body(*length - max_body))
      replace_content_length(req.headers, max_body);
  } else if (todo_api && length && *length > 0) {
    // A GET or HEAD body counts too: read (its first `max_body` bytes).
    // httplib, which never reads it, must not refuse its declared length.
    if (!conn.read_body(req.body, *length, max_body))
      req.body.clear();
    replace_content_length(req.headers, req.body.size());
  } else {
    skip_unread_body(conn, head);
  }
}

// httplib 0.11.4 applies its read timeout to each recv and has no limit on
// headers or chunked bodies, so a client trickling bytes holds a worker
// thread forever and a chunked body can fill memory. This server
// serves each connection with `http::connection` instead: the same request
// parser (httplib's `process_request`), with a deadline and byte budgets
// per request and one send per response.
class bounded_server final : public httplib::Server {
public:
  bounded_server(request_limits limits, std::size_t max_body)
      : limits_(limits), max_body_(max_body),
        stop_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    set_error_handler(HandlerWithResponse{
      [this](const httplib::Request& req, httplib::Response& res) {
        return on_error(req, res);
      }});
  }

  ~bounded_server() override {
    if (stop_fd_ >= 0)
      ::close(stop_fd_);
  }

  /// Exposes the listening socket, so that we can listen again with a real
  /// backlog (Debian's httplib 0.11.4 hard-codes 5).
  bool relisten(int backlog) {
    return ::listen(svr_sock_, backlog) == 0;
  }

  /// Called before httplib's stop(): idle keep-alive connections let go of
  /// their threads now instead of at their keep-alive timeout.
  void wake_idle_connections() {
    std::uint64_t one = 1;
    if (stop_fd_ >= 0 && ::write(stop_fd_, &one, sizeof(one)) < 0)
      std::cerr << "warning: cannot wake idle connections\n";
  }

private:
  // Overrides httplib's private virtual: runs on a worker thread, once per
  // accepted connection, and owns the socket.
  bool process_and_close_socket(socket_t sock) override {
    connection conn{sock, stop_fd_, limits_};
    std::chrono::milliseconds idle{keep_alive_timeout_sec_ * 1000};
    conn.set_keep_alive("timeout=" + std::to_string(keep_alive_timeout_sec_)
                        + ", max=" + std::to_string(keep_alive_max_count_));
    auto left = keep_alive_max_count_;
    auto ok = false;
    while (left > 0 && svr_sock_ != INVALID_SOCKET
           && conn.await_request(idle)) {
      conn.begin_request();
      conn.set_last_request(left == 1);
      auto closed = false;
      ok = process_request(conn, left == 1, closed,
                           [&conn, this](httplib::Request& req) {
                             conn.begin_body();
                             setup_request(conn, req, max_body_);
                           });
      if (!ok || closed || !conn.drop_unread() || !conn.keep())
        break;
      --left;
    }
    return ok; // conn's destructor sends what is left and closes
  }

  // httplib's own error answers (status >= 400, before any handler ran):
  // a request cut short by our limits gets its status and a clear message;
  // any malformed request closes the connection after the answer, since
  // what follows it on the wire is not a request.
  httplib::Server::HandlerResponse on_error(const httplib::Request& req,
                                            httplib::Response& res) const {
    auto* conn = connection::current();
    if (conn == nullptr || conn->answered())
      return HandlerResponse::Unhandled;
    switch (conn->cut()) {
      case cut_reason::deadline:
        to_wire(model::failure_response(model::failure::request_timeout,
                                        limits_.deadline.count() / 1000),
                res);
        return HandlerResponse::Handled;
      case cut_reason::head_too_large:
        if (res.status == 414) // the request line alone is that long
          return HandlerResponse::Unhandled;
        to_wire(model::failure_response(model::failure::headers_too_large,
                                        limits_.max_head),
                res);
        return HandlerResponse::Handled;
      case cut_reason::body_too_large:
        to_wire(model::failure_response(model::failure::body_too_large,
                                        max_body_),
                res);
        return HandlerResponse::Handled;
      case cut_reason::none: break;
    }
    if (!conn->head_complete() || (res.status == 400 && res.body.empty()))
      conn->close_after_response();
    if (res.status == 413
        && std::strtoull(req.get_header_value("Content-Length").c_str(),
                         nullptr, 10)
             > max_body_) {
      // A declared Content-Length over the limit (httplib skipped the body
      // up to our budget).
      conn->close_after_response();
      to_wire(model::failure_response(model::failure::body_too_large,
                                      max_body_),
              res);
      return HandlerResponse::Handled;
    }
    return HandlerResponse::Unhandled;
  }

  request_limits limits_;
  std::size_t max_body_;
  int stop_fd_;
};

std::unique_ptr<bounded_server> make_server(const server_options& o) {
  request_limits limits;
  limits.deadline = o.request_timeout;
  limits.max_head = o.max_head;
  // Chunk-size lines and trailers on top of the body itself.
  limits.max_body = o.max_body + 64 * 1024;
  limits.read_timeout = o.read_timeout;
  limits.write_timeout = o.write_timeout;
  return std::make_unique<bounded_server>(limits, o.max_body);
}

} // namespace

void tune(httplib::Server& svr, const server_options& o) {
  auto threads = o.threads;
  auto idle_exit = o.idle_thread_exit;
  svr.new_task_queue = [threads, idle_exit] {
    return new worker_pool(threads, idle_exit);
  };
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
      to_wire(model::failure_response(model::failure::internal), res);
    });
}

struct server::impl {
  server_options opts;
  std::unique_ptr<bounded_server> svr;
  std::string error;
};

server::server(server_options opts, handlers hs)
    : server(std::move(opts), [&hs](httplib::Server& svr) {
        register_routes(svr, std::move(hs));
      }) {
  // nop
}

server::server(server_options opts, route_setup routes)
    : impl_(std::make_unique<impl>()) {
  impl_->opts = std::move(opts);
  impl_->svr = make_server(impl_->opts);
  tune(*impl_->svr, impl_->opts);
  routes(*impl_->svr);
}

server::~server() {
  stop();
}

int server::bind() {
  auto& o = impl_->opts;
  int port = o.port;
  if (port == 0) {
    port = impl_->svr->bind_to_any_port(o.host);
    if (port < 0) {
      impl_->error = "cannot bind " + o.host + ": " + std::strerror(errno);
      return -1;
    }
  } else if (!impl_->svr->bind_to_port(o.host.c_str(), port)) {
    impl_->error = "cannot listen on " + o.host + ":" + std::to_string(port)
                   + " (is another server using the port?)";
    return -1;
  }
  if (!impl_->svr->relisten(o.backlog)) {
    impl_->error = std::string{"listen failed: "} + std::strerror(errno);
    return -1;
  }
  return port;
}

bool server::run() {
  return impl_->svr->listen_after_bind();
}

void server::stop() {
  impl_->svr->wake_idle_connections();
  impl_->svr->stop();
}

bool server::running() const {
  return impl_->svr->is_running();
}

const std::string& server::error() const {
  return impl_->error;
}

} // namespace http
