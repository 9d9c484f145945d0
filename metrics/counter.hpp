#pragma once

#include <atomic>
#include <cstdint>

namespace metrics {

/// A monotonic count, safe to bump from any thread (relaxed atomics: a
/// reader sees every increment eventually, not in any order).
class counter {
public:
  void add(uint64_t n = 1) noexcept {
    value_.fetch_add(n, std::memory_order_relaxed);
  }

  uint64_t value() const noexcept {
    return value_.load(std::memory_order_relaxed);
  }

private:
  std::atomic<uint64_t> value_{0};
};

/// A value that goes up and down (e.g. live sessions, a queue depth).
class gauge {
public:
  void set(int64_t x) noexcept {
    value_.store(x, std::memory_order_relaxed);
  }

  void add(int64_t n) noexcept {
    value_.fetch_add(n, std::memory_order_relaxed);
  }

  int64_t value() const noexcept {
    return value_.load(std::memory_order_relaxed);
  }

private:
  std::atomic<int64_t> value_{0};
};

} // namespace metrics
