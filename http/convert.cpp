#include "http/convert.hpp"

#include <httplib.h>

#include <strings.h>

namespace http {

namespace {

// httplib tests these prefixes case-sensitively; a leading space (which
// the header parser strips from every value it reads) defeats the test.
constexpr char hidden_mark = ' ';

bool is_content_type(const std::string& name) {
  return ::strcasecmp(name.c_str(), "Content-Type") == 0;
}

} // namespace

void hide_form_content_type(httplib::Request& req) {
  auto range = req.headers.equal_range("Content-Type");
  for (auto it = range.first; it != range.second; ++it) {
    auto& value = it->second;
    if (value.rfind("multipart/form-data", 0) == 0
        || value.rfind("application/x-www-form-urlencoded", 0) == 0)
      value.insert(value.begin(), hidden_mark);
  }
}

model::request to_model(const httplib::Request& in) {
  model::request out;
  out.method = in.method;
  out.path = in.path;
  if (auto q = in.target.find('?'); q != std::string::npos)
    out.query = in.target.substr(q + 1);
  out.headers.reserve(in.headers.size());
  for (auto& [name, value] : in.headers) {
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
  // A plain loop: find_first_of calls memchr once per character.
  auto has_crlf = [](const std::string& x) {
    for (char c : x)
      if (c == '\r' || c == '\n')
        return true;
    return false;
  };
  for (auto& h : in.headers)
    if (!has_crlf(h.name) && !has_crlf(h.value))
      out.headers.emplace(std::move(h.name), std::move(h.value));
  if (!in.content_type.empty() && !has_crlf(in.content_type)) {
    out.headers.erase("Content-Type");
    out.headers.emplace("Content-Type", std::move(in.content_type));
  }
  out.body = std::move(in.body);
}

} // namespace http
