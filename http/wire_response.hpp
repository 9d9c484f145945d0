#pragma once

// A model response as the bytes on the wire, written in one pass. httplib
// 0.11.4 wrote them before (ARCHITECTURE §3, step 9): `to_wire` filled its
// case-insensitive header map, and its writer added its own headers and
// formatted each line with snprintf. That cost as much as the API itself,
// so the router writes the answer directly, byte for byte what httplib
// wrote (tests/http/wire_response_test.cpp holds the two side by side).

#include "model/message.hpp"

#include <string>
#include <string_view>

namespace http {

/// What the answer's bytes depend on besides the model response.
struct wire_context {
  /// A HEAD request: the head only, with the body's Content-Length.
  bool head_request = false;
  /// `Connection: close` (the connection's last request, or the client
  /// asked); otherwise `Keep-Alive: <keep_alive>`.
  bool close = false;
  /// `timeout=<seconds>, max=<requests>`, as httplib wrote it.
  std::string_view keep_alive;
  /// The `Date` header's value.
  std::string_view date;
  /// The request whose CORS headers (`model::cors_headers`) the answer
  /// gets, as `model::add_cors_headers` would have set them; null for none.
  const model::request* cors = nullptr;
};

/// Appends the whole answer to `out`: the status line with Jetty's reason
/// phrase (http/status_line.hpp), the header fields in httplib's order
/// (names compared without case, equal names in the order set), with the
/// names `wire_header_name` gives, and the body. Exactly what httplib
/// 0.11.4's writer, after `to_wire` and our post-routing handler, sent
/// through `connection` (which drops a 204's Content-Length).
void write_response(model::response res, const wire_context& ctx,
                    std::string& out);

} // namespace http
