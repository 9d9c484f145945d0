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
  /// Sessions flushed and stopped after their idle timeout.
  counter stopped_idle;
  /// Stored sessions deleted by the retention sweep.
  counter deleted_by_retention;
  /// Snapshots waiting for the storage actor's next commit.
  gauge storage_queue;
  /// Commits (transactions) that succeeded, and those that failed.
  counter commits;
  counter commit_failures;
  /// Snapshots written by successful commits.
  counter snapshots_written;
  /// How long each commit took (successful or not).
  histogram commit_latency;

  /// Appends every field as `challenge_server_...` families.
  void render(std::string& out) const;
};

} // namespace metrics
