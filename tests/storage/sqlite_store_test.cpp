#include "storage/sqlite_store.hpp"
#include "storage/store_contract.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <string>

using namespace std::chrono_literals;

namespace {

using storage::clock;

/// A fixed point in time, so that expiry is exact.
const clock::time_point t0 = clock::time_point{} + 1700000000s;

std::unique_ptr<storage::sqlite_store> open_ok(const std::string& path) {
  auto res = storage::sqlite_store::open(path);
  if (!res)
    FAIL("open failed: " << res.err().message);
  return std::move(*res);
}

/// Runs one query on a separate connection and returns the first column of
/// the first row.
std::string query(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr)
          == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
  std::string out;
  if (sqlite3_step(stmt) == SQLITE_ROW)
    if (auto text = sqlite3_column_text(stmt, 0))
      out = reinterpret_cast<const char*>(text);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

/// The backend of the shared store tests: one database file per test.
struct sqlite_backend {
  test::temp_dir dir;

  std::unique_ptr<storage::store> open() {
    return open_ok(dir.file("sessions.db"));
  }
};

} // namespace

TYPE_TO_STRING(sqlite_backend);

// (Template cases belong to no suite: doctest takes it from the definition.)
TEST_CASE_TEMPLATE_INVOKE(store_round_trip, sqlite_backend);
TEST_CASE_TEMPLATE_INVOKE(store_exact_text, sqlite_backend);
TEST_CASE_TEMPLATE_INVOKE(store_bound_parameters, sqlite_backend);
TEST_CASE_TEMPLATE_INVOKE(store_duplicate_guid, sqlite_backend);
TEST_CASE_TEMPLATE_INVOKE(store_erase, sqlite_backend);
TEST_CASE_TEMPLATE_INVOKE(store_expire, sqlite_backend);

TEST_SUITE("storage.sqlite_store") {
  TEST_CASE("the stored row holds the snapshot and its stamp in Unix "
            "seconds") {
    test::temp_dir dir;
    auto path = dir.file("sessions.db");
    auto st = open_ok(path);
    REQUIRE(st->save({{"a", "{\"v\":1}", t0}, {"b", "{\"v\":2}", t0}}));
    REQUIRE(st->save({{"a", "{\"v\":3}", t0 + 1s}}));
    CHECK(query(path, "SELECT count(*) FROM session") == "2");
    CHECK(query(path, "SELECT state FROM session WHERE guid = 'a'")
          == "{\"v\":3}");
    CHECK(query(path, "SELECT updated FROM session WHERE guid = 'a'")
          == std::to_string(1700000001));
  }

  TEST_CASE("the database runs in WAL mode with the documented table") {
    test::temp_dir dir;
    auto path = dir.file("sessions.db");
    auto st = open_ok(path);
    CHECK(query(path, "PRAGMA journal_mode") == "wal");
    CHECK(query(path, "SELECT sql FROM sqlite_master WHERE name = 'session'")
          == "CREATE TABLE session(guid TEXT PRIMARY KEY, state TEXT NOT NULL, "
             "updated INTEGER NOT NULL)");
  }

  TEST_CASE("a file that is not a database fails to open with a clear error") {
    test::temp_dir dir;
    auto path = dir.file("not-a-db.db");
    {
      std::ofstream out{path, std::ios::binary};
      for (int i = 0; i < 200; ++i)
        out << "this is a text file, not an SQLite database\n";
    }
    auto res = storage::sqlite_store::open(path);
    REQUIRE_FALSE(res.has_value());
    CAPTURE(res.err().message);
    CHECK(res.err().message.find(path) != std::string::npos);
    CHECK(res.err().message.find("not a database") != std::string::npos);
  }

  TEST_CASE("a corrupt database fails to open with a clear error") {
    test::temp_dir dir;
    auto path = dir.file("corrupt.db");
    {
      auto st = open_ok(path);
      storage::batch xs;
      for (int i = 0; i < 500; ++i)
        xs.push_back({"guid-" + std::to_string(i), std::string(300, 'x'), t0});
      REQUIRE(st->save(xs));
    } // closing the last connection checkpoints the WAL into the file
    {
      std::fstream io{path, std::ios::binary | std::ios::in | std::ios::out};
      io.seekp(4096 * 3);
      std::string garbage(4096 * 4, '\x5a');
      io.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    auto res = storage::sqlite_store::open(path);
    REQUIRE_FALSE(res.has_value());
    CAPTURE(res.err().message);
    CHECK(res.err().message.find(path) != std::string::npos);
    bool says_why = res.err().message.find("corrupt") != std::string::npos
                    || res.err().message.find("malformed") != std::string::npos;
    CHECK(says_why);
  }

  TEST_CASE("a database that cannot be created fails with a clear error") {
    test::temp_dir dir;
    auto path = dir.file("no-such-dir/sessions.db");
    auto res = storage::sqlite_store::open(path);
    REQUIRE_FALSE(res.has_value());
    CAPTURE(res.err().message);
    CHECK(res.err().message.find(path) != std::string::npos);
    CHECK(res.err().message.find("unable to open") != std::string::npos);
  }

  TEST_CASE("a foreign session table is rejected") {
    test::temp_dir dir;
    auto path = dir.file("foreign.db");
    {
      sqlite3* db = nullptr;
      REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
      REQUIRE(sqlite3_exec(db, "CREATE TABLE session(id INTEGER, data BLOB)",
                           nullptr, nullptr, nullptr)
              == SQLITE_OK);
      sqlite3_close(db);
    }
    auto res = storage::sqlite_store::open(path);
    REQUIRE_FALSE(res.has_value());
    CAPTURE(res.err().message);
    CHECK(res.err().message.find("session table") != std::string::npos);
    CHECK(res.err().message.find("no such column") != std::string::npos);
  }

} // TEST_SUITE
