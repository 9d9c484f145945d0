#pragma once

#include "storage/error.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

/// Durable session storage behind one interface (ARCHITECTURE §1, §7): the
/// actors see `store` only, so another backend (e.g. a shared PostgreSQL) needs
/// no change outside this folder.
namespace storage {

/// The clock of `last_used` stamps and retention (wall time: it survives
/// restarts).
using clock = std::chrono::system_clock;

/// One session to save: its GUID, its snapshot text (see `snapshot.hpp`),
/// when it was last used and, for `write` with leases, the version this
/// node holds (-1: a new session, inserted only when the GUID is free).
struct record {
  std::string guid;
  std::string state;
  clock::time_point last_used;
  int64_t version = -1;
};

/// What `take` found.
enum class lease_status : uint8_t {
  /// The lease is this node's now (until the store's clock passes the
  /// lease period).
  granted,
  /// No session has that GUID.
  missing,
  /// Another node holds a live lease.
  busy,
  /// A re-take: the row moved on since the version this node holds.
  moved,
};

/// The answer of `take`: on a first take that is granted, the snapshot and
/// its version.
struct lease_grant {
  lease_status status = lease_status::missing;
  std::string snapshot;
  int64_t version = 0;
};

/// The outcome of `write`: the version each written GUID has now, and the
/// GUIDs whose write was refused (fenced: another owner, another version,
/// or a new session whose GUID was taken meanwhile).
struct write_result {
  std::vector<std::pair<std::string, int64_t>> written;
  std::vector<std::string> refused;
};

/// One lease to take in a batch: a first take (`held` empty) or a re-take
/// at the version this node holds.
struct take_request {
  std::string guid;
  std::optional<int64_t> held;
};

/// One lease to renew. A `quiet` session (no recent request) gives way to
/// another node that asked for it: its lease is then not extended.
struct renewal {
  std::string guid;
  bool quiet = false;
};

/// The outcome of `renew`: the leases extended, and those still this
/// node's but left to lapse because another node asked for them. A GUID in
/// neither is no longer this node's.
struct renew_result {
  std::vector<std::string> renewed;
  std::vector<std::string> yielded;
};

/// A batch of records saved in one transaction.
using batch = std::vector<record>;

/// A place that keeps session snapshots by GUID. Implementations are not
/// thread-safe: the storage actor is the only user.
class store {
public:
  virtual ~store() = default;

  /// Returns the snapshot stored for `guid`, `std::nullopt` when there is
  /// none, or an error when the backend failed.
  virtual expected<std::optional<std::string>> load(const std::string& guid)
    = 0;

  /// Inserts or replaces every record of `xs`, all or nothing.
  virtual expected<void> save(const batch& xs) = 0;

  /// Removes the snapshot of `guid` (no error when there is none).
  virtual expected<void> erase(const std::string& guid) = 0;

  /// Removes every snapshot last used before `older_than`; returns how many.
  virtual expected<std::size_t> expire(clock::time_point older_than) = 0;

  // -- leases: one live copy of a session across nodes ------------------------
  // A store shared by several nodes arbitrates which node serves a session
  // (docs/ARCHITECTURE.md, "Several nodes"). The defaults are a single
  // node's: every lease is granted and never lapses, and `write` is `save`.

  /// Whether this store arbitrates leases (false: single node).
  virtual bool leases() const noexcept {
    return false;
  }

  /// Takes the lease of `guid` for this node: a first take (`held` empty)
  /// also returns the snapshot and its version; a re-take is conditional
  /// on the version this node holds (`moved` when the row changed).
  virtual expected<lease_grant> take(const std::string& guid,
                                     std::optional<int64_t> held) {
    if (held)
      return lease_grant{lease_status::granted, {}, *held};
    auto res = load(guid);
    if (!res)
      return res.err();
    if (!res->has_value())
      return lease_grant{};
    return lease_grant{lease_status::granted, std::move(**res), 0};
  }

  /// Takes every lease of `xs` (one round trip where the store can);
  /// the grants in the order of `xs`.
  virtual expected<std::vector<lease_grant>> take_all(
    const std::vector<take_request>& xs) {
    std::vector<lease_grant> out;
    out.reserve(xs.size());
    for (auto& x : xs) {
      auto res = take(x.guid, x.held);
      if (!res)
        return res.err();
      out.push_back(std::move(*res));
    }
    return out;
  }

  /// Extends this node's leases of `xs` in one statement, except those of
  /// quiet sessions that another node asked for (see `renew_result`).
  virtual expected<renew_result> renew(const std::vector<renewal>& xs) {
    renew_result out;
    for (auto& x : xs)
      out.renewed.push_back(x.guid);
    return out;
  }

  /// Gives up this node's leases of `guids` (idle stop, shutdown).
  virtual expected<void> release(const std::vector<std::string>&) {
    return {};
  }

  /// Writes `xs` in one transaction, each record fenced by its version
  /// (with leases); the records refused are reported, not an error.
  virtual expected<write_result> write(const batch& xs) {
    auto res = save(xs);
    if (!res)
      return res.err();
    write_result out;
    out.written.reserve(xs.size());
    for (auto& x : xs)
      out.written.emplace_back(x.guid, x.version);
    return out;
  }

  /// Whether saved snapshots survive a restart (decides the challenge set,
  /// BEHAVIOUR §1.2: 59 challenges without storage, 61 with).
  virtual bool persistent() const noexcept = 0;
};

} // namespace storage
