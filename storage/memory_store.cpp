#include "storage/memory_store.hpp"

namespace storage {

expected<std::optional<std::string>> memory_store::load(const std::string&) {
  return std::optional<std::string>{};
}

expected<void> memory_store::save(const batch&) {
  return {};
}

expected<void> memory_store::erase(const std::string&) {
  return {};
}

expected<std::size_t> memory_store::expire(clock::time_point) {
  return std::size_t{0};
}

} // namespace storage
