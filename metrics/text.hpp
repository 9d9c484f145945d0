#pragma once

#include "metrics/histogram.hpp"

#include <cstdint>
#include <string>
#include <string_view>

/// Writers for the Prometheus text exposition format, version 0.0.4: one
/// `# HELP` and `# TYPE` line per metric family, then one line per sample.
namespace metrics::text {

/// The Content-Type of a `/metrics` answer.
inline constexpr std::string_view content_type = "text/plain; version=0.0.4";

/// Appends the `# HELP` and `# TYPE` lines of a family. `type` is
/// `counter`, `gauge` or `histogram`.
void family(std::string& out, std::string_view name, std::string_view type,
            std::string_view help);

/// Appends `name{labels} value`. `labels` is the inside of the braces, e.g.
/// `group="todos",status="200"`, or empty for none.
void sample(std::string& out, std::string_view name, std::string_view labels,
            uint64_t value);

/// The same for a value that may be negative.
void sample(std::string& out, std::string_view name, std::string_view labels,
            int64_t value);

/// Appends the cumulative `_bucket` lines (one per bound and `+Inf`), then
/// `_sum` (in seconds) and `_count` of a histogram.
void histogram(std::string& out, std::string_view name, std::string_view labels,
               const metrics::histogram::snapshot& x);

/// Appends `process_resident_memory_bytes` (from /proc/self/statm; nothing
/// where that is unavailable) and, with glibc, the allocator's live and free
/// bytes (`challenge_server_heap_allocated_bytes`, `..._heap_free_bytes`).
void process(std::string& out);

} // namespace metrics::text
