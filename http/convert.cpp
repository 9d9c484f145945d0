#include "http/convert.hpp"

#include "model/text.hpp"

#include <httplib.h>

#include <array>
#include <string_view>
#include <strings.h>
#include <vector>

namespace http {

namespace {

// httplib tests these prefixes case-sensitively; a leading space (which
// the header parser strips from every value it reads) defeats the test.
constexpr char hidden_mark = ' ';

bool is_content_type(const std::string& name) {
  return ::strcasecmp(name.c_str(), "Content-Type") == 0;
}

/// The header names Jetty 9.4 knows (its `HttpHeader` enum): it writes
/// these in this canonical form, whatever case the application used.
constexpr std::string_view jetty_names[] = {"Connection",
                                            "Cache-Control",
                                            "Date",
                                            "Pragma",
                                            "Proxy-Connection",
                                            "Trailer",
                                            "Transfer-Encoding",
                                            "Upgrade",
                                            "Via",
                                            "Warning",
                                            "Negotiate",
                                            "Allow",
                                            "Content-Encoding",
                                            "Content-Language",
                                            "Content-Length",
                                            "Content-Location",
                                            "Content-MD5",
                                            "Content-Range",
                                            "Content-Type",
                                            "Expires",
                                            "Last-Modified",
                                            "Accept",
                                            "Accept-Charset",
                                            "Accept-Encoding",
                                            "Accept-Language",
                                            "Authorization",
                                            "Expect",
                                            "Forwarded",
                                            "From",
                                            "Host",
                                            "If-Match",
                                            "If-Modified-Since",
                                            "If-None-Match",
                                            "If-Range",
                                            "If-Unmodified-Since",
                                            "Keep-Alive",
                                            "Max-Forwards",
                                            "Proxy-Authorization",
                                            "Range",
                                            "Request-Range",
                                            "Referer",
                                            "TE",
                                            "User-Agent",
                                            "X-Forwarded-For",
                                            "X-Forwarded-Proto",
                                            "X-Forwarded-Server",
                                            "X-Forwarded-Host",
                                            "Accept-Ranges",
                                            "Age",
                                            "ETag",
                                            "Location",
                                            "Proxy-Authenticate",
                                            "Retry-After",
                                            "Server",
                                            "Servlet-Engine",
                                            "Vary",
                                            "WWW-Authenticate",
                                            "Origin",
                                            "Sec-WebSocket-Key",
                                            "Sec-WebSocket-Version",
                                            "Sec-WebSocket-Extensions",
                                            "Sec-WebSocket-Protocol",
                                            "Sec-WebSocket-Accept",
                                            "Cookie",
                                            "Set-Cookie",
                                            "Set-Cookie2",
                                            "MIME-Version",
                                            "identity",
                                            "X-Powered-By",
                                            "HTTP2-Settings",
                                            "Strict-Transport-Security"};

/// `jetty_names` by length: a response's every header name is looked up.
using names_by_length = std::array<std::vector<std::string_view>, 32>;

names_by_length group_by_length() {
  names_by_length result;
  for (auto known : jetty_names)
    result.at(known.size()).push_back(known);
  return result;
}

/// The connection's addresses, which httplib adds to every request as
/// headers: nothing reads them, and every header lookup would pass them.
bool httplib_own_header(std::string_view name) {
  using namespace std::string_view_literals;
  return (name.size() == 10 || name.size() == 11)
         && (name == "REMOTE_ADDR"sv || name == "REMOTE_PORT"sv
             || name == "LOCAL_ADDR"sv || name == "LOCAL_PORT"sv);
}

} // namespace

std::string_view jetty_header_name(std::string_view name) {
  static const names_by_length known_names = group_by_length();
  if (name.size() < known_names.size())
    for (auto known : known_names[name.size()])
      if (model::text::iequals_same_size(known, name))
        return known;
  return {};
}

std::string wire_header_name(std::string_view name) {
  if (auto known = jetty_header_name(name); !known.empty())
    return std::string{known};
  return model::text::lower(name);
}

void hide_form_content_type(std::string& value) {
  if (value.rfind("multipart/form-data", 0) == 0
      || value.rfind("application/x-www-form-urlencoded", 0) == 0)
    value.insert(value.begin(), hidden_mark);
}

model::request to_model(const httplib::Request& in) {
  model::request out;
  out.method = in.method;
  out.path = in.path;
  if (auto q = in.target.find('?'); q != std::string::npos)
    out.query = in.target.substr(q + 1);
  out.headers.reserve(in.headers.size());
  for (auto& [name, value] : in.headers) {
    if (httplib_own_header(name))
      continue;
    if (!value.empty() && value.front() == hidden_mark && is_content_type(name))
      out.headers.push_back({name, value.substr(1)});
    else
      out.headers.push_back({name, value});
  }
  out.body = in.body;
  return out;
}

void to_wire(model::response in, httplib::Response& out) {
  out.status = in.status;
  // httplib 0.11.4 ignores Response::reason: `connection` rewrites the
  // status line instead (http/status_line.cpp, BEHAVIOUR §7.3).
  using model::text::has_crlf;
  for (auto& h : in.headers)
    if (!has_crlf(h.name) && !has_crlf(h.value))
      out.headers.emplace(wire_header_name(h.name), std::move(h.value));
  if (!in.content_type.empty() && !has_crlf(in.content_type)) {
    out.headers.erase("Content-Type");
    out.headers.emplace("Content-Type", std::move(in.content_type));
  }
  out.body = std::move(in.body);
}

} // namespace http
