#include "http/wire_response.hpp"

#include "http/convert.hpp"
#include "http/status_line.hpp"
#include "model/api.hpp"
#include "model/text.hpp"

#include <array>
#include <cstring>
#include <vector>

namespace http {

namespace {

using model::text::has_crlf;

bool same_name(std::string_view a, std::string_view b) {
  return model::text::iequals(a, b);
}

/// httplib wrote each line with `%s`: a name or value ends at a NUL.
std::string_view as_c_string(std::string_view x) {
  if (const void* nul = std::memchr(x.data(), '\0', x.size()))
    return x.substr(0, static_cast<std::size_t>(static_cast<const char*>(nul)
                                                - x.data()));
  return x;
}

/// One header line. Its name lower-cased is kept in `fields::keys`, from
/// `key_at`: the order httplib's map (`detail::ci`) kept the lines in is
/// the byte order of those keys.
struct field {
  /// The name as written, or null when it is the key itself.
  const char* name;
  std::size_t size;
  std::size_t key_at;
  std::string_view value;
};

/// The lines of one answer, in the order httplib's map received them.
/// Reused by every answer a thread writes.
struct fields {
  std::vector<field> list;
  std::string keys;

  void clear() {
    list.clear();
    keys.clear();
  }

  /// `lowered`: the name is written lower-cased.
  void add(std::string_view name, std::string_view value,
           bool lowered = false) {
    auto at = keys.size();
    list.push_back({lowered ? nullptr : name.data(), name.size(), at, value});
    keys.append(name);
    model::text::lower_in_place(keys.data() + at, keys.data() + keys.size());
  }

  /// A model header, named as `wire_header_name` names it.
  void add_model(std::string_view name, std::string_view value) {
    auto known = jetty_header_name(name);
    if (known.empty())
      add(name, value, true);
    else
      add(known, value);
  }

  std::string_view key(const field& f) const {
    return std::string_view{keys}.substr(f.key_at, f.size);
  }

  std::string_view name(const field& f) const {
    return f.name ? std::string_view{f.name, f.size} : key(f);
  }

  bool has(std::string_view name) const {
    for (auto& f : list)
      if (same_name(key(f), name))
        return true;
    return false;
  }

  void erase(std::string_view name) {
    std::size_t kept = 0;
    for (auto& f : list)
      if (!same_name(key(f), name))
        list[kept++] = f;
    list.resize(kept);
  }

  /// httplib's order: an insertion sort keeps equal names in the order
  /// they were set.
  void sort() {
    for (std::size_t i = 1; i < list.size(); ++i)
      for (auto j = i; j > 0 && key(list[j]) < key(list[j - 1]); --j)
        std::swap(list[j], list[j - 1]);
  }
};

} // namespace

void write_response(model::response res, const wire_context& ctx,
                    std::string& out) {
  thread_local fields lines;
  lines.clear();
  // to_wire: the model's headers, then its Content-Type over any other.
  for (auto& h : res.headers)
    if (!has_crlf(h.name) && !has_crlf(h.value))
      lines.add_model(h.name, h.value);
  // The CORS headers, last, each in place of a model header of its name
  // (`set_header`). Jetty knew none of their names: written lower-cased.
  std::array<model::cors_header, 5> cors;
  if (ctx.cors) {
    cors = model::cors_headers(*ctx.cors);
    for (auto& h : cors) {
      lines.erase(h.name);
      if (!has_crlf(h.value))
        lines.add(h.name, h.value, true);
    }
  }
  if (!res.content_type.empty() && !has_crlf(res.content_type)) {
    lines.erase("Content-Type");
    lines.add("Content-Type", res.content_type);
  }
  // httplib's writer: the body's length, the connection, its defaults.
  std::string length = std::to_string(res.body.size());
  if (!res.body.empty())
    lines.add("Content-Length", length);
  if (ctx.close)
    lines.add("Connection", "close");
  else
    lines.add("Keep-Alive", ctx.keep_alive);
  if (!res.body.empty() && !lines.has("Content-Type"))
    lines.add("Content-Type", "text/plain");
  if (res.body.empty() && !lines.has("Content-Length"))
    lines.add("Content-Length", "0");
  // Our post-routing handler: no byte ranges offered, a Date.
  if (ctx.head_request)
    lines.erase("Accept-Ranges");
  lines.add("Date", ctx.date);
  lines.sort();

  // Jetty sends no Content-Length with a 204: `connection` dropped the
  // first one httplib wrote.
  if (res.status == 204)
    for (auto f = lines.list.begin(); f != lines.list.end(); ++f)
      if (lines.key(*f) == "content-length") {
        lines.list.erase(f);
        break;
      }

  auto status = std::to_string(res.status);
  auto reason = reason_phrase(res.status);
  std::string_view body = ctx.head_request ? std::string_view{} : res.body;
  std::size_t size = 9 + status.size() + 1 + reason.size() + 4 + body.size();
  for (auto& f : lines.list)
    size += f.size + f.value.size() + 4;
  auto start = out.size();
  out.resize(start + size);
  auto* at = out.data() + start;
  auto put = [&at](std::string_view x) {
    std::memcpy(at, x.data(), x.size());
    at += x.size();
  };
  put("HTTP/1.1 ");
  put(status);
  put(" ");
  put(reason);
  put("\r\n");
  for (auto& f : lines.list) {
    put(as_c_string(lines.name(f)));
    put(": ");
    put(as_c_string(f.value));
    put("\r\n");
  }
  put("\r\n");
  put(body);
  // Shorter when a name or value held a NUL.
  out.resize(static_cast<std::size_t>(at - out.data()));
}

} // namespace http
