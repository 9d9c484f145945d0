#pragma once

#include "model/config.hpp"

#include <array>
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
  // Only in the 2026 edition (its catalogue orders them; BEHAVIOUR §10).
  // Appended, so that the classic flag indices never move.
  GET_TODOS_FILTERED_ID_GREATER_THAN,
  GET_TODOS_FILTERED_ID_LESS_THAN,
  GET_TODOS_FILTERED_ID_SINGLE_RESULT,
  GET_TODOS_FILTERED_DESCRIPTION_REGEX,
  GET_TODOS_FILTERED_DESCRIPTION_WILDCARD,
  GET_TODOS_SORTED_ASCENDING,
  GET_TODOS_SORTED_DESCENDING,
  GET_TODOS_SORTED_MULTIPLE_FIELDS,
  GET_TODOS_FILTERED_AND_SORTED,
  GET_TODOS_PAGINATED_LIMIT,
  GET_TODOS_PAGINATED_LIMIT_OFFSET,
  GET_TODOS_PAGINATED_LIMIT_TOO_HIGH,
  GET_TODOS_PAGINATED_SORTED,
  GET_TODOS_PAGINATED_FILTERED,
  PUT_TODOS_BODY_ID_200,
  PUT_TODOS_ID_NO_BODY_ID_200,
  PUT_TODOS_NO_ID_422,
  PUT_TODOS_ID_NOT_FOUND_404,
  QUERY_TODOS_FILTERED,
  QUERY_TODOS_JSONPATH_FILTERED,
  QUERY_TODOS_STRUCTURED_JSON_FILTERED,
  PATCH_TODOS_PARTIAL_200,
  PATCH_TODOS_MERGE_PATCH_200,
  PATCH_TODOS_JSON_PATCH_200,
  GET_TODO_ACCEPT_TEXT_CALENDAR,
  GET_ACCEPT_XML_Q_PREFERRED,
  GET_ACCEPT_JSON_Q_PREFERRED,
  GET_ACCEPT_Q_REJECTS_ALL_406,
  GET_UNSUPPORTED_STRUCTURED_JSON_ACCEPT_406,
  GET_ACCEPT_TEXT_XML,
  GET_ACCEPT_VENDOR_XML,
  GET_ACCEPT_STRUCTURED_XML_WILDCARD,
  POST_CREATE_VENDOR_XML,
  GET_TODOS_EXPORT_CSV_CONTENT_DISPOSITION,
  GET_TODOS_EXPORT_HTML_CONTENT_DISPOSITION,
  GET_TODOS_EXPORT_TSV_CONTENT_DISPOSITION,
  PUT_CHALLENGER_GUID_MISMATCH_409,
  X_CHALLENGER_TOO_LONG_431,
};

/// Number of challenges in the classic catalogue (61).
inline constexpr std::size_t challenge_count = static_cast<std::size_t>(
                                                 challenge::POST_ALL_TODOS)
                                               + 1;

/// Number of challenges of every edition together (99): the enum's size.
inline constexpr std::size_t all_challenge_count
  = static_cast<std::size_t>(challenge::X_CHALLENGER_TOO_LONG_431) + 1;

/// Completion flags, indexed by `challenge` (16 bytes per challenger). A
/// flag means the same challenge in every edition, so progress stored by
/// one edition loads into the other (BEHAVIOUR §10).
using progress = std::bitset<128>;
static_assert(all_challenge_count <= 128);

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

/// The classic catalogue entry of `x`; for a challenge only the 2026
/// edition has, its entry there.
const challenge_info& info(challenge x);

/// The enum name of `x`: its identity in stored sessions, the same in
/// every edition.
std::string_view key_name(challenge x);

/// Looks a challenge up by its enum name, or by the name the 2026 edition
/// gave a renamed challenge (`PUT_TODOS_422` is `PUT_TODOS_400`): stored
/// progress reads both ways (BEHAVIOUR §10).
std::optional<challenge> challenge_from_key(std::string_view key_name);

struct edition_def;

/// The challenges one configuration defines, in order: a challenge's id is
/// its 1-based position (classic: 58 single-user, 59 multi-user without
/// storage, 61 multi-user with storage, BEHAVIOUR §1.2; 2026: 96, 97, 99,
/// BEHAVIOUR §10).
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

  /// The edition whose catalogue this set is drawn from.
  const edition_def& edition() const noexcept;

  /// The texts of `x` in this set's edition (`x` must be defined).
  const challenge_info& info(challenge x) const;

private:
  std::vector<challenge> items_;
  progress defined_;
  const edition_def* edition_ = nullptr;
  /// The 1-based position of each defined challenge, 0 for the others.
  std::array<uint8_t, 128> ids_{};
};

} // namespace model
