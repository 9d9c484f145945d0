#pragma once

#include "model/config.hpp"

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

/// The catalogue of classic challenges (BEHAVIOUR §1.2) and the set that a
/// server configuration defines.
namespace model {

/// Every classic challenge, in catalogue order. The enumerators are spelled
/// exactly like the original's enum names because those names are stable
/// identities: they are the keys of the progress payload (BEHAVIOUR §5.5).
enum class challenge : uint8_t {
  CREATE_NEW_CHALLENGER,
  GET_CHALLENGES,
  GET_TODOS,
  GET_TODOS_NOT_PLURAL_404,
  GET_TODO,
  GET_TODO_404,
  GET_TODOS_FILTERED,
  GET_HEAD_TODOS,
  POST_TODOS,
  POST_TODOS_BAD_DONE_STATUS,
  POST_TODOS_TOO_LONG_TITLE_LENGTH,
  POST_TODOS_TOO_LONG_DESCRIPTION_LENGTH,
  POST_MAX_OUT_TITLE_DESCRIPTION_LENGTH,
  POST_TODOS_TOO_LONG_PAYLOAD_SIZE,
  POST_TODOS_INVALID_EXTRA_FIELD,
  PUT_TODOS_400,
  POST_UPDATE_TODO,
  POST_TODOS_404,
  PUT_TODOS_FULL_200,
  PUT_TODOS_PARTIAL_200,
  PUT_TODOS_MISSING_TITLE_400,
  PUT_TODOS_400_NO_AMEND_ID,
  DELETE_A_TODO,
  OPTIONS_TODOS,
  GET_ACCEPT_XML,
  GET_ACCEPT_JSON,
  GET_ACCEPT_ANY_DEFAULT_JSON,
  GET_ACCEPT_XML_PREFERRED,
  GET_JSON_BY_DEFAULT_NO_ACCEPT,
  GET_UNSUPPORTED_ACCEPT_406,
  POST_CREATE_XML,
  POST_CREATE_JSON,
  POST_TODOS_415,
  GET_RESTORE_EXISTING_CHALLENGER,
  POST_RESTORE_EXISTING_CHALLENGER,
  GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS,
  PUT_RESTORABLE_CHALLENGER_PROGRESS_STATUS,
  PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS,
  GET_RESTORABLE_TODOS,
  PUT_RESTORABLE_TODOS,
  POST_CREATE_XML_ACCEPT_JSON,
  POST_CREATE_JSON_ACCEPT_XML,
  DELETE_HEARTBEAT_405,
  PATCH_HEARTBEAT_500,
  TRACE_HEARTBEAT_501,
  GET_HEARTBEAT_204,
  OVERRIDE_DELETE_HEARTBEAT_405,
  OVERRIDE_PATCH_HEARTBEAT_500,
  OVERRIDE_TRACE_HEARTBEAT_501,
  CREATE_SECRET_TOKEN_401,
  CREATE_SECRET_TOKEN_201,
  GET_SECRET_NOTE_403,
  GET_SECRET_NOTE_401,
  GET_SECRET_NOTE_200,
  POST_SECRET_NOTE_200,
  POST_SECRET_NOTE_401,
  POST_SECRET_NOTE_403,
  GET_SECRET_NOTE_BEARER_200,
  POST_SECRET_NOTE_BEARER_200,
  DELETE_ALL_TODOS,
  POST_ALL_TODOS,
};

/// Number of challenges in the catalogue (61).
inline constexpr std::size_t challenge_count = static_cast<std::size_t>(
                                                 challenge::POST_ALL_TODOS)
                                               + 1;

/// Completion flags, indexed by `challenge` (8 bytes per challenger).
using progress = std::bitset<64>;
static_assert(challenge_count <= 64);

/// Returns the flag index of `x`.
constexpr std::size_t index_of(challenge x) noexcept {
  return static_cast<std::size_t>(x);
}

/// One section of the challenge list.
struct section_info {
  std::string_view title;
  std::string_view description;
};

/// The texts of one challenge, byte-exact as the original shows them.
struct challenge_info {
  challenge key;
  /// The enum name, e.g. `CREATE_NEW_CHALLENGER`.
  std::string_view key_name;
  /// E.g. `POST /challenger (201)`.
  std::string_view name;
  std::string_view description;
  /// Index into `sections()`.
  std::size_t section;
  std::vector<std::string_view> hints;
};

/// All sections in display order.
const std::vector<section_info>& sections();

/// The catalogue entry of `x`.
const challenge_info& info(challenge x);

/// Looks a challenge up by its enum name.
std::optional<challenge> challenge_from_key(std::string_view key_name);

/// The challenges one configuration defines, in order: a challenge's id is
/// its 1-based position (58 single-user, 59 multi-user without storage, 61
/// multi-user with storage; BEHAVIOUR §1.2).
class challenge_set {
public:
  /// The set for a configuration.
  static challenge_set for_config(const api_config& cfg);

  const std::vector<challenge>& items() const noexcept {
    return items_;
  }

  std::size_t size() const noexcept {
    return items_.size();
  }

  /// Whether the configuration defines `x`.
  bool contains(challenge x) const noexcept {
    return defined_.test(index_of(x));
  }

  /// The 1-based id of `x`; 0 when not defined.
  int id_of(challenge x) const noexcept;

  /// The flags of every defined challenge.
  const progress& mask() const noexcept {
    return defined_;
  }

private:
  std::vector<challenge> items_;
  progress defined_;
};

} // namespace model
