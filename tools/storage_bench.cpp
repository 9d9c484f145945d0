// storage-bench: time `store::save` of batches of snapshots against SQLite
// and PostgreSQL (one commit tick each), and compare two ways of writing a
// batch to PostgreSQL. Prints figures; asserts nothing.
//
//   storage-bench [--postgres CONNINFO] [--sqlite PATH] [--rounds N]
//
// Without --sqlite a database in a temp dir is used (and removed). The
// PostgreSQL database gets the server's tables; the rows written have GUIDs
// starting with "bench-" and are deleted afterwards. Snapshots are those of
// seeded challengers with a little progress (about 600 bytes). Each
// figure also comes as a RESULT line (store= batch= median_ms= mean_ms=
// per_snapshot_us=) for scripts/bench-cluster.

#include "model/challenge.hpp"
#include "model/challenger.hpp"
#include "storage/postgres_store.hpp"
#include "storage/snapshot.hpp"
#include "storage/sqlite_store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <libpq-fe.h>
#include <memory>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using steady = std::chrono::steady_clock;

/// `n` records with GUIDs from `offset` on.
storage::batch make_batch(std::size_t n, std::size_t offset) {
  storage::batch xs;
  xs.reserve(n);
  auto now = storage::clock::now();
  for (std::size_t i = 0; i < n; ++i) {
    auto guid = "bench-" + std::to_string(offset + i);
    auto c = model::make_challenger(guid, "token-" + std::to_string(i));
    c.done.set(model::index_of(model::challenge::GET_TODOS));
    xs.push_back({guid, storage::encode(c), now});
  }
  return xs;
}

struct figures {
  double median_ms = 0;
  double mean_ms = 0;
  double per_snapshot_us = 0;
};

/// Runs `save` on batches of `n` for `rounds` rounds (after one warm-up).
figures measure(const std::function<bool(const storage::batch&)>& save,
                std::size_t n, int rounds) {
  auto xs = make_batch(n, 0);
  if (!save(xs))
    return {};
  std::vector<double> ms;
  // Every round rewrites the same rows, as ticks of busy sessions do.
  for (int r = 0; r < rounds; ++r) {
    auto started = steady::now();
    if (!save(xs))
      return {};
    ms.push_back(
      std::chrono::duration<double, std::milli>(steady::now() - started)
        .count());
  }
  std::sort(ms.begin(), ms.end());
  figures f;
  f.median_ms = ms[ms.size() / 2];
  for (auto x : ms)
    f.mean_ms += x;
  f.mean_ms /= static_cast<double>(ms.size());
  f.per_snapshot_us = f.median_ms * 1000.0 / static_cast<double>(n);
  return f;
}

/// A line for people and a RESULT line for scripts (`store` names the
/// backend and method: sqlite, postgres, postgres-loop).
void print(const char* store, const char* what, std::size_t n,
           const figures& f) {
  std::printf("%-34s batch %4zu: median %8.3f ms, mean %8.3f ms, "
              "%7.1f us/snapshot\n",
              what, n, f.median_ms, f.mean_ms, f.per_snapshot_us);
  std::printf("RESULT store=%s batch=%zu median_ms=%.3f mean_ms=%.3f "
              "per_snapshot_us=%.1f\n",
              store, n, f.median_ms, f.mean_ms, f.per_snapshot_us);
}

/// The alternative to one `unnest` statement: a prepared single-row upsert
/// per record inside BEGIN/COMMIT (one round trip per record).
class loop_upsert {
public:
  explicit loop_upsert(const std::string& conninfo)
      : conn_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK)
      throw std::runtime_error(PQerrorMessage(conn_));
    PQclear(PQprepare(
      conn_, "upsert",
      "INSERT INTO sessions AS s (guid, snapshot, updated_at) VALUES ($1, $2, "
      "timestamptz 'epoch' + $3::bigint * interval '1 microsecond') "
      "ON CONFLICT (guid) DO UPDATE SET snapshot = excluded.snapshot, "
      "updated_at = excluded.updated_at, version = s.version + 1",
      3, nullptr));
  }

  ~loop_upsert() {
    PQfinish(conn_);
  }

  bool save(const storage::batch& xs) {
    if (!exec("BEGIN"))
      return false;
    for (auto& x : xs) {
      auto micros = std::to_string(
        std::chrono::duration_cast<std::chrono::microseconds>(
          x.last_used.time_since_epoch())
          .count());
      const char* values[] = {x.guid.c_str(), x.state.c_str(), micros.c_str()};
      auto* res = PQexecPrepared(conn_, "upsert", 3, values, nullptr, nullptr,
                                 0);
      bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
      PQclear(res);
      if (!ok) {
        std::cerr << PQerrorMessage(conn_);
        exec("ROLLBACK");
        return false;
      }
    }
    return exec("COMMIT");
  }

  bool exec(const char* sql) {
    auto* res = PQexec(conn_, sql);
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    return ok;
  }

private:
  PGconn* conn_;
};

} // namespace

int main(int argc, char** argv) {
  std::string postgres;
  std::string sqlite;
  int rounds = 30;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--postgres" && i + 1 < argc)
      postgres = argv[++i];
    else if (arg == "--sqlite" && i + 1 < argc)
      sqlite = argv[++i];
    else if (arg == "--rounds" && i + 1 < argc)
      rounds = std::max(1, std::atoi(argv[++i]));
    else {
      std::cerr << "usage: storage-bench [--postgres CONNINFO] [--sqlite "
                   "PATH] [--rounds N]\n";
      return 2;
    }
  }
  std::filesystem::path temp;
  if (sqlite.empty()) {
    auto pattern = (std::filesystem::temp_directory_path()
                    / "storage-bench-XXXXXX")
                     .string();
    if (::mkdtemp(pattern.data()) == nullptr)
      return 1;
    temp = pattern;
    sqlite = (temp / "bench.db").string();
  }
  std::printf("snapshot size: %zu bytes, %d rounds per batch size\n",
              make_batch(1, 0)[0].state.size(), rounds);
  const std::size_t sizes[] = {1, 50, 200, 500};
  int rc = 0;
  {
    auto st = storage::sqlite_store::open(sqlite);
    if (!st) {
      std::cerr << st.err().message << '\n';
      return 1;
    }
    auto save = [&](const storage::batch& xs) {
      auto res = (*st)->save(xs);
      if (!res)
        std::cerr << res.err().message << '\n';
      return res.has_value();
    };
    for (auto n : sizes)
      print("sqlite", "sqlite (WAL, synchronous=NORMAL)", n,
            measure(save, n, rounds));
  }
  if (!temp.empty())
    std::filesystem::remove_all(temp);
  if (!postgres.empty()) {
    auto st = storage::postgres_store::open(postgres);
    if (!st) {
      std::cerr << st.err().message << '\n';
      return 1;
    }
    auto save = [&](const storage::batch& xs) {
      auto res = (*st)->save(xs);
      if (!res)
        std::cerr << res.err().message << '\n';
      return res.has_value();
    };
    for (auto n : sizes)
      print("postgres", "postgres (one unnest upsert)", n,
            measure(save, n, rounds));
    loop_upsert loop{postgres};
    auto save_loop = [&](const storage::batch& xs) { return loop.save(xs); };
    for (auto n : sizes)
      print("postgres-loop", "postgres (upsert per row in BEGIN)", n,
            measure(save_loop, n, rounds));
    if (!loop.exec("DELETE FROM sessions WHERE guid LIKE 'bench-%'"))
      rc = 1;
  }
  return rc;
}
