#include "model/xml_codec.hpp"

#include "model/text.hpp"

#include <pugixml.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace model::xml {

namespace {

/// Checks for org.json's numeric text: optional '-', digits, optional
/// fraction, optional exponent.
bool is_numeric(std::string_view x) {
  std::size_t i = 0;
  auto digits = [&] {
    auto start = i;
    while (i < x.size() && x[i] >= '0' && x[i] <= '9')
      ++i;
    return i > start;
  };
  if (i < x.size() && x[i] == '-')
    ++i;
  if (!digits())
    return false;
  if (i < x.size() && x[i] == '.') {
    ++i;
    if (!digits())
      return false;
  }
  if (i < x.size() && (x[i] == 'e' || x[i] == 'E')) {
    ++i;
    if (i < x.size() && (x[i] == '+' || x[i] == '-'))
      ++i;
    if (!digits())
      return false;
  }
  return i == x.size();
}

/// Types XML text the way org.json's `XML.stringToValue` does.
body_value typed(std::string_view x) {
  body_value result;
  if (text::iequals(x, "true") || text::iequals(x, "false")) {
    result.type = body_value::kind::boolean;
    result.boolean = text::iequals(x, "true");
    result.text = result.boolean ? "true" : "false";
  } else if (text::iequals(x, "null")) {
    result.type = body_value::kind::null;
  } else if (is_numeric(x)) {
    result.type = body_value::kind::number;
    result.number = std::strtod(std::string{x}.c_str(), nullptr);
    result.text = text::java_double(result.number);
  } else {
    result.type = body_value::kind::string;
    result.text = std::string{x};
  }
  return result;
}

bool is_text(const pugi::xml_node& x) {
  return x.type() == pugi::node_pcdata || x.type() == pugi::node_cdata;
}

/// An element without attributes and child elements maps to a plain value.
bool is_simple(const pugi::xml_node& x) {
  if (x.first_attribute())
    return false;
  for (auto child : x.children())
    if (child.type() == pugi::node_element)
      return false;
  return true;
}

std::string join(const std::string& prefix, const char* name) {
  if (prefix.empty())
    return name;
  std::string result = prefix;
  result += '.';
  result += name;
  return result;
}

/// Flattens `root` into dotted keys like org.json followed by the engine's
/// map flattening: simple elements become values, attributes and child
/// elements become `<key>.<name>`, text mixed with elements `<key>.content`.
/// `expand_root` treats `root` as an object even when it is simple (the
/// entity element). Works without recursion.
/// Returns false when the keys together would exceed `budget` bytes: every
/// child copies its parent's key, so a long key over many children could
/// otherwise cost far more than the body (the body fails as unparsable).
bool flatten(pugi::xml_node root, std::string prefix, bool expand_root,
             body_fields& out, std::size_t budget) {
  struct item {
    pugi::xml_node node;
    std::string key;
    bool member;
  };
  std::vector<item> stack;
  std::size_t spent = 0;
  auto charge = [&](const std::string& key, const char* name) {
    spent += key.size() + 1 + std::char_traits<char>::length(name);
    return spent <= budget;
  };
  // `members`: the children are top-level members (see `body_fields`).
  auto expand = [&](pugi::xml_node e, const std::string& key, bool members) {
    for (auto attr : e.attributes()) {
      if (!charge(key, attr.name()))
        return false;
      auto value = typed(attr.value());
      value.nested = !members;
      out.emplace_back(join(key, attr.name()), std::move(value));
    }
    std::vector<pugi::xml_node> children;
    for (auto child : e.children())
      if (child.type() == pugi::node_element || is_text(child))
        children.push_back(child);
    for (auto i = children.rbegin(); i != children.rend(); ++i) {
      auto name = is_text(*i) ? "content" : i->name();
      if (!charge(key, name))
        return false;
      stack.push_back(item{*i, join(key, name), members});
    }
    return true;
  };
  if (expand_root) {
    if (!expand(root, prefix, true))
      return false;
  } else {
    stack.push_back(item{root, join(prefix, root.name()), true});
  }
  while (!stack.empty()) {
    auto x = std::move(stack.back());
    stack.pop_back();
    if (is_text(x.node)) {
      auto content = text::trim(x.node.value());
      if (!content.empty()) {
        auto value = typed(content);
        value.nested = !x.member;
        out.emplace_back(std::move(x.key), std::move(value));
      }
    } else if (is_simple(x.node)) {
      std::string content;
      for (auto child : x.node.children())
        if (is_text(child))
          content += child.value();
      auto value = typed(text::trim(content));
      value.nested = !x.member;
      out.emplace_back(std::move(x.key), std::move(value));
    } else {
      if (x.member) {
        body_value object;
        object.type = body_value::kind::object;
        out.emplace_back(x.key, std::move(object));
      }
      if (!expand(x.node, x.key, false))
        return false;
    }
  }
  return true;
}

void append_escaped(std::string& out, std::string_view x) {
  for (std::size_t i = 0; i < x.size(); ++i) {
    auto c = static_cast<unsigned char>(x[i]);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
          // Control characters are not allowed raw in XML 1.0; org.json
          // writes them as character references.
          char buf[8];
          std::snprintf(buf, sizeof(buf), "&#x%x;", c);
          out += buf;
        } else if (c < 0x80) {
          out += static_cast<char>(c);
        } else if (auto len = text::utf8_char_length(x, i); len == 0) {
          // Not UTF-8 (e.g. a header's Latin-1 byte in an error message):
          // the document declares none, so it must be UTF-8.
          out += text::replacement_character;
        } else {
          out.append(x, i, len);
          i += len - 1;
        }
    }
  }
}

void append_element(std::string& out, std::string_view name,
                    std::string_view value) {
  out += '<';
  out += name;
  if (value.empty()) {
    out += "/>";
    return;
  }
  out += '>';
  append_escaped(out, value);
  out += "</";
  out += name;
  out += '>';
}

void append_todo(std::string& out, const model::todo& x) {
  out += "<todo>";
  append_element(out, "doneStatus", x.done ? "true" : "false");
  append_element(out, "description", x.description);
  append_element(out, "id", std::to_string(x.id));
  append_element(out, "title", x.title);
  out += "</todo>";
}

} // namespace

parse_result parse_body(std::string_view body, std::string_view entity) {
  parse_result result;
  if (text::trim(body).empty()) {
    // org.json turns an empty document into an empty object.
    result.ok = true;
    return result;
  }
  if (!text::valid_utf8(body)) {
    result.error = "Invalid UTF-8 in document";
    return result;
  }
  // pugixml never expands entities beyond the predefined ones and character
  // references; parse_doctype keeps DOCTYPE nodes so that we can reject
  // them outright.
  pugi::xml_document doc;
  auto res = doc.load_buffer(body.data(), body.size(),
                             pugi::parse_default | pugi::parse_doctype,
                             pugi::encoding_utf8);
  if (!res) {
    result.error = res.description();
    result.error += " at ";
    result.error += std::to_string(res.offset);
    return result;
  }
  std::vector<pugi::xml_node> roots;
  for (auto child : doc.children()) {
    if (child.type() == pugi::node_doctype) {
      result.error = "DOCTYPE is not allowed";
      return result;
    }
    if (child.type() == pugi::node_element)
      roots.push_back(child);
  }
  auto budget = 16 * body.size() + 4096;
  bool within = true;
  if (roots.size() == 1 && entity == roots.front().name()) {
    within = flatten(roots.front(), std::string{}, true, result.fields, budget);
  } else {
    for (auto root : roots)
      within = within
               && flatten(root, std::string{}, false, result.fields, budget);
  }
  if (!within) {
    result.fields.clear();
    result.error = "Document too complex: element names nest too deeply";
    return result;
  }
  // The body is UTF-8, but a character reference can still name a
  // surrogate (`&#55357;`, found by fuzzing) or a code point above U+10FFFF,
  // which pugixml writes out as an ill-formed sequence.
  for (auto& field : result.fields) {
    if (!text::valid_utf8(field.second.text)) {
      result.fields.clear();
      result.error = "Character reference to an invalid code point";
      return result;
    }
  }
  result.ok = true;
  return result;
}

std::string escape(std::string_view x) {
  std::string result;
  result.reserve(x.size());
  append_escaped(result, x);
  return result;
}

std::string todo(const model::todo& x) {
  std::string result;
  append_todo(result, x);
  return result;
}

std::string todos(const std::vector<const model::todo*>& xs) {
  std::string result = "<todos>";
  for (auto x : xs)
    append_todo(result, *x);
  result += "</todos>";
  return result;
}

std::string errors(const std::vector<std::string>& messages) {
  std::string result = "<errorMessages>";
  for (auto& x : messages)
    append_element(result, "errorMessage", x);
  result += "</errorMessages>";
  return result;
}

std::string note(std::string_view note) {
  std::string result = "<secretnote>";
  append_element(result, "note", note);
  result += "</secretnote>";
  return result;
}

} // namespace model::xml
