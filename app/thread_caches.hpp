#pragma once

#include <optional>
#include <string>

namespace app {

/// Sizes glibc's per-thread caches of freed blocks (tcache).
///
/// glibc gives every thread that allocates a cache of up to 7 freed blocks
/// of each size up to 1 KB: about 240 KB a thread when full. A server with
/// hundreds of HTTP threads fills them slowly, over hours, which looks like
/// a leak (bench/results/soak/README.md). Caching small blocks only costs
/// time instead: a GET /todos allocates and frees five blocks of 272 to 978
/// bytes (the request's headers, its two messages, the answer's headers and
/// body). Uncached, each comes from glibc's bins, which hand out the oldest
/// free block of its size: with many sessions, cold memory anywhere in the
/// heap. So blocks of up to 1 KB are cached, two of each size: about 69 KB
/// a thread at most.
///
/// They can only be sized from the environment before the process starts,
/// so `main` calls this first. It restarts the process once, same PID and
/// arguments (execv of its own binary), with
/// `glibc.malloc.tcache_max=1032:glibc.malloc.tcache_count=2` added to
/// `GLIBC_TUNABLES`.
///
/// Does nothing when `GLIBC_TUNABLES` already sizes the caches (set by the
/// user, or after the restart), or with another C library. Returns only
/// when it did not restart.
void cap_thread_caches(char** argv);

/// The `GLIBC_TUNABLES` value `cap_thread_caches` restarts with, given the
/// current one (null when unset); `std::nullopt` when it leaves it alone.
std::optional<std::string> capped_tunables(const char* current);

} // namespace app
