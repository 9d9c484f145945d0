#include "storage/postgres_store.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <libpq-fe.h>
#include <poll.h>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace storage {

namespace {

/// Frees a result when leaving scope.
struct result_deleter {
  void operator()(PGresult* x) const {
    PQclear(x);
  }
};

using result_ptr = std::unique_ptr<PGresult, result_deleter>;

/// Frees the options of `PQconninfoParse`.
struct options_deleter {
  void operator()(PQconninfoOption* x) const {
    PQconninfoFree(x);
  }
};

using options_ptr = std::unique_ptr<PQconninfoOption, options_deleter>;

// Statement names, per connection.
constexpr const char* load_stmt = "challenge_load";
constexpr const char* save_stmt = "challenge_save";
constexpr const char* erase_stmt = "challenge_erase";
constexpr const char* expire_stmt = "challenge_expire";
constexpr const char* take_stmt = "challenge_take";
constexpr const char* want_stmt = "challenge_want";
constexpr const char* renew_stmt = "challenge_renew";
constexpr const char* release_stmt = "challenge_release";
constexpr const char* fenced_stmt = "challenge_fenced";
constexpr const char* create_stmt = "challenge_create";

// Leases: $2 is the node's id, $3 the lease period in milliseconds (text
// parameters). Expiry is the database's `now()`.
//
// Takes, a batch at once: $1 the GUIDs, $4 the version each re-take holds
// (-1: a first take, which also returns the snapshot). A take by a new
// owner clears the request of a node that waited for the session.
constexpr const char* take_sql
  = "UPDATE sessions AS s SET owner = $2, "
    "lease_until = now() + $3::bigint * interval '1 millisecond', "
    "wanted_until = CASE WHEN s.owner IS DISTINCT FROM $2 THEN NULL "
    "ELSE s.wanted_until END "
    "FROM unnest($1::text[], $4::bigint[]) AS x(g, v) "
    "WHERE s.guid = x.g "
    "AND (s.owner IS NULL OR s.owner = $2 OR s.lease_until < now()) "
    "AND (x.v < 0 OR s.version = x.v) "
    "RETURNING s.guid, s.version, CASE WHEN x.v < 0 THEN s.snapshot END";
/// After takes that found no row to update: unknown GUID (no row back),
/// another node's live lease (true: this node asks for the session, so
/// that its holder lets the lease lapse once the session is quiet), or a
/// re-take of an older version.
constexpr const char* want_sql
  = "UPDATE sessions SET wanted_until = CASE WHEN owner IS NOT NULL "
    "AND owner <> $2 AND lease_until >= now() "
    "THEN now() + $3::bigint * interval '1 millisecond' "
    "ELSE wanted_until END WHERE guid = ANY($1::text[]) "
    "RETURNING guid, owner IS NOT NULL AND owner <> $2 "
    "AND lease_until >= now()";
/// Renewal of every lease due, in one statement; $4 marks quiet sessions,
/// whose lease is kept as it is (left to lapse) while another node asks
/// for them. The GUIDs not returned are no longer ours.
constexpr const char* renew_sql
  = "UPDATE sessions AS s SET lease_until = CASE "
    "WHEN x.q AND s.wanted_until >= now() THEN s.lease_until "
    "ELSE now() + $3::bigint * interval '1 millisecond' END "
    "FROM unnest($1::text[], $4::bool[]) AS x(g, q) "
    "WHERE s.guid = x.g AND s.owner = $2 "
    "RETURNING s.guid, COALESCE(x.q AND s.wanted_until >= now(), false)";
constexpr const char* release_sql
  = "UPDATE sessions SET owner = NULL, lease_until = NULL "
    "WHERE owner = $2 AND guid = ANY($1::text[])";
constexpr const char* fenced_sql
  = "UPDATE sessions AS s SET snapshot = x.t, version = s.version + 1, "
    "updated_at = timestamptz 'epoch' + x.u * interval '1 microsecond' "
    "FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) "
    "AS x(g, t, u, v) "
    "WHERE s.guid = x.g AND s.owner = $5 AND s.version = x.v "
    "RETURNING s.guid, s.version";
constexpr const char* create_sql
  = "INSERT INTO sessions AS s (guid, snapshot, updated_at) "
    "SELECT g, t, timestamptz 'epoch' + u * interval '1 microsecond' "
    "FROM unnest($1::text[], $2::text[], $3::bigint[]) AS x(g, t, u) "
    "ON CONFLICT (guid) DO NOTHING RETURNING s.guid, s.version";

/// Every statement with a timestamp takes it as microseconds since the Unix
/// epoch (bigint): exact, and no time-zone text to format or parse.
constexpr const char* load_sql = "SELECT snapshot FROM sessions WHERE guid = "
                                 "$1";
constexpr const char* save_sql
  = "INSERT INTO sessions AS s (guid, snapshot, updated_at) "
    "SELECT g, t, timestamptz 'epoch' + u * interval '1 microsecond' "
    "FROM unnest($1::text[], $2::text[], $3::bigint[]) AS x(g, t, u) "
    "ON CONFLICT (guid) DO UPDATE SET snapshot = excluded.snapshot, "
    "updated_at = excluded.updated_at, version = s.version + 1";
constexpr const char* erase_sql = "DELETE FROM sessions WHERE guid = $1";
constexpr const char* expire_sql = "DELETE FROM sessions WHERE updated_at < "
                                   "timestamptz 'epoch' + $1::bigint * "
                                   "interval '1 microsecond'";

constexpr const char* schema_sql
  = "CREATE TABLE IF NOT EXISTS sessions("
    "guid text PRIMARY KEY, snapshot text NOT NULL, "
    "updated_at timestamptz NOT NULL, version bigint NOT NULL DEFAULT 0, "
    "owner text, lease_until timestamptz, wanted_until timestamptz);"
    "CREATE INDEX IF NOT EXISTS sessions_updated_at ON sessions(updated_at);"
    "INSERT INTO schema_version(version) VALUES (2)";

/// Version 1 had no `wanted_until`.
constexpr const char* migrate_v1_sql = "ALTER TABLE sessions ADD COLUMN IF NOT "
                                       "EXISTS wanted_until timestamptz;"
                                       "UPDATE schema_version SET version = 2";

/// Serialises the schema set-up of nodes that start at once (any constant
/// unlikely to clash with another application's advisory locks).
constexpr const char* lock_sql = "SELECT "
                                 "pg_advisory_xact_lock(7235423175906092853)";

// Built-in type OIDs (catalog/pg_type.h is not part of libpq-dev).
constexpr Oid bool_oid = 16;
constexpr Oid text_oid = 25;
constexpr Oid int8_oid = 20;

int64_t unix_micros(clock::time_point x) {
  using std::chrono::duration_cast;
  using std::chrono::microseconds;
  return duration_cast<microseconds>(x.time_since_epoch()).count();
}

/// libpq's messages end in a newline and continue on indented lines: one
/// line for a log.
std::string one_line(std::string_view x) {
  std::string out;
  out.reserve(x.size());
  bool space = false;
  for (char ch : x) {
    if (ch == '\n' || ch == '\r' || ch == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty())
      out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

/// Replaces every occurrence of `secret` in `x` by "***".
void scrub(std::string& x, const std::string& secret) {
  if (secret.empty())
    return;
  for (auto at = x.find(secret); at != std::string::npos;
       at = x.find(secret, at + 3))
    x.replace(at, secret.size(), "***");
}

/// Binary array parameters (the format of `array_recv`): no quoting or
/// escaping of snapshots, and the server does not parse them as text.
class array_writer {
public:
  array_writer(Oid element, std::size_t n) {
    put32(1); // dimensions
    put32(0); // no NULLs
    put32(static_cast<int32_t>(element));
    put32(static_cast<int32_t>(n));
    put32(1); // lower bound
  }

  void add(std::string_view x) {
    put32(static_cast<int32_t>(x.size()));
    buf_.append(x.data(), x.size());
  }

  void add(int64_t x) {
    put32(8);
    auto u = static_cast<uint64_t>(x);
    put32(static_cast<int32_t>(u >> 32));
    put32(static_cast<int32_t>(u & 0xFFFFFFFFu));
  }

  void add_bool(bool x) {
    put32(1);
    buf_.push_back(x ? 1 : 0);
  }

  void reserve(std::size_t n) {
    buf_.reserve(buf_.size() + n);
  }

  const std::string& bytes() const {
    return buf_;
  }

private:
  void put32(int32_t x) {
    uint32_t be = htonl(static_cast<uint32_t>(x));
    buf_.append(reinterpret_cast<const char*>(&be), 4);
  }

  std::string buf_;
};

bool ok(const result_ptr& res, ExecStatusType expected) {
  return res && PQresultStatus(res.get()) == expected;
}

/// Orders records by GUID: every statement then locks rows in one order.
void sort_by_guid(std::vector<const record*>& xs) {
  std::sort(xs.begin(), xs.end(),
            [](const record* x, const record* y) { return x->guid < y->guid; });
}

/// Runs prepared `stmt` with `params`; `binary[i]` marks binary ones.
result_ptr exec(pg_conn* conn, const char* stmt,
                const std::vector<const std::string*>& params,
                const std::vector<int>& binary) {
  std::vector<const char*> values;
  std::vector<int> lengths;
  for (auto* x : params) {
    values.push_back(x->c_str());
    lengths.push_back(static_cast<int>(x->size()));
  }
  return result_ptr{PQexecPrepared(conn, stmt, static_cast<int>(params.size()),
                                   values.data(), lengths.data(), binary.data(),
                                   0)};
}

} // namespace

std::string postgres_store::describe(const std::string& conninfo) {
  char* err = nullptr;
  options_ptr opts{PQconninfoParse(conninfo.c_str(), &err)};
  if (!opts) {
    PQfreemem(err);
    return "(invalid connection string)";
  }
  std::string out;
  for (std::string_view key : {"host", "hostaddr", "port", "dbname", "user"})
    for (auto* o = opts.get(); o->keyword != nullptr; ++o)
      if (key == o->keyword && o->val != nullptr && *o->val != '\0') {
        if (!out.empty())
          out += ' ';
        out += o->keyword;
        out += '=';
        out += o->val;
      }
  return out.empty() ? std::string{"(libpq defaults)"} : out;
}

expected<std::unique_ptr<postgres_store>> postgres_store::open(
  const std::string& conninfo) {
  std::unique_ptr<postgres_store> self{new postgres_store};
  self->conninfo_ = conninfo;
  self->who_ = describe(conninfo);
  {
    char* err = nullptr;
    options_ptr opts{PQconninfoParse(conninfo.c_str(), &err)};
    if (!opts) {
      std::string msg = "storage postgres: invalid connection string";
      // libpq quotes the part it could not read: keep it unless a password
      // might be in there.
      bool secret = conninfo.find("password") != std::string::npos
                    || conninfo.find('@') != std::string::npos;
      if (err != nullptr && !secret)
        msg += ": " + one_line(err);
      PQfreemem(err);
      return error{std::move(msg)};
    }
    for (auto* o = opts.get(); o->keyword != nullptr; ++o)
      if (std::strcmp(o->keyword, "password") == 0 && o->val != nullptr)
        self->password_ = o->val;
  }
  // Defaults the conninfo may override (it is expanded last): give up on
  // an unreachable host after 10 s, notice a dead peer, bound a statement
  // that waits for a lock, and name the client in pg_stat_activity.
  const char* keys[] = {"connect_timeout",
                        "keepalives_idle",
                        "keepalives_interval",
                        "keepalives_count",
                        "options",
                        "fallback_application_name",
                        "dbname",
                        nullptr};
  const char* values[] = {"10",
                          "10",
                          "5",
                          "3",
                          "-c statement_timeout=5000",
                          "challenge-server",
                          conninfo.c_str(),
                          nullptr};
  self->conn_ = PQconnectdbParams(keys, values, 1);
  if (self->conn_ == nullptr)
    return error{"storage postgres:" + self->who_ + ": out of memory"};
  if (PQstatus(self->conn_) != CONNECTION_OK)
    return self->fail("cannot connect");
  // Notices (and a goodbye while idle) would go to stderr: the errors that
  // matter come back from the calls.
  PQsetNoticeProcessor(
    self->conn_, [](void*, const char*) {}, nullptr);
  if (auto res = self->set_up(); !res)
    return res.err();
  return self;
}

postgres_store::~postgres_store() {
  PQfinish(conn_);
}

expected<void> postgres_store::set_up() {
  auto run = [this](const char* sql, ExecStatusType want) {
    result_ptr res{PQexec(conn_, sql)};
    return ok(res, want);
  };
  auto abort = [this](error err) {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE)
      result_ptr{PQexec(conn_, "ROLLBACK")};
    return err;
  };
  if (!run("BEGIN", PGRES_COMMAND_OK) || !run(lock_sql, PGRES_TUPLES_OK)
      || !run("CREATE TABLE IF NOT EXISTS schema_version("
              "version integer NOT NULL)",
              PGRES_COMMAND_OK))
    return abort(fail("cannot set up the schema"));
  result_ptr res{PQexec(conn_, "SELECT max(version) FROM schema_version")};
  if (!ok(res, PGRES_TUPLES_OK) || PQntuples(res.get()) != 1)
    return abort(fail("cannot read the schema version"));
  if (PQgetisnull(res.get(), 0, 0)) {
    if (!run(schema_sql, PGRES_COMMAND_OK))
      return abort(fail("cannot create the sessions table"));
  } else {
    auto version = std::atol(PQgetvalue(res.get(), 0, 0));
    if (version > schema_version)
      return abort(
        error{"storage postgres:" + who_ + ": the database has schema version "
              + std::to_string(version) + ", newer than this binary knows ("
              + std::to_string(schema_version)
              + "): run a newer challenge-server or use another "
                "database"});
    if (version == 1 && !run(migrate_v1_sql, PGRES_COMMAND_OK))
      return abort(fail("cannot migrate the sessions table to version 2"));
  }
  if (!run("COMMIT", PGRES_COMMAND_OK))
    return abort(fail("cannot set up the schema"));
  return prepare();
}

expected<void> postgres_store::prepare() {
  struct stmt {
    const char* name;
    const char* sql;
    int params;
  };
  // After a half-done attempt some names may exist already.
  result_ptr{PQexec(conn_, "DEALLOCATE ALL")};
  for (auto [name, sql, n] :
       {stmt{load_stmt, load_sql, 1}, stmt{save_stmt, save_sql, 3},
        stmt{erase_stmt, erase_sql, 1}, stmt{expire_stmt, expire_sql, 1},
        stmt{take_stmt, take_sql, 4}, stmt{want_stmt, want_sql, 3},
        stmt{renew_stmt, renew_sql, 4}, stmt{release_stmt, release_sql, 2},
        stmt{fenced_stmt, fenced_sql, 5}, stmt{create_stmt, create_sql, 3}}) {
    result_ptr res{PQprepare(conn_, name, sql, n, nullptr)};
    if (!ok(res, PGRES_COMMAND_OK)) {
      unprepared_ = true;
      return fail("incompatible sessions table");
    }
  }
  unprepared_ = false;
  return {};
}

expected<void> postgres_store::ready() {
  // A server that shut down or dropped us while we were idle has sent its
  // goodbye (a FATAL message) and closed the socket: reading both without
  // blocking marks the connection bad, so this call reconnects instead of
  // failing once.
  for (int i = 0; i < 4 && PQstatus(conn_) == CONNECTION_OK; ++i) {
    pollfd fd{PQsocket(conn_), POLLIN, 0};
    if (::poll(&fd, 1, 0) <= 0 || fd.revents == 0)
      break;
    PQconsumeInput(conn_);
    PQisBusy(conn_); // parses what arrived: the goodbye goes to the notices
  }
  if (PQstatus(conn_) != CONNECTION_OK) {
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK)
      return fail("connection lost, reconnecting failed");
    unprepared_ = true;
  }
  if (unprepared_)
    return prepare();
  return {};
}

expected<std::optional<std::string>> postgres_store::load(
  const std::string& guid) {
  if (auto res = ready(); !res)
    return res.err();
  auto res = exec(conn_, load_stmt, {&guid}, {1});
  if (!ok(res, PGRES_TUPLES_OK))
    return fail("load failed");
  if (PQntuples(res.get()) == 0)
    return std::optional<std::string>{};
  return std::optional<std::string>{
    std::string(PQgetvalue(res.get(), 0, 0),
                static_cast<std::size_t>(PQgetlength(res.get(), 0, 0)))};
}

expected<void> postgres_store::save(const batch& xs) {
  if (xs.empty())
    return {};
  if (auto res = ready(); !res)
    return res.err();
  // ON CONFLICT cannot touch one row twice in a statement: keep the last
  // record of each GUID, in the order given.
  std::vector<const record*> rows;
  rows.reserve(xs.size());
  {
    std::unordered_set<std::string_view> seen;
    seen.reserve(xs.size());
    for (auto i = xs.rbegin(); i != xs.rend(); ++i)
      if (seen.insert(i->guid).second)
        rows.push_back(&*i);
  }
  // Rows are locked in array order: in GUID order, two nodes committing
  // overlapping batches wait for each other instead of deadlocking.
  sort_by_guid(rows);
  array_writer guids{text_oid, rows.size()};
  array_writer states{text_oid, rows.size()};
  array_writer stamps{int8_oid, rows.size()};
  std::size_t state_bytes = 0;
  for (auto* x : rows)
    state_bytes += x->state.size() + 4;
  states.reserve(state_bytes);
  for (auto* x : rows) {
    guids.add(x->guid);
    states.add(x->state);
    stamps.add(unix_micros(x->last_used));
  }
  const char* values[] = {guids.bytes().data(), states.bytes().data(),
                          stamps.bytes().data()};
  int lengths[] = {static_cast<int>(guids.bytes().size()),
                   static_cast<int>(states.bytes().size()),
                   static_cast<int>(stamps.bytes().size())};
  int formats[] = {1, 1, 1};
  result_ptr res{
    PQexecPrepared(conn_, save_stmt, 3, values, lengths, formats, 0)};
  if (!ok(res, PGRES_COMMAND_OK))
    return fail("save of " + std::to_string(rows.size())
                + " session(s) failed");
  return {};
}

expected<void> postgres_store::erase(const std::string& guid) {
  if (auto res = ready(); !res)
    return res.err();
  auto res = exec(conn_, erase_stmt, {&guid}, {1});
  if (!ok(res, PGRES_COMMAND_OK))
    return fail("erase failed");
  return {};
}

expected<std::size_t> postgres_store::expire(clock::time_point older_than) {
  if (auto res = ready(); !res)
    return res.err();
  auto cutoff = std::to_string(unix_micros(older_than));
  const char* values[] = {cutoff.c_str()};
  result_ptr res{
    PQexecPrepared(conn_, expire_stmt, 1, values, nullptr, nullptr, 0)};
  if (!ok(res, PGRES_COMMAND_OK))
    return fail("expire failed");
  return static_cast<std::size_t>(
    std::strtoull(PQcmdTuples(res.get()), nullptr, 10));
}

void postgres_store::use_leases(std::string node,
                                std::chrono::milliseconds period) {
  node_ = std::move(node);
  period_ms_ = std::to_string(period.count());
}

namespace {

std::string cell(const result_ptr& res, int row, int col) {
  return std::string(PQgetvalue(res.get(), row, col),
                     static_cast<std::size_t>(
                       PQgetlength(res.get(), row, col)));
}

std::string text_array(const std::vector<std::string>& xs) {
  array_writer out{text_oid, xs.size()};
  for (auto& x : xs)
    out.add(x);
  return out.bytes();
}

} // namespace

expected<lease_grant> postgres_store::take(const std::string& guid,
                                           std::optional<int64_t> held) {
  if (node_.empty())
    return store::take(guid, held);
  auto res = take_all({take_request{guid, held}});
  if (!res)
    return res.err();
  return std::move(res->front());
}

expected<std::vector<lease_grant>> postgres_store::take_all(
  const std::vector<take_request>& xs) {
  if (node_.empty())
    return store::take_all(xs);
  std::vector<lease_grant> out(xs.size());
  if (xs.empty())
    return out;
  // One statement touches a row once: a GUID asked twice (rare: a session
  // leaving while its successor starts) goes to a second batch.
  std::vector<std::size_t> now, later;
  {
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < xs.size(); ++i)
      (seen.insert(xs[i].guid).second ? now : later).push_back(i);
  }
  // In GUID order, as every statement here locks rows.
  std::sort(now.begin(), now.end(), [&xs](std::size_t i, std::size_t j) {
    return xs[i].guid < xs[j].guid;
  });
  if (auto res = ready(); !res)
    return res.err();
  array_writer guids{text_oid, now.size()};
  array_writer versions{int8_oid, now.size()};
  std::unordered_map<std::string_view, std::size_t> index;
  for (auto i : now) {
    guids.add(xs[i].guid);
    versions.add(xs[i].held ? *xs[i].held : int64_t{-1});
    index.emplace(xs[i].guid, i);
  }
  auto g = guids.bytes();
  auto v = versions.bytes();
  result_ptr res = exec(conn_, take_stmt, {&g, &node_, &period_ms_, &v},
                        {1, 0, 0, 1});
  if (!ok(res, PGRES_TUPLES_OK))
    return fail("take of " + std::to_string(now.size()) + " lease(s) failed");
  std::vector<bool> granted(xs.size(), false);
  for (int r = 0; r < PQntuples(res.get()); ++r) {
    auto i = index.at(cell(res, r, 0));
    granted[i] = true;
    auto& grant = out[i];
    grant.status = lease_status::granted;
    grant.version = std::atoll(PQgetvalue(res.get(), r, 1));
    if (!xs[i].held)
      grant.snapshot = cell(res, r, 2);
  }
  std::vector<std::string> rest;
  for (auto i : now)
    if (!granted[i])
      rest.push_back(xs[i].guid);
  if (!rest.empty()) {
    auto arr = text_array(rest);
    result_ptr probe = exec(conn_, want_stmt, {&arr, &node_, &period_ms_},
                            {1, 0, 0});
    if (!ok(probe, PGRES_TUPLES_OK))
      return fail("take failed");
    // No row: an unknown GUID (`missing`, the default).
    for (int r = 0; r < PQntuples(probe.get()); ++r) {
      auto i = index.at(cell(probe, r, 0));
      bool busy = cell(probe, r, 1) == "t";
      // Free but not at our version (a re-take), or freed in between.
      out[i].status = busy || !xs[i].held ? lease_status::busy
                                          : lease_status::moved;
    }
  }
  if (!later.empty()) {
    std::vector<take_request> again;
    for (auto i : later)
      again.push_back(xs[i]);
    auto res2 = take_all(again);
    if (!res2)
      return res2.err();
    for (std::size_t k = 0; k < later.size(); ++k)
      out[later[k]] = std::move((*res2)[k]);
  }
  return out;
}

expected<renew_result> postgres_store::renew(const std::vector<renewal>& xs) {
  if (node_.empty() || xs.empty())
    return store::renew(xs);
  if (auto res = ready(); !res)
    return res.err();
  std::vector<const renewal*> rows;
  {
    std::unordered_set<std::string_view> seen;
    for (auto& x : xs)
      if (seen.insert(x.guid).second)
        rows.push_back(&x);
  }
  std::sort(rows.begin(), rows.end(), [](const renewal* x, const renewal* y) {
    return x->guid < y->guid;
  });
  array_writer guids{text_oid, rows.size()};
  array_writer quiet{bool_oid, rows.size()};
  for (auto* x : rows) {
    guids.add(x->guid);
    quiet.add_bool(x->quiet);
  }
  auto g = guids.bytes();
  auto q = quiet.bytes();
  result_ptr res = exec(conn_, renew_stmt, {&g, &node_, &period_ms_, &q},
                        {1, 0, 0, 1});
  if (!ok(res, PGRES_TUPLES_OK))
    return fail("lease renewal failed");
  renew_result out;
  for (int i = 0; i < PQntuples(res.get()); ++i) {
    if (cell(res, i, 1) == "t")
      out.yielded.push_back(cell(res, i, 0));
    else
      out.renewed.push_back(cell(res, i, 0));
  }
  return out;
}

expected<void> postgres_store::release(const std::vector<std::string>& guids) {
  if (node_.empty() || guids.empty())
    return {};
  if (auto res = ready(); !res)
    return res.err();
  auto arr = text_array(guids);
  result_ptr res = exec(conn_, release_stmt, {&arr, &node_}, {1, 0});
  if (!ok(res, PGRES_COMMAND_OK))
    return fail("lease release failed");
  return {};
}

expected<write_result> postgres_store::write(const batch& xs) {
  if (node_.empty())
    return store::write(xs);
  write_result out;
  if (xs.empty())
    return out;
  if (auto res = ready(); !res)
    return res.err();
  // The last record of each GUID wins (as in `save`).
  std::vector<const record*> fenced, fresh;
  {
    std::unordered_set<std::string_view> seen;
    for (auto i = xs.rbegin(); i != xs.rend(); ++i)
      if (seen.insert(i->guid).second)
        (i->version < 0 ? fresh : fenced).push_back(&*i);
  }
  sort_by_guid(fenced); // as in `save`: no deadlock between nodes
  sort_by_guid(fresh);
  auto arrays = [](const std::vector<const record*>& rows, bool versions) {
    array_writer g{text_oid, rows.size()}, t{text_oid, rows.size()},
      u{int8_oid, rows.size()}, v{int8_oid, rows.size()};
    for (auto* x : rows) {
      g.add(x->guid);
      t.add(x->state);
      u.add(unix_micros(x->last_used));
      if (versions)
        v.add(x->version);
    }
    return std::vector<std::string>{g.bytes(), t.bytes(), u.bytes(), v.bytes()};
  };
  auto collect = [&](const result_ptr& res,
                     const std::vector<const record*>& rows) {
    std::unordered_set<std::string> done;
    for (int i = 0; i < PQntuples(res.get()); ++i) {
      auto guid = cell(res, i, 0);
      out.written.emplace_back(guid, std::atoll(PQgetvalue(res.get(), i, 1)));
      done.insert(std::move(guid));
    }
    for (auto* x : rows)
      if (done.count(x->guid) == 0)
        out.refused.push_back(x->guid);
  };
  bool both = !fenced.empty() && !fresh.empty();
  if (both && !ok(result_ptr{PQexec(conn_, "BEGIN")}, PGRES_COMMAND_OK))
    return fail("write failed");
  auto abort = [&](const char* what) {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE)
      result_ptr{PQexec(conn_, "ROLLBACK")};
    return fail(what);
  };
  if (!fenced.empty()) {
    auto a = arrays(fenced, true);
    result_ptr res = exec(conn_, fenced_stmt,
                          {&a[0], &a[1], &a[2], &a[3], &node_},
                          {1, 1, 1, 1, 0});
    if (!ok(res, PGRES_TUPLES_OK))
      return abort("fenced write failed");
    collect(res, fenced);
  }
  if (!fresh.empty()) {
    auto a = arrays(fresh, false);
    result_ptr res = exec(conn_, create_stmt, {&a[0], &a[1], &a[2]}, {1, 1, 1});
    if (!ok(res, PGRES_TUPLES_OK))
      return abort("insert failed");
    collect(res, fresh);
  }
  if (both && !ok(result_ptr{PQexec(conn_, "COMMIT")}, PGRES_COMMAND_OK))
    return abort("write failed");
  return out;
}

error postgres_store::fail(const std::string& what) const {
  std::string msg = "storage postgres:" + who_ + ": " + what;
  auto detail = one_line(conn_ != nullptr ? PQerrorMessage(conn_)
                                          : "out of memory");
  if (!detail.empty())
    msg += ": " + detail;
  scrub(msg, password_);
  return error{std::move(msg)};
}

} // namespace storage
