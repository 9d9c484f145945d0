#pragma once

// How a server process stops: SIGTERM or SIGINT, received by one thread.
// Shared by challenge-server and bench-baseline.

#include <chrono>
#include <csignal>
#include <functional>
#include <thread>

namespace http {

/// Construct first in `main`, before any thread starts: it blocks SIGTERM
/// and SIGINT (so that threads started later inherit the mask and only the
/// watching thread receives them) and ignores SIGPIPE (a client that hangs
/// up is an error on its connection, not the end of the process).
class stop_signals {
public:
  stop_signals();

  /// Joins the watching thread (see `join`).
  ~stop_signals();

  stop_signals(const stop_signals&) = delete;
  stop_signals& operator=(const stop_signals&) = delete;

  /// Starts the thread that waits for SIGTERM or SIGINT and then calls
  /// `on_stop` with the signal.
  void watch(std::function<void(int)> on_stop);

  /// From `on_stop` only (the watching thread): waits up to `limit` for
  /// another SIGTERM or SIGINT (or `join`'s). Returns it, or 0 when none
  /// came in time.
  int wait_another(std::chrono::milliseconds limit);

  /// Ends the watching thread: the server may also have stopped without a
  /// signal, so the thread is sent one (it then calls `on_stop` too).
  void join();

private:
  sigset_t set_;
  std::thread thread_;
};

} // namespace http
