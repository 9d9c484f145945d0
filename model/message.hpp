#pragma once

#include "model/routes.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// Transport-neutral HTTP request and response values. The HTTP layer fills
/// a `request` from the wire and writes a `response` back; everything in
/// between is pure model code.
namespace model {

/// One header field; names compare case-insensitively.
struct header {
  std::string name;
  std::string value;
};

/// An ordered list of header fields.
using header_list = std::vector<header>;

/// Returns the value of the first header named `name` (ignoring case), or
/// `nullptr` when absent.
const std::string* find_header(const header_list& xs, std::string_view name);

/// An incoming request as the original app's hooks see it.
struct request {
  /// The method on the request line, e.g. `GET` (always upper-case: the HTTP
  /// layer rejects lower-case methods).
  std::string method;
  /// The path without query string, e.g. `/todos/1`.
  std::string path;
  /// The raw query string without the `?`, empty when there is none.
  std::string query;
  /// All request header fields in arrival order.
  header_list headers;
  /// The request body as received.
  std::string body;

  /// How the API routes a request: worked out once, on the way in, by
  /// `model::resolve_routing` (api.hpp) and carried along with the request
  /// to the session that answers it. Never from the wire.
  struct routing {
    bool resolved = false;
    /// The method routing uses: the `X-HTTP-Method-Override` value
    /// (trimmed, upper-cased) when present, else `method`.
    std::string method;
    /// The API route the path matches, if any.
    route_match match;
  };
  routing route;

  /// Convenience accessor for `find_header(headers, name)`.
  const std::string* header(std::string_view name) const {
    return find_header(headers, name);
  }
};

/// An outgoing response. An empty `content_type` sends no Content-Type.
struct response {
  int status = 200;
  std::string content_type;
  header_list headers;
  std::string body;
  /// A static file (`/css/*`, `/js/*`, `/robots.txt`...): the original
  /// served these before its filters ran, so they carry no CORS headers
  /// (BEHAVIOUR §3.5).
  bool static_file = false;

  /// Sets (replaces) a header field.
  void set_header(std::string_view name, std::string value);

  /// Returns the value of header `name`, or `nullptr`.
  const std::string* header(std::string_view name) const {
    return find_header(headers, name);
  }
};

} // namespace model
