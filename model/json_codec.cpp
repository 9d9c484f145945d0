#include "model/json_codec.hpp"

#include "model/text.hpp"

#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace model::json {

namespace {

void append_u_escape(std::string& out, unsigned code) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "\\u%04x", code);
  out += buf;
}

/// Whether `x` needs no escape at all (printable ASCII but `"` and `\`,
/// and the HTML-sensitive ones when `html_safe`). Most strings need none.
bool plain(std::string_view x, bool html_safe) {
  if (text::has_json_escape(x, true))
    return false;
  if (html_safe)
    for (char c : x)
      if (c == '<' || c == '>' || c == '&' || c == '=' || c == '\'')
        return false;
  return true;
}

} // namespace

void append_quoted(std::string& out, std::string_view x, bool html_safe) {
  out += '"';
  if (plain(x, html_safe)) {
    out.append(x);
    out += '"';
    return;
  }
  for (std::size_t i = 0; i < x.size(); ++i) {
    auto c = static_cast<unsigned char>(x[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '<':
      case '>':
      case '&':
      case '=':
      case '\'':
        if (html_safe)
          append_u_escape(out, c);
        else
          out += static_cast<char>(c);
        break;
      default:
        if (c < 0x20) {
          append_u_escape(out, c);
        } else if (c < 0x80) {
          out += static_cast<char>(c);
        } else if (auto len = text::utf8_char_length(x, i); len == 0) {
          // Not UTF-8 (found by fuzzing: a header's Latin-1 byte echoed in
          // an error message). JSON text must be UTF-8.
          out += text::replacement_character;
        } else if (c == 0xE2 && static_cast<unsigned char>(x[i + 1]) == 0x80
                   && (static_cast<unsigned char>(x[i + 2]) == 0xA8
                       || static_cast<unsigned char>(x[i + 2]) == 0xA9)) {
          // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
          append_u_escape(out, static_cast<unsigned char>(x[i + 2]) == 0xA8
                                 ? 0x2028
                                 : 0x2029);
          i += 2;
        } else {
          out.append(x, i, len);
          i += len - 1;
        }
    }
  }
  out += '"';
}

std::string quote(std::string_view x, bool html_safe) {
  std::string result;
  result.reserve(x.size() + 2);
  append_quoted(result, x, html_safe);
  return result;
}

namespace {

/// About the length of `append_todo`'s output (at least, unless characters
/// need escaping): the body is allocated once instead of growing by
/// doubling.
std::size_t todo_size(const model::todo& x) {
  // {"id":N,"title":"","doneStatus":false,"description":""} with up to 20
  // digits.
  return 80 + x.title.size() + x.description.size();
}

char* put(char* at, std::string_view x) {
  std::memcpy(at, x.data(), x.size());
  return at + x.size();
}

void append_todo(std::string& out, const model::todo& x) {
  if (!plain(x.title, false) || !plain(x.description, false)) {
    out += "{\"id\":";
    out += std::to_string(x.id);
    out += ",\"title\":";
    append_quoted(out, x.title, false);
    out += ",\"doneStatus\":";
    out += x.done ? "true" : "false";
    out += ",\"description\":";
    append_quoted(out, x.description, false);
    out += '}';
    return;
  }
  // Nothing to escape, as nearly always: every byte through one pointer
  // (a GET /todos body is mostly this; an append call a field was half of
  // its cost).
  auto start = out.size();
  out.resize(start + todo_size(x));
  char* at = out.data() + start;
  at = put(at, "{\"id\":");
  at = std::to_chars(at, at + 20, x.id).ptr;
  at = put(at, ",\"title\":\"");
  at = put(at, x.title);
  at = put(at, x.done ? "\",\"doneStatus\":true" : "\",\"doneStatus\":false");
  at = put(at, ",\"description\":\"");
  at = put(at, x.description);
  at = put(at, "\"}");
  out.resize(static_cast<std::size_t>(at - out.data()));
}

} // namespace

std::string todo(const model::todo& x) {
  std::string result;
  result.reserve(todo_size(x));
  append_todo(result, x);
  return result;
}

std::string todos(const std::vector<const model::todo*>& xs) {
  std::size_t size = 16;
  for (auto* x : xs)
    size += todo_size(*x) + 1;
  std::string result;
  result.reserve(size);
  result += "{\"todos\":[";
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (i > 0)
      result += ',';
    append_todo(result, *xs[i]);
  }
  result += "]}";
  return result;
}

std::string errors(const std::vector<std::string>& messages) {
  std::string result = "{\"errorMessages\":[";
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i > 0)
      result += ',';
    append_quoted(result, messages[i], true);
  }
  result += "]}";
  return result;
}

std::string note(std::string_view note) {
  std::string result = "{\"note\":";
  append_quoted(result, note, false);
  result += '}';
  return result;
}

} // namespace model::json
