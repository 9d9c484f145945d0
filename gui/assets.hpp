#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

/// Files embedded into the binary at build time (see `gui/CMakeLists.txt`):
/// the page templates (`templates/*.html`), our static files
/// (`static/*.css`, `static/*.js`) and the vendored Swagger UI
/// (`swagger-ui/*`). Nothing is read from disk at run time.
namespace gui {

/// The bytes of the embedded file `name` (e.g. `templates/home.html`), or
/// `std::nullopt` when there is no such file.
std::optional<std::string_view> asset(std::string_view name);

/// The names of every embedded file, in build order.
std::vector<std::string_view> asset_names();

/// Whether the Swagger UI files were found when the binary was built.
bool has_swagger_ui();

namespace detail {

/// One row of a generated table; the last row has a null `name`.
struct asset_entry {
  const char* name;
  const unsigned char* data;
  std::size_t size;
};

/// Our templates and static files (generated `gui_files.cpp`).
extern const asset_entry gui_files[];

/// The Swagger UI distribution files (generated `swagger_ui_files.cpp`);
/// empty when `swagger-ui-dist` was not installed at build time.
extern const asset_entry swagger_ui_files[];

} // namespace detail

} // namespace gui
