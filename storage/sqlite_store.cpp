#include "storage/sqlite_store.hpp"

#include <sqlite3.h>

#include <chrono>
#include <utility>

namespace storage {

namespace {

/// Resets a statement when leaving scope: a stepped statement that is not
/// reset keeps its read transaction open and blocks WAL checkpoints.
class statement_guard {
public:
  explicit statement_guard(sqlite3_stmt* stmt) : stmt_(stmt) {
    // nop
  }

  ~statement_guard() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  statement_guard(const statement_guard&) = delete;
  statement_guard& operator=(const statement_guard&) = delete;

private:
  sqlite3_stmt* stmt_;
};

int bind_text(sqlite3_stmt* stmt, int index, const std::string& x) {
  return sqlite3_bind_text(stmt, index, x.data(), static_cast<int>(x.size()),
                           SQLITE_STATIC);
}

sqlite3_int64 unix_seconds(clock::time_point x) {
  using std::chrono::duration_cast;
  using std::chrono::seconds;
  return duration_cast<seconds>(x.time_since_epoch()).count();
}

constexpr const char* schema_sql
  = "CREATE TABLE IF NOT EXISTS session("
    "guid TEXT PRIMARY KEY, state TEXT NOT NULL, updated INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS session_updated ON session(updated);";

} // namespace

expected<std::unique_ptr<sqlite_store>> sqlite_store::open(
  const std::string& path) {
  std::unique_ptr<sqlite_store> self{new sqlite_store};
  self->path_ = path;
  // The storage actor is the only user: no SQLite-level mutex needed.
  auto flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &self->db_, flags, nullptr) != SQLITE_OK)
    return self->fail("cannot open or create the database");
  sqlite3_extended_result_codes(self->db_, 1);
  sqlite3_busy_timeout(self->db_, 5000);
  if (sqlite3_db_readonly(self->db_, "main") == 1)
    return error{"storage " + path + ": the database file is read-only"};
  // The first read of the file: fails with "file is not a database" for
  // foreign files and reports damaged pages of corrupt ones.
  sqlite3_stmt* check = nullptr;
  if (sqlite3_prepare_v2(self->db_, "PRAGMA quick_check", -1, &check, nullptr)
      != SQLITE_OK)
    return self->fail("cannot read the database");
  std::string verdict;
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(check)) == SQLITE_ROW) {
    auto text = sqlite3_column_text(check, 0);
    if (!verdict.empty())
      verdict += "; ";
    verdict += text ? reinterpret_cast<const char*>(text) : "?";
  }
  sqlite3_finalize(check);
  if (rc != SQLITE_DONE)
    return self->fail("cannot read the database");
  if (verdict != "ok")
    return error{"storage " + path + ": the database is corrupt ("
                 + verdict.substr(0, 300) + ")"};
  sqlite3_stmt* wal = nullptr;
  if (sqlite3_prepare_v2(self->db_, "PRAGMA journal_mode=WAL", -1, &wal,
                         nullptr)
      != SQLITE_OK)
    return self->fail("cannot enable WAL mode");
  std::string mode;
  if (sqlite3_step(wal) == SQLITE_ROW)
    if (auto text = sqlite3_column_text(wal, 0))
      mode = reinterpret_cast<const char*>(text);
  sqlite3_finalize(wal);
  if (mode != "wal")
    return self->fail("cannot enable WAL mode");
  if (auto res = self->exec("PRAGMA synchronous=NORMAL"); !res)
    return res.err();
  if (auto res = self->exec(schema_sql); !res)
    return self->fail("cannot set up the session table");
  // Preparing checks the columns too: a foreign `session` table fails here.
  auto prepare = [&](const char* sql, sqlite3_stmt** out) {
    return sqlite3_prepare_v3(self->db_, sql, -1, SQLITE_PREPARE_PERSISTENT,
                              out, nullptr)
           == SQLITE_OK;
  };
  if (!prepare("SELECT state FROM session WHERE guid = ?1", &self->select_)
      || !prepare("INSERT INTO session(guid, state, updated) "
                  "VALUES(?1, ?2, ?3) ON CONFLICT(guid) DO UPDATE SET "
                  "state = excluded.state, updated = excluded.updated",
                  &self->upsert_)
      || !prepare("DELETE FROM session WHERE guid = ?1", &self->delete_)
      || !prepare("DELETE FROM session WHERE updated < ?1", &self->expire_))
    return self->fail("incompatible session table");
  return self;
}

sqlite_store::~sqlite_store() {
  sqlite3_finalize(select_);
  sqlite3_finalize(upsert_);
  sqlite3_finalize(delete_);
  sqlite3_finalize(expire_);
  sqlite3_close_v2(db_);
}

expected<std::optional<std::string>> sqlite_store::load(
  const std::string& guid) {
  statement_guard guard{select_};
  if (bind_text(select_, 1, guid) != SQLITE_OK)
    return fail("load failed");
  switch (sqlite3_step(select_)) {
    case SQLITE_ROW: {
      auto text = reinterpret_cast<const char*>(
        sqlite3_column_text(select_, 0));
      auto size = static_cast<std::size_t>(sqlite3_column_bytes(select_, 0));
      return std::optional<std::string>{std::string(text ? text : "", size)};
    }
    case SQLITE_DONE: return std::optional<std::string>{};
    default: return fail("load failed");
  }
}

expected<void> sqlite_store::save(const batch& xs) {
  if (xs.empty())
    return {};
  if (auto res = exec("BEGIN IMMEDIATE"); !res)
    return res;
  for (const auto& x : xs) {
    statement_guard guard{upsert_};
    if (bind_text(upsert_, 1, x.guid) != SQLITE_OK
        || bind_text(upsert_, 2, x.state) != SQLITE_OK
        || sqlite3_bind_int64(upsert_, 3, unix_seconds(x.last_used))
             != SQLITE_OK
        || sqlite3_step(upsert_) != SQLITE_DONE) {
      auto err = fail("save failed");
      if (!sqlite3_get_autocommit(db_))
        exec("ROLLBACK");
      return err;
    }
  }
  if (auto res = exec("COMMIT"); !res) {
    if (!sqlite3_get_autocommit(db_))
      exec("ROLLBACK");
    return res;
  }
  return {};
}

expected<void> sqlite_store::erase(const std::string& guid) {
  statement_guard guard{delete_};
  if (bind_text(delete_, 1, guid) != SQLITE_OK
      || sqlite3_step(delete_) != SQLITE_DONE)
    return fail("erase failed");
  return {};
}

expected<std::size_t> sqlite_store::expire(clock::time_point older_than) {
  statement_guard guard{expire_};
  if (sqlite3_bind_int64(expire_, 1, unix_seconds(older_than)) != SQLITE_OK
      || sqlite3_step(expire_) != SQLITE_DONE)
    return fail("expire failed");
  return static_cast<std::size_t>(sqlite3_changes(db_));
}

expected<void> sqlite_store::exec(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) == SQLITE_OK)
    return {};
  std::string text = msg ? msg : sqlite3_errmsg(db_);
  sqlite3_free(msg);
  return error{"storage " + path_ + ": " + text};
}

error sqlite_store::fail(const char* what) const {
  std::string msg = "storage " + path_ + ": " + what;
  if (db_ != nullptr) {
    msg += ": ";
    msg += sqlite3_errmsg(db_);
  } else {
    msg += ": out of memory";
  }
  return error{std::move(msg)};
}

} // namespace storage
