#include "app/memory_trimmer.hpp"

#include "metrics/heap.hpp"

#if defined(__GLIBC__)
#  include <malloc.h>
#endif

namespace app {

memory_trimmer::memory_trimmer(std::chrono::milliseconds period,
                               std::size_t threshold)
    : period_(period), threshold_(threshold) {
  thread_ = std::thread{[this] { run(); }};
}

memory_trimmer::~memory_trimmer() {
  {
    std::lock_guard<std::mutex> guard{mtx_};
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

std::size_t memory_trimmer::free_bytes() {
  auto heap = metrics::heap();
  return heap ? heap->free : 0;
}

bool memory_trimmer::trim() {
#if defined(__GLIBC__)
  return ::malloc_trim(0) == 1;
#else
  return false;
#endif
}

void memory_trimmer::run() {
  std::unique_lock<std::mutex> guard{mtx_};
  while (!cv_.wait_for(guard, period_, [this] { return stopping_; })) {
    guard.unlock();
    if (free_bytes() > threshold_)
      trim();
    guard.lock();
  }
}

} // namespace app
