#pragma once

#include <cstdint>
#include <optional>

namespace app {

/// The open-files limit (soft) before and after `raise_descriptor_limit`.
struct descriptor_limit {
  std::uint64_t before = 0;
  std::uint64_t after = 0;
};

/// Raises this process's soft open-files limit (RLIMIT_NOFILE) to its hard
/// limit, capped at what the kernel allows (`/proc/sys/fs/nr_open`). Every
/// keep-alive connection holds a descriptor, and many systems start
/// processes with a soft limit of 1024, below the default `--http-threads`
/// (ARCHITECTURE §5). `std::nullopt` when the limit cannot be read.
std::optional<descriptor_limit> raise_descriptor_limit();

} // namespace app
