#include "http/stop_signals.hpp"

#include <cerrno>
#include <ctime>
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

int stop_signals::wait_another(std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero())
      return 0;
    auto s = std::chrono::duration_cast<std::chrono::seconds>(left);
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left - s);
    timespec ts{static_cast<time_t>(s.count()), static_cast<long>(ns.count())};
    int sig = sigtimedwait(&set_, nullptr, &ts);
    if (sig > 0)
      return sig;
    if (errno != EINTR && errno != EAGAIN)
      return 0;
  }
}

void stop_signals::join() {
  if (!thread_.joinable())
    return;
  pthread_kill(thread_.native_handle(), SIGTERM);
  thread_.join();
}

} // namespace http
