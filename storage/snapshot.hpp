#pragma once

#include "model/challenger.hpp"
#include "storage/error.hpp"

#include <string>
#include <string_view>

/// The stored form of one challenger: compact JSON, e.g.
/// `{"v":1,"guid":"..","auth_token":"..","note":"","progress":["GET_TODOS"],
/// "next_id":11,"todos":[{"id":1,"title":"scan paperwork"},..]}`.
/// Progress is stored by challenge key names (not bit positions), so the
/// catalogue can grow; todo fields that hold their default are left out.
namespace storage {

/// Returns the snapshot of `x` (guid, token, note, progress, todos).
std::string encode(const model::challenger& x);

/// Parses a snapshot. The result has `guid`, `auth_token`, `note`, `done`
/// and `todos` set; `state`, `known` and `revision` keep their defaults (the
/// caller decides them). Progress keys that the catalogue does not know are
/// ignored. Corrupt input yields an error, never a crash.
expected<model::challenger> decode(std::string_view text);

} // namespace storage
