#pragma once

#include "model/config.hpp"

#include <string>

/// Server-rendered HTML pages that are not part of the API.
namespace http::pages {

/// The HTML "Page Not Found" page, for any 404 requested with an Accept
/// containing `html` (spec §2.8, §6).
std::string not_found();

/// The home page: what this is and how to start playing.
std::string home(model::user_mode mode);

/// Escapes text for HTML element content and attribute values.
std::string escape(std::string_view x);

} // namespace http::pages
