#pragma once

#include "http/api_handler.hpp"
#include "http/routes.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace http {

/// How the HTTP server is tuned (ARCHITECTURE §2, §5).
struct server_options {
  std::string host = "0.0.0.0";
  /// 0 binds an ephemeral port (tests).
  int port = 4567;
  /// Worker threads at most: one per concurrent keep-alive connection,
  /// started when needed (see `worker_pool`). High enough that thousands
  /// of keep-alive clients are each served at once rather than queued
  /// behind busy ones; an idle thread costs a few pages (ARCHITECTURE §6).
  std::size_t threads = 4096;
  /// A worker thread without a connection for this long ends.
  std::chrono::milliseconds idle_thread_exit{30000};
  /// Requests per keep-alive connection before it is closed.
  std::size_t keep_alive_max = 100000;
  /// How long an idle keep-alive connection may hold a worker.
  std::chrono::seconds keep_alive_timeout{5};
  /// Read/write timeouts: a client that stalls is cut off.
  std::chrono::seconds read_timeout{5};
  std::chrono::seconds write_timeout{5};
  /// Largest request body read at all (the API's own 5000-character limit
  /// answers with its message below this); larger ones get 413, declared
  /// or chunked.
  std::size_t max_body = 1 << 20;
  /// A request must arrive whole (line, headers, body) within this, or it
  /// gets 408 and the connection closes: a client trickling one byte a
  /// second cannot hold a worker thread.
  std::chrono::seconds request_timeout{30};
  /// Request line plus headers, in bytes; beyond it 431 (414 when the
  /// request line alone is that long).
  std::size_t max_head = 64 * 1024;
  /// The listen backlog (httplib hard-codes 5).
  int backlog = 1024;
};

/// Applies `o`'s worker pool, keep-alive, timeouts, body limit, socket
/// options (TCP_NODELAY, SO_REUSEADDR without SO_REUSEPORT) and a last-line
/// exception handler to a bare httplib server. `server` does this to its
/// own; the benchmark's raw baseline does it to httplib's plain server.
void tune(httplib::Server& svr, const server_options& o);

/// The HTTP server of the whole site.
class server {
public:
  /// Registers on a bare httplib server.
  using route_setup = std::function<void(httplib::Server&)>;

  /// The site: `register_routes(svr, hs)`.
  server(server_options opts, handlers hs);

  /// The same tuning with other routes (the benchmark's raw baseline).
  server(server_options opts, route_setup routes);
  ~server();

  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// Binds the listening socket; returns the bound port, or -1 with a
  /// message in `error()`.
  int bind();

  /// Serves until `stop()`; returns false if serving failed.
  bool run();

  /// Stops accepting and unblocks `run()`. Thread-safe.
  void stop();

  /// Whether `run()` is accepting connections.
  bool running() const;

  /// Why `bind()` failed.
  const std::string& error() const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace http
