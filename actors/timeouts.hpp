#pragma once

#include <chrono>

/// Every finite wait of the actor layer, by name. Nothing waits forever: a
/// lost reply costs at most one of these.
namespace actors::timeouts {

/// How long an HTTP worker waits for the front's answer.
inline constexpr auto session_request = std::chrono::seconds(10);

/// How long a loading session waits for its snapshot. Shorter than
/// `session_request`, so the caller gets a 503 rather than a timeout.
inline constexpr auto storage_load = std::chrono::seconds(5);

/// Several nodes: the longest a session waits for another node's lease
/// before answering 503 (also bounded by the lease period plus one retry
/// interval). Below `session_request`, so that the caller gets the 503.
inline constexpr auto lease_wait = std::chrono::seconds(7);

/// How long a stopping session waits for the flush of its last snapshot.
/// On a timeout it does not quit: it stays live, serving from memory, and
/// tries to stop again later (the write stays pending in the storage actor).
inline constexpr auto storage_flush = std::chrono::seconds(10);

/// The shortest wait before a session whose stop could not flush (storage
/// failing) tries to stop again.
inline constexpr auto stop_retry = std::chrono::seconds(1);

/// How long a leaving session waits for the front's reply to `bye` before
/// quitting anyway. The front answers at once; only a stuck front is slow.
inline constexpr auto session_leave = std::chrono::seconds(10);

/// How long `gateway::shutdown` waits for the sessions to stop, and then
/// for the final commit.
inline constexpr auto shutdown = std::chrono::seconds(30);

} // namespace actors::timeouts
