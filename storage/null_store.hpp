#pragma once

#include "storage/store.hpp"

namespace storage {

/// `--storage none`: keeps nothing. Every load is "not found" and saves
/// succeed without effect, so a session lives only as long as its actor and
/// the challenge set is the one without persistence (BEHAVIOUR §1.2, §5.7).
class null_store final : public store {
public:
  expected<std::optional<std::string>> load(const std::string& guid) override;

  expected<void> save(const batch& xs) override;

  expected<void> erase(const std::string& guid) override;

  expected<std::size_t> expire(clock::time_point older_than) override;

  bool persistent() const noexcept override {
    return false;
  }
};

} // namespace storage
