#include "http/stop_signals.hpp"

#include <pthread.h>
#include <utility>

namespace http {

stop_signals::stop_signals() {
  sigemptyset(&set_);
  sigaddset(&set_, SIGTERM);
  sigaddset(&set_, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

stop_signals::~stop_signals() {
  join();
}

void stop_signals::watch(std::function<void(int)> on_stop) {
  thread_ = std::thread{[this, on_stop = std::move(on_stop)] {
    int sig = 0;
    sigwait(&set_, &sig);
    on_stop(sig);
  }};
}

void stop_signals::join() {
  if (!thread_.joinable())
    return;
  pthread_kill(thread_.native_handle(), SIGTERM);
  thread_.join();
}

} // namespace http
