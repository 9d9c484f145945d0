#pragma once

#include "model/challenge.hpp"

#include <string>
#include <string_view>

/// The `GET /challenges` representations (BEHAVIOUR §2.9).
namespace model::challenges_view {

/// `{"challenges":[{"id":1,"name":"..","description":"..","status":true},
/// ...]}` for the defined challenges, filtered and sorted by `raw_query`
/// (ids ascending by default).
std::string json(const challenge_set& defined, const progress& done,
                 std::string_view raw_query);

/// `<challenges><challenge><name>..</name><description>..</description>
/// <id>1</id><status>true</status></challenge>...</challenges>`.
std::string xml(const challenge_set& defined, const progress& done,
                std::string_view raw_query);

} // namespace model::challenges_view
