#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace metrics {

/// A latency histogram with fixed bucket bounds from 50 µs to 10 s, lock
/// free: `observe` is two relaxed atomic increments and a short scan.
class histogram {
public:
  /// The upper bounds of the buckets (Prometheus `le`), ascending; one more
  /// bucket, +Inf, takes the rest.
  static constexpr std::array<std::chrono::nanoseconds, 17> bounds = {
    std::chrono::microseconds(50),   std::chrono::microseconds(100),
    std::chrono::microseconds(250),  std::chrono::microseconds(500),
    std::chrono::milliseconds(1),    std::chrono::microseconds(2500),
    std::chrono::milliseconds(5),    std::chrono::milliseconds(10),
    std::chrono::milliseconds(25),   std::chrono::milliseconds(50),
    std::chrono::milliseconds(100),  std::chrono::milliseconds(250),
    std::chrono::milliseconds(500),  std::chrono::seconds(1),
    std::chrono::milliseconds(2500), std::chrono::seconds(5),
    std::chrono::seconds(10),
  };

  /// Number of buckets, +Inf included.
  static constexpr std::size_t bucket_count = bounds.size() + 1;

  /// A consistent-enough copy for rendering.
  struct snapshot {
    /// Observations per bucket (not cumulative); the last is +Inf.
    std::array<uint64_t, bucket_count> buckets{};
    /// The number of observations (the sum of `buckets`).
    uint64_t count = 0;
    /// The sum of all observations.
    std::chrono::nanoseconds sum{0};
  };

  /// Returns the bucket that `x` falls into (`x <= bounds[i]`).
  static std::size_t bucket_of(std::chrono::nanoseconds x) noexcept;

  /// Records one observation.
  void observe(std::chrono::nanoseconds x) noexcept;

  /// Reads every bucket.
  snapshot read() const noexcept;

private:
  std::array<std::atomic<uint64_t>, bucket_count> buckets_{};
  std::atomic<int64_t> sum_ns_{0};
};

} // namespace metrics
