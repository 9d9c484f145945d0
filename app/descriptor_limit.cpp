#include "app/descriptor_limit.hpp"

#include <fstream>
#include <sys/resource.h>

namespace app {

namespace {

/// The kernel's ceiling for RLIMIT_NOFILE (an unlimited hard limit cannot
/// be set as the soft one).
rlim_t kernel_ceiling() {
  std::ifstream in{"/proc/sys/fs/nr_open"};
  unsigned long long n = 0;
  if (in >> n && n > 0)
    return static_cast<rlim_t>(n);
  return 1 << 20; // Linux's default nr_open
}

} // namespace

std::optional<descriptor_limit> raise_descriptor_limit() {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0)
    return std::nullopt;
  descriptor_limit out;
  out.before = lim.rlim_cur;
  auto target = lim.rlim_max;
  if (target == RLIM_INFINITY || target > kernel_ceiling())
    target = kernel_ceiling();
  if (lim.rlim_cur != RLIM_INFINITY && lim.rlim_cur < target) {
    rlimit raised = lim;
    raised.rlim_cur = target;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
      lim = raised;
  }
  out.after = lim.rlim_cur;
  return out;
}

} // namespace app
