#include "gui/assets.hpp"

#include <initializer_list>

namespace gui {

namespace {

std::string_view view(const detail::asset_entry& x) {
  return {reinterpret_cast<const char*>(x.data), x.size};
}

template <class F>
void for_each_entry(F f) {
  for (auto* table : {detail::gui_files, detail::swagger_ui_files})
    for (auto* x = table; x->name != nullptr; ++x)
      f(*x);
}

} // namespace

std::optional<std::string_view> asset(std::string_view name) {
  std::optional<std::string_view> result;
  for_each_entry([&](const detail::asset_entry& x) {
    if (!result && name == x.name)
      result = view(x);
  });
  return result;
}

std::vector<std::string_view> asset_names() {
  std::vector<std::string_view> result;
  for_each_entry(
    [&](const detail::asset_entry& x) { result.emplace_back(x.name); });
  return result;
}

bool has_swagger_ui() {
  return detail::swagger_ui_files[0].name != nullptr;
}

} // namespace gui
