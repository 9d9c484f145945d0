#include "metrics/histogram.hpp"

namespace metrics {

std::size_t histogram::bucket_of(std::chrono::nanoseconds x) noexcept {
  std::size_t i = 0;
  while (i < bounds.size() && x > bounds[i])
    ++i;
  return i;
}

void histogram::observe(std::chrono::nanoseconds x) noexcept {
  if (x.count() < 0)
    x = std::chrono::nanoseconds{0};
  buckets_[bucket_of(x)].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(x.count(), std::memory_order_relaxed);
}

histogram::snapshot histogram::read() const noexcept {
  snapshot out;
  for (std::size_t i = 0; i < bucket_count; ++i) {
    out.buckets[i] = buckets_[i].load(std::memory_order_relaxed);
    out.count += out.buckets[i];
  }
  out.sum = std::chrono::nanoseconds{sum_ns_.load(std::memory_order_relaxed)};
  return out;
}

} // namespace metrics
