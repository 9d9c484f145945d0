#pragma once

#include <cstdint>
#include <optional>

namespace metrics {

/// What the C library's allocator holds.
struct heap_usage {
  /// Bytes in live allocations (glibc: `uordblks + hblkhd`).
  uint64_t allocated = 0;
  /// Free bytes it keeps rather than returning them (glibc: `fordblks`).
  uint64_t free = 0;
};

/// The allocator's figures (glibc `mallinfo2`); `std::nullopt` with another
/// C library or a glibc older than 2.33.
std::optional<heap_usage> heap();

} // namespace metrics
