#include "app/thread_caches.hpp"

#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <unistd.h>

namespace app {

namespace {

/// Blocks of up to 1 KB (glibc's largest cached size), two of each size.
constexpr const char* cache_sizes = "glibc.malloc.tcache_max=1032:"
                                    "glibc.malloc.tcache_count=2";

} // namespace

std::optional<std::string> capped_tunables(const char* current) {
  if (current == nullptr || *current == '\0')
    return std::string{cache_sizes};
  if (std::strstr(current, "glibc.malloc.tcache") != nullptr)
    return std::nullopt;
  return std::string{current} + ":" + cache_sizes;
}

void cap_thread_caches(char** argv) {
#if defined(__GLIBC__)
  const char* env = std::getenv("GLIBC_TUNABLES");
  auto value = capped_tunables(env);
  if (!value)
    return;
  std::optional<std::string> current;
  if (env != nullptr)
    current = env;
  // The binary's path, not /proc/self/exe itself: under a tool such as
  // valgrind the latter is the tool's own binary.
  char self[4096];
  auto n = ::readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n <= 0 || ::setenv("GLIBC_TUNABLES", value->c_str(), 1) != 0)
    return;
  self[n] = '\0';
  ::execv(self, argv);
  // No restart (no /proc?): run with glibc's defaults, and say nothing.
  if (current)
    ::setenv("GLIBC_TUNABLES", current->c_str(), 1);
  else
    ::unsetenv("GLIBC_TUNABLES");
#else
  (void)argv;
#endif
}

} // namespace app
