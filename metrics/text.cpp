#include "metrics/text.hpp"

#include "metrics/heap.hpp"

#include <cstdio>
#include <unistd.h>

namespace metrics::text {

namespace {

void open_sample(std::string& out, std::string_view name,
                 std::string_view labels) {
  out += name;
  if (!labels.empty()) {
    out += '{';
    out += labels;
    out += '}';
  }
  out += ' ';
}

// Seconds as Prometheus clients print them: 5e-05, 0.00025, 2.5, 10.
std::string seconds(double x) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.9g", x);
  return buf;
}

} // namespace

void family(std::string& out, std::string_view name, std::string_view type,
            std::string_view help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void sample(std::string& out, std::string_view name, std::string_view labels,
            uint64_t value) {
  open_sample(out, name, labels);
  out += std::to_string(value);
  out += '\n';
}

void sample(std::string& out, std::string_view name, std::string_view labels,
            int64_t value) {
  open_sample(out, name, labels);
  out += std::to_string(value);
  out += '\n';
}

void histogram(std::string& out, std::string_view name, std::string_view labels,
               const metrics::histogram::snapshot& x) {
  std::string bucket{name};
  bucket += "_bucket";
  std::string prefix{labels};
  if (!prefix.empty())
    prefix += ',';
  uint64_t cumulative = 0;
  for (std::size_t i = 0; i < metrics::histogram::bucket_count; ++i) {
    cumulative += x.buckets[i];
    auto le = i < metrics::histogram::bounds.size() ? seconds(
                std::chrono::duration<double>(metrics::histogram::bounds[i])
                  .count())
                                                    : std::string{"+Inf"};
    sample(out, bucket, prefix + "le=\"" + le + "\"", cumulative);
  }
  open_sample(out, std::string{name} + "_sum", labels);
  out += seconds(std::chrono::duration<double>(x.sum).count());
  out += '\n';
  sample(out, std::string{name} + "_count", labels, x.count);
}

void process(std::string& out) {
  auto* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr)
    return;
  unsigned long size = 0;
  unsigned long resident = 0;
  int n = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  if (n != 2)
    return;
  auto page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  family(out, "process_resident_memory_bytes", "gauge",
         "Resident memory size in bytes.");
  sample(out, "process_resident_memory_bytes", "", resident * page);
  // What the allocator holds: live allocations against free memory it has
  // not returned. Resident memory growing with the first flat is a leak;
  // with the second, fragmentation.
  if (auto heap = metrics::heap()) {
    family(out, "challenge_server_heap_allocated_bytes", "gauge",
           "Bytes in live allocations (glibc mallinfo2: uordblks + hblkhd).");
    sample(out, "challenge_server_heap_allocated_bytes", "", heap->allocated);
    family(out, "challenge_server_heap_free_bytes", "gauge",
           "Free bytes the allocator keeps (glibc mallinfo2: fordblks).");
    sample(out, "challenge_server_heap_free_bytes", "", heap->free);
  }
}

} // namespace metrics::text
