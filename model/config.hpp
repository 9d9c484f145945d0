#pragma once

#include <cstdint>
#include <string_view>

namespace model {

/// Whether every request maps to one player or to `X-CHALLENGER` sessions.
enum class user_mode : uint8_t {
  single_user,
  multi_user,
};

/// Which edition of the challenges a server runs (BEHAVIOUR §10): the
/// classic app, or the 2026 successor with its API under `/api`. Chosen
/// once at start-up; `edition_of` (edition.hpp) has what each one means.
enum class edition_id : uint8_t {
  classic,
  y2026,
};

/// The GUID of the only challenger in single-user mode (BEHAVIOUR §5.1).
inline constexpr std::string_view single_player_guid = "rest-api-challenges-"
                                                       "single-player";

/// What the API answers depend on besides a challenger's own state.
struct api_config {
  user_mode mode = user_mode::single_user;
  /// Whether sessions are persisted; decides the challenge set (BEHAVIOUR
  /// §1.2).
  bool storage = true;
  /// Lifts the 20-todo limit (`--unlimited-todos`).
  bool unlimited_todos = false;
  /// The edition (`--edition`).
  edition_id edition = edition_id::classic;
};

} // namespace model
