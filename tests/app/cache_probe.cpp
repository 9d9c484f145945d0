// A helper for tests/app/allocator_test.cpp, run with the GLIBC_TUNABLES
// under test: prints which free block of 978 bytes (the size of a
// GET /todos answer's body) glibc hands out next. "fresh" is the block this
// thread freed last (its thread cache held it); "oldest" is the free block
// of that size that waited longest in the arena's bins, which on a server
// with many sessions is cold memory somewhere in the heap.

#include <cstdio>
#include <cstdlib>

int main() {
  constexpr std::size_t size = 978;
  void* oldest = std::malloc(size);
  void* guard1 = std::malloc(16); // keeps the blocks from merging
  void* fresh = std::malloc(size);
  void* guard2 = std::malloc(16);
  std::free(oldest);
  // A larger request sorts `oldest` into its size's bin (unless the thread
  // cache took it).
  void* sorter = std::malloc(4000);
  std::free(fresh);
  void* next = std::malloc(size);
  std::puts(next == fresh ? "fresh" : next == oldest ? "oldest" : "other");
  std::free(next);
  std::free(guard1);
  std::free(guard2);
  std::free(sorter);
  return 0;
}
