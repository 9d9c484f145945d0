#pragma once

// Runs the real application (storage, actors, HTTP) in-process on an
// ephemeral port, for tier-3 tests.

#include "app/server_app.hpp"
#include "support/http_client.hpp"

#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>

namespace test {

class running_server {
public:
  explicit running_server(app::options opts) {
    opts.http.host = "127.0.0.1";
    opts.http.port = 0;
    opts.http.threads = opts.http.threads > 64 ? 64 : opts.http.threads;
    std::string error;
    app_ = app::server_app::create(opts, error);
    if (!app_)
      throw std::runtime_error(error);
    port_ = app_->bind();
    if (port_ < 0)
      throw std::runtime_error(app_->error());
    thread_ = std::thread{[this] { app_->run(); }};
    for (int i = 0; i < 500 && !app_->running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
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

  client make_client() const {
    return client{port_};
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
