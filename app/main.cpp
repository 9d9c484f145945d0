// challenge-server: parses the command line, starts the server, and on
// SIGTERM/SIGINT stops accepting, flushes every session and exits 0.

#include "app/options.hpp"
#include "app/server_app.hpp"

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <pthread.h>
#include <thread>

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = app::parse(args, std::getenv("PORT"));
  if (!parsed.error.empty()) {
    std::cerr << "challenge-server: " << parsed.error << '\n';
    return 2;
  }
  auto& opts = parsed.opts;
  if (opts.help) {
    std::cout << app::usage();
    return 0;
  }
  // Block the stop signals before any thread starts, so that only the
  // signal thread below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  std::string error;
  auto server = app::server_app::create(opts, error);
  if (!server) {
    std::cerr << "challenge-server: " << error << '\n';
    return 1;
  }
  auto port = server->bind();
  if (port < 0) {
    std::cerr << "challenge-server: " << server->error() << '\n';
    return 1;
  }
  std::thread signals{[&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::cerr << "challenge-server: stopping (signal " << sig << ")\n";
    server->stop();
  }};
  std::cerr << "challenge-server: "
            << (opts.api.mode == model::user_mode::multi_user ? "multi-user"
                                                              : "single-user")
            << " mode, storage "
            << (opts.storage.persistent ? "sqlite:" + opts.storage.path
                                        : std::string{"none"})
            << ", listening on http://" << opts.http.host << ':' << port
            << '\n';
  bool ok = server->run();
  server->shutdown();
  if (signals.joinable()) {
    // run() may also end without a signal: wake the signal thread.
    pthread_kill(signals.native_handle(), SIGTERM);
    signals.join();
  }
  std::cerr << "challenge-server: all sessions saved, bye\n";
  return ok ? 0 : 1;
}
