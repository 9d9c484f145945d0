#include "app/thread_caches.hpp"

#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <unistd.h>

namespace app {

std::optional<std::string> capped_tunables(const char* current) {
  if (current == nullptr || *current == '\0')
    return std::string{"glibc.malloc.tcache_max=256"};
  if (std::strstr(current, "glibc.malloc.tcache") != nullptr)
    return std::nullopt;
  return std::string{current} + ":glibc.malloc.tcache_max=256";
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
