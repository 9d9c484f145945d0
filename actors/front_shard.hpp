#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace actors {

/// Which of `count` fronts owns `guid` (ARCHITECTURE §2): a hash of the
/// GUID's text, so each GUID has exactly one front for the life of the
/// process and the gateway finds it without asking.
inline std::size_t front_shard(std::string_view guid, std::size_t count) {
  if (count <= 1)
    return 0;
  return std::hash<std::string_view>{}(guid) % count;
}

} // namespace actors
