#pragma once

#include "metrics/counter.hpp"
#include "metrics/histogram.hpp"

#include <string>

namespace metrics {

/// What the actor layer counts: sessions and storage. The gateway owns one
/// and shares it with the front, the sessions and the storage actor; every
/// field is an atomic, so actors update it without messages or locks.
struct session_stats {
  /// Session actors in memory.
  gauge live;
  /// Challengers created: `POST /challenger`, `PUT /challenger/{guid}` of
  /// a GUID that was not known, the single player's first start.
  counter created;
  /// Sessions brought back from storage.
  counter restored;
  /// Sessions flushed and stopped after their idle timeout (or evicted by
  /// `--max-live-sessions`).
  counter stopped_idle;
  /// Stored sessions deleted by the retention sweep.
  counter deleted_by_retention;
  /// Snapshots waiting for the storage actor's next commit.
  gauge storage_queue;
  /// Commits (transactions) that succeeded, and those that failed.
  counter commits;
  counter commit_failures;
  /// 1 while the last commit succeeded (or none failed yet), 0 while
  /// storage is failing: sessions are then served from memory and every
  /// write is kept pending and retried each tick.
  gauge storage_healthy;
  /// Sessions whose idle or eviction stop was put off because their last
  /// snapshot could not be committed (they stay live and retry).
  counter stops_deferred;
  /// Sessions told to stop early because `--max-live-sessions` was
  /// exceeded (least recently used first).
  counter evicted;
  /// Snapshots written by successful commits.
  counter snapshots_written;
  /// Several nodes: writes refused by fencing (this node's copy was
  /// stale and is dropped).
  counter writes_refused;
  /// Several nodes: leases this node lost (a refused write, renewal or
  /// re-take); the session is reloaded on its next request.
  counter leases_lost;
  /// Several nodes: takes that found another node's live lease.
  counter lease_waits;
  /// Several nodes: requests answered 503 because another node kept the
  /// lease for a whole lease period.
  counter lease_busy;
  /// This node's id (`--node-id`), a label of the info metric; set before
  /// the actors start.
  std::string node_id;
  /// How long each commit took (successful or not).
  histogram commit_latency;

  /// Appends every field as `challenge_server_...` families.
  void render(std::string& out) const;
};

} // namespace metrics
