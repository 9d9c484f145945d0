#pragma once

#include "storage/store.hpp"

#include <memory>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace storage {

/// Sessions in one SQLite file: WAL mode, `synchronous=NORMAL`, table
/// `session(guid TEXT PRIMARY KEY, state TEXT NOT NULL, updated INTEGER NOT
/// NULL)` with `updated` in Unix seconds. Every statement is prepared once
/// and takes its values as bound parameters: a GUID never becomes SQL text
/// or a file name.
class sqlite_store final : public store {
public:
  /// Opens (or creates) the database at `path` and checks it: a file that is
  /// not a database, is corrupt, has an incompatible `session` table or
  /// cannot be created yields an error naming the path and the cause.
  static expected<std::unique_ptr<sqlite_store>> open(const std::string& path);

  ~sqlite_store() override;

  sqlite_store(const sqlite_store&) = delete;
  sqlite_store& operator=(const sqlite_store&) = delete;

  expected<std::optional<std::string>> load(const std::string& guid) override;

  /// One transaction per call: all records or none.
  expected<void> save(const batch& xs) override;

  expected<void> erase(const std::string& guid) override;

  expected<std::size_t> expire(clock::time_point older_than) override;

  bool persistent() const noexcept override {
    return true;
  }

private:
  sqlite_store() = default;

  /// Runs `sql` (no parameters); an error quotes SQLite's message.
  expected<void> exec(const char* sql);

  /// Builds an error from the connection's last message.
  error fail(const char* what) const;

  sqlite3* db_ = nullptr;
  sqlite3_stmt* select_ = nullptr;
  sqlite3_stmt* upsert_ = nullptr;
  sqlite3_stmt* delete_ = nullptr;
  sqlite3_stmt* expire_ = nullptr;
  std::string path_;
};

} // namespace storage
