#include "model/json_codec.hpp"

#include "model/text.hpp"

#include <rapidjson/document.h>

#include <cstdio>
#include <string>
#include <vector>

namespace model::json {

namespace {

/// Strict RFC 8259 parsing: UTF-8 validated, no recursion (deep nesting
/// cannot overflow the stack), correctly rounded numbers and no trailing
/// content after the root value.
constexpr unsigned parse_flags = rapidjson::kParseValidateEncodingFlag
                                 | rapidjson::kParseIterativeFlag
                                 | rapidjson::kParseFullPrecisionFlag;

std::string_view view(const rapidjson::Value& x) {
  return {x.GetString(), x.GetStringLength()};
}

void append_u_escape(std::string& out, unsigned code) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "\\u%04x", code);
  out += buf;
}

void append_quoted(std::string& out, std::string_view x, bool html_safe) {
  out += '"';
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
        } else if (c == 0xE2 && i + 2 < x.size()
                   && static_cast<unsigned char>(x[i + 1]) == 0x80
                   && (static_cast<unsigned char>(x[i + 2]) == 0xA8
                       || static_cast<unsigned char>(x[i + 2]) == 0xA9)) {
          // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
          append_u_escape(out, static_cast<unsigned char>(x[i + 2]) == 0xA8
                                 ? 0x2028
                                 : 0x2029);
          i += 2;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

/// Writes `x` as compact JSON without recursion. Numbers use Java's
/// `Double.toString` form, as Gson re-serializes parsed numbers. Returns
/// false if a decoded string is not valid UTF-8 (a lone surrogate escape).
bool append_compact(std::string& out, const rapidjson::Value& x) {
  struct frame {
    const rapidjson::Value* value;
    rapidjson::SizeType index;
  };
  std::vector<frame> stack;
  auto emit = [&](const rapidjson::Value& v) {
    if (v.IsArray()) {
      out += '[';
      stack.push_back(frame{&v, 0});
    } else if (v.IsObject()) {
      out += '{';
      stack.push_back(frame{&v, 0});
    } else if (v.IsString()) {
      if (!text::valid_utf8(view(v)))
        return false;
      append_quoted(out, view(v), false);
    } else if (v.IsNumber()) {
      out += text::java_double(v.GetDouble());
    } else if (v.IsBool()) {
      out += v.GetBool() ? "true" : "false";
    } else {
      out += "null";
    }
    return true;
  };
  if (!emit(x))
    return false;
  while (!stack.empty()) {
    auto& top = stack.back();
    const auto& v = *top.value;
    auto i = top.index++;
    if (v.IsArray()) {
      if (i == v.Size()) {
        out += ']';
        stack.pop_back();
        continue;
      }
      if (i > 0)
        out += ',';
      if (!emit(v[i])) // may invalidate `top`
        return false;
    } else {
      if (i == v.MemberCount()) {
        out += '}';
        stack.pop_back();
        continue;
      }
      if (i > 0)
        out += ',';
      const auto& member = *(v.MemberBegin() + i);
      if (!text::valid_utf8(view(member.name)))
        return false;
      append_quoted(out, view(member.name), false);
      out += ':';
      if (!emit(member.value)) // may invalidate `top`
        return false;
    }
  }
  return true;
}

/// Converts a non-object value. Returns false on invalid decoded UTF-8.
bool to_body_value(const rapidjson::Value& x, body_value& result) {
  if (x.IsString()) {
    result.type = body_value::kind::string;
    result.text = std::string{view(x)};
    return text::valid_utf8(result.text);
  }
  if (x.IsBool()) {
    result.type = body_value::kind::boolean;
    result.boolean = x.GetBool();
    result.text = result.boolean ? "true" : "false";
    return true;
  }
  if (x.IsNumber()) {
    result.type = body_value::kind::number;
    result.number = x.GetDouble();
    result.text = text::java_double(result.number);
    return true;
  }
  if (x.IsNull()) {
    result.type = body_value::kind::null;
    return true;
  }
  result.type = body_value::kind::other;
  return append_compact(result.text, x);
}

/// Flattens the members of `root` into dotted keys, in document order,
/// without recursion. One prefix buffer is shared by all levels, so the
/// work is linear; `budget` caps the bytes of all keys together (a body
/// of nested objects could otherwise make every leaf copy a huge prefix),
/// and exceeding it fails like invalid JSON.
bool flatten(const rapidjson::Value& root, body_fields& out,
             std::size_t budget) {
  struct frame {
    const rapidjson::Value* object;
    rapidjson::SizeType index;
    std::size_t prefix_size;
  };
  std::string prefix;
  std::size_t spent = 0;
  std::vector<frame> stack;
  stack.push_back(frame{&root, 0, 0});
  while (!stack.empty()) {
    auto& top = stack.back();
    if (top.index == top.object->MemberCount()) {
      stack.pop_back();
      continue;
    }
    const auto& member = *(top.object->MemberBegin() + top.index++);
    if (!text::valid_utf8(view(member.name)))
      return false;
    prefix.resize(top.prefix_size);
    if (!prefix.empty())
      prefix += '.';
    prefix += view(member.name);
    if (member.value.IsObject()) {
      stack.push_back(frame{&member.value, 0, prefix.size()}); // `top` dies
    } else {
      spent += prefix.size();
      if (spent > budget)
        return false;
      body_value value;
      if (!to_body_value(member.value, value))
        return false;
      out.emplace_back(prefix, std::move(value));
    }
  }
  return true;
}

} // namespace

std::optional<body_fields> parse_body(std::string_view body) {
  if (text::trim(body).empty())
    return body_fields{};
  // Parsing with a length stops at a NUL byte; valid JSON never has one.
  if (body.find('\0') != std::string_view::npos)
    return std::nullopt;
  rapidjson::Document doc;
  doc.Parse<parse_flags>(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject())
    return std::nullopt;
  body_fields result;
  if (!flatten(doc, result, 16 * body.size() + 4096))
    return std::nullopt;
  return result;
}

std::string quote(std::string_view x, bool html_safe) {
  std::string result;
  result.reserve(x.size() + 2);
  append_quoted(result, x, html_safe);
  return result;
}

namespace {

void append_todo(std::string& out, const model::todo& x) {
  out += "{\"id\":";
  out += std::to_string(x.id);
  out += ",\"title\":";
  append_quoted(out, x.title, false);
  out += ",\"doneStatus\":";
  out += x.done ? "true" : "false";
  out += ",\"description\":";
  append_quoted(out, x.description, false);
  out += '}';
}

} // namespace

std::string todo(const model::todo& x) {
  std::string result;
  append_todo(result, x);
  return result;
}

std::string todos(const std::vector<const model::todo*>& xs) {
  std::string result = "{\"todos\":[";
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
