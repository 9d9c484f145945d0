#pragma once

#include "model/challenge.hpp"
#include "model/todo.hpp"

#include <cstdint>
#include <string>

namespace model {

/// How a challenger came into memory (the original's `state`).
enum class challenger_state : uint8_t {
  /// Created by this server run (`NEW`).
  fresh,
  /// Restored from storage (`LOADED_FROM_PERSISTENCE`); the two restore
  /// challenges of BEHAVIOUR §1.2 need it.
  loaded,
};

/// Everything one learner owns: progress, todos, secret token and note.
/// A session actor owns exactly one of these.
struct challenger {
  std::string guid;
  /// The secret token (`X-AUTH-TOKEN`), a random UUID.
  std::string auth_token;
  /// The secret note, at most 100 characters.
  std::string note;
  progress done;
  todo_store todos;
  challenger_state state = challenger_state::fresh;
  /// False while a GUID that storage does not know is being asked about:
  /// only `POST /challenger` and `PUT /challenger/{guid}` can make it known.
  bool known = false;
  /// Bumped on every change, so the owner can tell when to persist.
  uint64_t revision = 0;
  /// Whether this challenger was in memory before the current request:
  /// false right after a load from storage, set by `respond` (transient,
  /// never stored). `PUT /challenger/{guid}` creates (201) a challenger
  /// that was not in memory, as the original did (BEHAVIOUR §5.5).
  bool resident = false;

  /// Marks a change.
  void touch() noexcept {
    ++revision;
  }
};

/// Returns a known, fresh challenger with seeded todos.
challenger make_challenger(std::string guid, std::string auth_token);

} // namespace model
