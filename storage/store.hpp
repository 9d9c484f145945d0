#pragma once

#include "storage/error.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

/// Durable session storage behind one interface (ARCHITECTURE §1, §7): the
/// actors see `store` only, so another backend (e.g. a shared PostgreSQL) needs
/// no change outside this folder.
namespace storage {

/// The clock of `last_used` stamps and retention (wall time: it survives
/// restarts).
using clock = std::chrono::system_clock;

/// One session to save: its GUID, its snapshot text (see `snapshot.hpp`) and
/// when it was last used.
struct record {
  std::string guid;
  std::string state;
  clock::time_point last_used;
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

  /// Whether saved snapshots survive a restart (decides the challenge set,
  /// BEHAVIOUR §1.2: 59 challenges without storage, 61 with).
  virtual bool persistent() const noexcept = 0;
};

} // namespace storage
