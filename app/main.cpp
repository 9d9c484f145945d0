// challenge-server: parses the command line, starts the server, and on
// SIGTERM/SIGINT drains for --drain-seconds (GET /health 503, the API still
// serving; a second signal cuts the drain short), then stops accepting,
// flushes every session and exits 0.

#include "app/descriptor_limit.hpp"
#include "app/options.hpp"
#include "app/server_app.hpp"
#include "app/thread_caches.hpp"
#include "http/stop_signals.hpp"

#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
  app::cap_thread_caches(argv); // may restart the process, once
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
  // One descriptor per keep-alive connection (ARCHITECTURE §5).
  auto files = app::raise_descriptor_limit();
  if (files && files->after < opts.http.threads + 64)
    std::cerr << "challenge-server: warning: the open-files limit is "
              << files->after << " (hard limit), below --http-threads "
              << opts.http.threads
              << ": connections beyond it wait for one to close; raise it with "
                 "ulimit -n or LimitNOFILE=\n";
  // Before any thread starts: only the watching thread gets the signals.
  http::stop_signals signals;
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
  signals.watch([&server, &signals, drain = opts.drain](int sig) {
    // After a server that stopped by itself, `join` signals this thread
    // too: nothing left to drain then.
    if (drain.count() > 0 && server->running()) {
      std::cerr << "challenge-server: draining for " << drain.count()
                << " s (signal " << sig << "): /health answers 503\n";
      server->drain();
      // A second signal ends the drain at once: the operator does not
      // want to wait (the sessions are still saved below).
      if (int again = signals.wait_another(drain); again != 0) {
        sig = again;
        std::cerr << "challenge-server: signal " << sig
                  << " during the drain: stopping now\n";
      }
    }
    std::cerr << "challenge-server: stopping (signal " << sig << ")\n";
    server->stop();
  });
  std::cerr << "challenge-server: "
            << (opts.api.mode == model::user_mode::multi_user ? "multi-user"
                                                              : "single-user")
            << " mode, storage " << app::describe(opts.storage)
            << ", listening on http://" << opts.http.host << ':' << port
            << '\n';
  bool ok = server->run();
  server->shutdown();
  signals.join();
  std::cerr << "challenge-server: all sessions saved, bye\n";
  return ok ? 0 : 1;
}
