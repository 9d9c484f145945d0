#pragma once

// Runs the real application (storage, actors, HTTP) in-process on an
// ephemeral port, for tier-3 tests.

#include "app/server_app.hpp"
#include "support/wait.hpp"
#include "tools/walk/http_client.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <thread>

namespace test {

class running_server {
public:
  /// The default cap on HTTP worker threads: enough for every test that does
  /// not drive more concurrent keep-alive clients.
  static constexpr std::size_t default_max_threads = 64;

  /// Starts the app. HTTP workers (one per concurrent keep-alive
  /// connection) are capped at `max_threads`.
  explicit running_server(app::options opts,
                          std::size_t max_threads = default_max_threads) {
    opts.http.host = "127.0.0.1";
    opts.http.port = 0;
    opts.http.threads = std::min(opts.http.threads, max_threads);
    std::string error;
    app_ = app::server_app::create(opts, error);
    if (!app_)
      throw std::runtime_error(error);
    port_ = app_->bind();
    if (port_ < 0)
      throw std::runtime_error(app_->error());
    thread_ = std::thread{[this] { app_->run(); }};
    if (!wait_until([this] { return app_->running(); },
                    std::chrono::seconds(20), std::chrono::milliseconds(1))) {
      stop();
      throw std::runtime_error("the server did not start serving");
    }
  }

  ~running_server() {
    stop();
  }

  /// Stops serving and flushes every session (idempotent).
  void stop() {
    if (!app_)
      return;
    app_->stop();
    if (thread_.joinable())
      thread_.join();
    app_->shutdown();
    app_.reset();
  }

  int port() const {
    return port_;
  }

  walk::client make_client() const {
    return walk::client{port_};
  }

  app::server_app& app() {
    return *app_;
  }

private:
  std::unique_ptr<app::server_app> app_;
  std::thread thread_;
  int port_ = -1;
};

/// Options for a test server.
inline app::options options(model::user_mode mode, bool storage,
                            const std::string& db_path = {}) {
  app::options o;
  o.api.mode = mode;
  o.storage.persistent = storage;
  o.api.storage = storage;
  if (storage)
    o.storage.path = db_path;
  o.caf_threads = 2;
  return o;
}

} // namespace test
