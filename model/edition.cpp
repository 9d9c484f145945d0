#include "model/edition.hpp"

#include "model/routes.hpp"
#include "model/text.hpp"

#include <array>

namespace model {

namespace {

// The position of every challenge in a catalogue, for `find`.
struct index {
  std::array<int, 128> at{};

  explicit index(const std::vector<challenge_info>& xs) {
    at.fill(-1);
    for (std::size_t i = 0; i < xs.size(); ++i)
      at[index_of(xs[i].key)] = static_cast<int>(i);
  }
};

const index& index_for(const edition_def& ed) {
  static const index classic{catalogue::classic()};
  static const index y2026{catalogue::y2026()};
  return ed.id == edition_id::classic ? classic : y2026;
}

} // namespace

const challenge_info* edition_def::find(challenge x) const {
  auto i = index_for(*this).at[index_of(x)];
  return i < 0 ? nullptr : &(*catalogue)[static_cast<std::size_t>(i)];
}

std::optional<challenge> edition_def::from_key(std::string_view x) const {
  for (const auto& entry : *catalogue)
    if (entry.key_name == x)
      return entry.key;
  return challenge_from_key(x);
}

const edition_def& edition_of(edition_id x) {
  // Function-local: other files' static objects may ask during start-up.
  static const edition_def classic{
    edition_id::classic,  "classic", "",          "/docs",
    {400, 400, 200, 400}, 0,         &sections(), &catalogue::classic(),
  };
  static const edition_def y2026{
    edition_id::y2026,
    "2026",
    "/api",
    "/api/docs",
    {422, 409, 204, 409},
    100,
    &catalogue::sections_2026(),
    &catalogue::y2026(),
  };
  return x == edition_id::y2026 ? y2026 : classic;
}

std::optional<edition_id> parse_edition(std::string_view x) {
  for (auto id : all_editions)
    if (edition_of(id).name == x)
      return id;
  return std::nullopt;
}

std::string_view api_path(const edition_def& ed, std::string_view path) {
  auto prefix = ed.api_prefix;
  if (prefix.empty() || !text::starts_with(path, prefix))
    return path;
  auto rest = path.substr(prefix.size());
  if (!text::starts_with(rest, "/") || !is_api_path(rest))
    return path;
  return rest;
}

bool is_edition_api_path(const edition_def& ed, std::string_view path) {
  return is_api_path(api_path(ed, path));
}

} // namespace model
