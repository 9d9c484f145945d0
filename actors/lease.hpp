#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>

namespace actors {

/// The clock of leases on this node: monotonic, never compared with
/// another node's (the database decides expiry with its own clock).
using lease_clock = std::chrono::steady_clock;

/// Nanoseconds of `lease_clock`, as stored in the atomics below.
inline int64_t lease_now() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           lease_clock::now().time_since_epoch())
    .count();
}

/// The lease timing of this node (see docs/ARCHITECTURE.md, "Several
/// nodes"). A zero `period` means a single node: leases are not used.
struct lease_timing {
  /// How long a take or renewal holds the lease (the database's clock).
  std::chrono::milliseconds period{0};
  /// A session answers only while its lease has at least this much left
  /// (judged from when the renewal was sent); else it renews first.
  std::chrono::milliseconds margin{0};
  /// How often the storage actor looks for leases to renew.
  std::chrono::milliseconds renew_every{0};
  /// A lease is renewed once less than this is left of it: every lease a
  /// node holds for a live session, in one statement per pass.
  std::chrono::milliseconds renew_below{0};
  /// A session without a request for this long is quiet: it gives its
  /// lease up (lets it lapse) when another node asks for it.
  std::chrono::milliseconds quiet_after{0};

  /// The timing for `period` with commit ticks of `tick`: a margin of a
  /// fifth of the period (at least four ticks), a look for renewals every
  /// eighth, a renewal once half the period is left (at least the margin
  /// and two looks), quiet after a quarter.
  static lease_timing of(std::chrono::milliseconds period,
                         std::chrono::milliseconds tick) {
    lease_timing out;
    out.period = period;
    if (period.count() <= 0)
      return out;
    out.margin = std::max(period / 5, tick * 4);
    out.renew_every = std::max(period / 8, tick);
    out.renew_below = std::min(period,
                               std::max(period / 2,
                                        out.margin + 2 * out.renew_every));
    out.quiet_after = period / 4;
    return out;
  }
};

/// One session's lease on this node, shared by its session actor and the
/// storage actor (atomics: no message per request).
struct lease {
  explicit lease(std::string guid) : guid(std::move(guid)) {
    // nop
  }

  const std::string guid;
  /// Until when (`lease_now()`) this node may consider the lease its own:
  /// the time the take or renewal was *sent* plus the period. Zero: not
  /// held.
  std::atomic<int64_t> valid_until{0};
  /// When the session last got a request (quiet sessions give way to a
  /// node that asks for them).
  std::atomic<int64_t> last_request{0};
  /// Set when a write was refused or a renewal failed: the copy is stale.
  std::atomic<bool> lost{false};
  /// The row version this node holds (storage actor only).
  int64_t version = 0;

  /// Whether the session may answer now, with `margin` to spare.
  bool fresh(std::chrono::milliseconds margin) const noexcept {
    if (lost.load())
      return false;
    auto until = valid_until.load();
    if (until == std::numeric_limits<int64_t>::max())
      return true;
    return until - lease_now()
           > std::chrono::duration_cast<std::chrono::nanoseconds>(margin)
               .count();
  }
};

using lease_ptr = std::shared_ptr<lease>;

/// A granted first take: the snapshot and the lease.
struct take_reply {
  std::string snapshot;
  lease_ptr held;
};

} // namespace actors
