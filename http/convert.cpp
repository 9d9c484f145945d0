#include "http/convert.hpp"

#include <httplib.h>

namespace http {

model::request to_model(const httplib::Request& in) {
  model::request out;
  out.method = in.method;
  out.path = in.path;
  if (auto q = in.target.find('?'); q != std::string::npos)
    out.query = in.target.substr(q + 1);
  out.headers.reserve(in.headers.size());
  for (auto& [name, value] : in.headers)
    out.headers.push_back({name, value});
  out.body = in.body;
  return out;
}

void to_wire(const model::response& in, httplib::Response& out) {
  out.status = in.status;
  // The reason phrase is httplib's own: 0.11.4 ignores Response::reason,
  // so Jetty's "500 Server Error" (spec §0.1) cannot be matched.
  for (auto& h : in.headers)
    out.set_header(h.name.c_str(), h.value);
  if (!in.content_type.empty())
    out.set_content(in.body, in.content_type.c_str());
  else
    out.body = in.body;
}

} // namespace http
