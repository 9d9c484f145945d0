#pragma once

#include "model/message.hpp"
#include "site/site.hpp"

#include <optional>
#include <string>
#include <string_view>

/// The site outside the API (BEHAVIOUR §6): the home page, the progress
/// GUI, the entity explorer, the API documentation, Swagger UI and static
/// files. Every page is rendered from the embedded templates
/// (`gui/templates`). Pages read a challenger through the
/// `session_reader`, so that looking never credits a challenge.
namespace site::pages {

/// What the pages need: the sessions (to show a challenger) and the
/// configuration.
struct context {
  const session_reader& read;
  const site_info& info;
};

/// The page table: answers a GET or HEAD on a non-API path when a page
/// lives there, else `std::nullopt` (the caller answers 404).
std::optional<model::response> answer(const model::request& req,
                                      const context& ctx);

/// The HTML "Page Not Found" page, for any 404 requested with an Accept
/// containing `html` (BEHAVIOUR §2.8, §6.1).
std::string not_found();

/// The home page: what this is, how to play in either mode and the first
/// curl commands against `origin` (e.g. `http://localhost:4567`).
std::string home(const site_info& info, std::string_view origin);

/// Escapes text for HTML element content and attribute values.
std::string escape(std::string_view x);

// -- helpers for page handlers -----------------------------------------------

/// A `text/html` response that is never cached.
model::response html(int status, std::string body);

/// The decoded value of query parameter `name` in the raw query string.
std::optional<std::string> query_value(std::string_view query,
                                       std::string_view name);

/// The value of cookie `name` in the request's Cookie headers.
std::optional<std::string> cookie_value(const model::request& req,
                                        std::string_view name);

/// `http://host[:port]` as the client addressed us (Host header, and
/// `X-Forwarded-Proto: https` from a proxy); `http://localhost:4567`
/// without a Host header.
std::string origin(const model::request& req);

/// Keeps only `[-a-zA-Z0-9_]` (GUIDs and database names in URLs, cookies
/// and redirects; the progress page sanitises GUIDs the same way,
/// BEHAVIOUR §6.1).
std::string sanitize_name(std::string_view x);

} // namespace site::pages
