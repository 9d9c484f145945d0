#include "metrics/heap.hpp"

#if defined(__GLIBC__)
#  include <malloc.h>
#endif

namespace metrics {

std::optional<heap_usage> heap() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  auto x = ::mallinfo2();
  return heap_usage{static_cast<uint64_t>(x.uordblks + x.hblkhd),
                    static_cast<uint64_t>(x.fordblks)};
#else
  return std::nullopt;
#endif
}

} // namespace metrics
