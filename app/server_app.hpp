#pragma once

#include "app/options.hpp"

#include <cstddef>
#include <memory>
#include <string>

/// The composition root: storage, the actor layer and the HTTP server,
/// wired from the options. `main.cpp` and the end-to-end tests both use it.
namespace app {

class server_app {
public:
  /// Opens storage and starts the actor layer. Returns `nullptr` with a
  /// message in `error` when storage cannot be opened (never silently runs
  /// without persistence).
  static std::unique_ptr<server_app> create(const options& opts,
                                            std::string& error);

  ~server_app();

  server_app(const server_app&) = delete;
  server_app& operator=(const server_app&) = delete;

  /// Binds the HTTP port; returns it, or -1 with a message in `error()`.
  int bind();

  /// Serves until `stop()`; returns false if serving failed.
  bool run();

  /// Stops accepting requests (thread-safe, e.g. from a signal thread).
  /// `GET /health` answers 503 from here on (see `drain`).
  void stop();

  /// Keeps serving, but `GET /health` answers 503 from now on, so that a
  /// load balancer stops sending new requests here (thread-safe).
  void drain();

  /// Whether the HTTP server is accepting connections.
  bool running() const;

  /// After `run()` returned: flushes every live session and commits
  /// storage. Idempotent.
  void shutdown();

  /// Live session actors (for tests).
  std::size_t live_sessions();

  const std::string& error() const;

private:
  server_app();
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace app
