// The memory trimmer (app/memory_trimmer.cpp): freed heap memory goes back
// to the system, by hand and from its thread, and the thread stops at once;
// and the sizes of glibc's thread caches (app/thread_caches.cpp).

#include "app/memory_trimmer.hpp"
#include "app/thread_caches.hpp"
#include "support/wait.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace std::chrono_literals;

namespace {

std::size_t resident_bytes() {
  auto* f = std::fopen("/proc/self/statm", "r");
  REQUIRE(f != nullptr);
  unsigned long size = 0;
  unsigned long resident = 0;
  REQUIRE(std::fscanf(f, "%lu %lu", &size, &resident) == 2);
  std::fclose(f);
  return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

constexpr std::size_t block_size = 4096;
constexpr std::size_t block_count = 10000; // 40 MB

/// Touches 40 MB of heap in blocks too large for the per-thread caches and
/// too small for mmap. Freeing all but the last (the heap's top) leaves free
/// memory inside the heap, which free() does not return.
struct fragmented_heap {
  fragmented_heap() {
    blocks.reserve(block_count);
    for (std::size_t i = 0; i < block_count; ++i) {
      blocks.emplace_back(new char[block_size]);
      std::memset(blocks.back().get(), 1, block_size);
    }
  }

  void release() {
    blocks.erase(blocks.begin(), blocks.end() - 1);
  }

  std::vector<std::unique_ptr<char[]>> blocks;
};

/// What tests/app/cache_probe.cpp prints when run with `tunables`.
std::string probe_with(const std::string& tunables) {
  auto command = "env GLIBC_TUNABLES=" + tunables + " " CACHE_PROBE_BINARY;
  auto* out = ::popen(command.c_str(), "r");
  REQUIRE(out != nullptr);
  char line[32] = {};
  auto got = std::fgets(line, sizeof(line), out);
  auto status = ::pclose(out);
  REQUIRE(got != nullptr);
  CHECK(status == 0);
  std::string answer{line};
  if (!answer.empty() && answer.back() == '\n')
    answer.pop_back();
  return answer;
}

} // namespace

TEST_SUITE("app.allocator") {
  TEST_CASE("freed memory stays with the allocator until trimmed") {
    fragmented_heap heap;
    heap.release();
    auto freed = resident_bytes();
    CHECK(app::memory_trimmer::free_bytes() >= block_count * block_size / 2);
    CHECK(app::memory_trimmer::trim());
    auto trimmed = resident_bytes();
    CAPTURE(freed);
    CAPTURE(trimmed);
    CHECK(trimmed + block_count * block_size / 2 < freed);
  }

  TEST_CASE("the trimmer's thread trims over its threshold") {
    app::memory_trimmer trimmer{20ms, 1 << 20};
    fragmented_heap heap;
    auto full = resident_bytes();
    heap.release();
    CHECK(test::wait_until(
      [&] { return resident_bytes() + block_count * block_size / 2 <= full; },
      20s, 10ms));
  }

  TEST_CASE("the trimmer stops at once, not at the end of its period") {
    auto started = std::chrono::steady_clock::now();
    {
      app::memory_trimmer trimmer{std::chrono::hours(1), 0};
      std::this_thread::sleep_for(10ms); // time for its thread to wait
    }
    // Far below the period, with room for a loaded machine.
    CHECK(std::chrono::steady_clock::now() - started < 10s);
  }

  TEST_CASE("with the server's tunables a thread reuses the 1 KB block it "
            "just freed, not the oldest free one") {
    auto sized = app::capped_tunables(nullptr);
    REQUIRE(sized);
    CHECK(probe_with(*sized) == "fresh");
    // Near misses: caching only blocks up to 256 bytes, or one of each
    // size, leaves the block to the bins, which hand out the oldest.
    CHECK(probe_with("glibc.malloc.tcache_max=256") == "oldest");
    CHECK(probe_with("glibc.malloc.tcache_max=1032:glibc.malloc.tcache_count=1")
          == "oldest");
  }

  TEST_CASE("the thread-cache sizes keep the user's tunables") {
    const std::string sized = "glibc.malloc.tcache_max=1032:"
                              "glibc.malloc.tcache_count=2";
    CHECK(app::capped_tunables(nullptr) == sized);
    CHECK(app::capped_tunables("") == sized);
    CHECK(app::capped_tunables("glibc.malloc.arena_max=2")
          == "glibc.malloc.arena_max=2:" + sized);
    // Caches the user sized, or sized by the first start: left alone.
    CHECK_FALSE(app::capped_tunables("glibc.malloc.tcache_count=3"));
    CHECK_FALSE(app::capped_tunables(
      "glibc.malloc.arena_max=2:glibc.malloc.tcache_max=1032"));
  }
}
