#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

namespace app {

/// Hands the allocator's free memory back to the system now and then.
///
/// glibc keeps what it freed in its arenas (up to eight per core, shared by
/// the HTTP and actor threads) for reuse: a server that served a burst keeps
/// the burst's high-water mark, and under a soak it ratchets up at every
/// burst although the live allocations stay flat (ARCHITECTURE §6). Every
/// `period` a thread checks the free bytes and, over `threshold`, trims them
/// (`malloc_trim`: free pages go back, the allocations stay where they are).
/// A no-op where the C library is not glibc.
class memory_trimmer {
public:
  memory_trimmer(std::chrono::milliseconds period, std::size_t threshold);

  /// Stops the thread (at once, not at the end of a period).
  ~memory_trimmer();

  memory_trimmer(const memory_trimmer&) = delete;
  memory_trimmer& operator=(const memory_trimmer&) = delete;

  /// Free bytes the allocator holds (glibc: `mallinfo2().fordblks`).
  static std::size_t free_bytes();

  /// Trims now. Returns whether memory went back to the system.
  static bool trim();

private:
  void run();

  std::chrono::milliseconds period_;
  std::size_t threshold_;
  std::mutex mtx_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

} // namespace app
