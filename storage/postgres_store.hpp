#pragma once

#include "storage/store.hpp"

#include <chrono>
#include <memory>
#include <string>

struct pg_conn;

// Leases and fenced writes when several nodes share one database (see
// docs/ARCHITECTURE.md, "Several nodes"): `use_leases` turns them on. `$me`
// is the node's id, `$period` the lease length. Expiry is decided by the
// database's clock (`now()`), never a node's.
//
// Take (activate sessions; the takes that reach the storage actor together
// go in one statement; a row back means the lease is ours, with the
// version we hold from now on; a re-take is conditional on the version it
// holds, $v = -1 for a first take):
//   UPDATE sessions SET owner = $me, lease_until = now() + $period,
//     wanted_until = NULL unless the owner stays
//   FROM unnest($guids, $versions) AS x(g, v)
//   WHERE guid = x.g AND (owner IS NULL OR owner = $me OR lease_until < now())
//     AND (x.v < 0 OR version = x.v)
//   RETURNING guid, version, snapshot (first takes only)
// The GUIDs not granted: unknown (no row), another node's live lease, or a
// re-take of an older version; one UPDATE tells them apart and, for a live
// lease of another node, sets `wanted_until = now() + $period`: this node
// asks for the session.
// Renew, every lease due, in one statement: the holder extends all of
// them, except quiet sessions (no recent request) that another node asked
// for, whose lease it leaves to lapse (the GUIDs not returned are no
// longer ours):
//   UPDATE sessions SET lease_until = now() + $period  -- or unchanged
//   WHERE owner = $me AND guid = x.g  -- x: unnest($guids, $quiet)
//   RETURNING guid, yielded
// Release (idle stop, SIGTERM):
//   UPDATE sessions SET owner = NULL, lease_until = NULL
//   WHERE owner = $me AND guid = ANY($1::text[])
// Fenced write, the whole tick in one statement; a record whose GUID is not
// returned was refused (stale copy: drop it, count it, reload on the next
// request):
//   UPDATE sessions AS s SET snapshot = x.t, version = s.version + 1,
//     updated_at = timestamptz 'epoch' + x.u * interval '1 microsecond'
//   FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[])
//     AS x(g, t, u, v)   -- guid, snapshot, last used, version held
//   WHERE s.guid = x.g AND s.owner = $me AND s.version = x.v
//   RETURNING s.guid, s.version
// Creation (POST /challenger) inserts without a lease:
//   INSERT INTO sessions(guid, snapshot, updated_at) VALUES ($1, $2, $3)
//   ON CONFLICT (guid) DO NOTHING

namespace storage {

/// Sessions in a PostgreSQL database (libpq), shared by every node that
/// points at it. Tables, created at start-up:
///
///     schema_version(version integer NOT NULL)       -- one row
///     sessions(guid text PRIMARY KEY, snapshot text NOT NULL,
///              updated_at timestamptz NOT NULL,
///              version bigint NOT NULL DEFAULT 0,    -- +1 on every write
///              owner text, lease_until timestamptz,  -- leases
///              wanted_until timestamptz)  -- another node waits for it
///
/// A database whose `schema_version` is newer than `schema_version` below is
/// refused. Every statement is prepared once per connection and takes its
/// values as bound parameters. A `save` is one `INSERT ... SELECT FROM
/// unnest(...) ON CONFLICT DO UPDATE` statement: one round trip for the whole
/// batch, all or nothing.
///
/// A call that fails because the connection broke returns an error; the
/// next call reconnects first (so the store recovers when the server comes
/// back, without a restart). A call also notices a connection the server
/// closed while it was idle and reconnects before running. Reconnecting
/// to an unreachable host blocks the caller for up to `connect_timeout`
/// (default 10 s unless the conninfo sets it).
class postgres_store final : public store {
public:
  /// The layout this binary writes and understands.
  /// (1 had no `wanted_until`; it is added at start-up.)
  static constexpr int schema_version = 2;

  /// Connects with `conninfo` (libpq `key=value` pairs or a
  /// `postgresql://` URI), creates or checks the tables and prepares the
  /// statements. An error names the database (never the password) and
  /// quotes libpq's or the server's message.
  static expected<std::unique_ptr<postgres_store>> open(
    const std::string& conninfo);

  /// `conninfo` for logs: host, port, dbname and user only, never the
  /// password; the input itself when libpq cannot parse it and has no
  /// password in it.
  static std::string describe(const std::string& conninfo);

  ~postgres_store() override;

  postgres_store(const postgres_store&) = delete;
  postgres_store& operator=(const postgres_store&) = delete;

  expected<std::optional<std::string>> load(const std::string& guid) override;

  /// One statement per call: all records or none. When a GUID occurs more
  /// than once in `xs` the last record wins.
  expected<void> save(const batch& xs) override;

  expected<void> erase(const std::string& guid) override;

  expected<std::size_t> expire(clock::time_point older_than) override;

  bool persistent() const noexcept override {
    return true;
  }

  /// Turns per-session leases on: this node is `node` (unique among the
  /// nodes sharing the database), a lease lasts `period`. Without it the
  /// store is a single node's (`save` overwrites, every lease is granted).
  void use_leases(std::string node, std::chrono::milliseconds period);

  bool leases() const noexcept override {
    return !node_.empty();
  }

  expected<lease_grant> take(const std::string& guid,
                             std::optional<int64_t> held) override;

  expected<std::vector<lease_grant>> take_all(
    const std::vector<take_request>& xs) override;

  expected<renew_result> renew(const std::vector<renewal>& xs) override;

  expected<void> release(const std::vector<std::string>& guids) override;

  /// Records with a version are fenced updates (this node must own the row
  /// at that version); records without (-1) are inserted when the GUID is
  /// free. One transaction.
  expected<write_result> write(const batch& xs) override;

private:
  postgres_store() = default;

  /// Creates the tables or checks their version, in one transaction under
  /// an advisory lock (nodes may start at once), then prepares statements.
  expected<void> set_up();

  /// Prepares every statement on the current connection.
  expected<void> prepare();

  /// Before a call: reconnects (and prepares again) when the connection is
  /// known to be broken or the server closed it meanwhile.
  expected<void> ready();

  /// An error "storage postgres:<who>: <what>: <libpq message>".
  error fail(const std::string& what) const;

  pg_conn* conn_ = nullptr;
  std::string node_;
  std::string period_ms_ = "0";
  /// Set after a reconnect that could not prepare the statements.
  bool unprepared_ = false;
  std::string conninfo_;
  std::string who_;
  std::string password_;
};

} // namespace storage
