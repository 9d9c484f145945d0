#include "storage/null_store.hpp"

namespace storage {

expected<std::optional<std::string>> null_store::load(const std::string&) {
  return std::optional<std::string>{};
}

expected<void> null_store::save(const batch&) {
  return {};
}

expected<void> null_store::erase(const std::string&) {
  return {};
}

expected<std::size_t> null_store::expire(clock::time_point) {
  return std::size_t{0};
}

} // namespace storage
