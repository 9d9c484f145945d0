#include "site/templates.hpp"

#include "gui/assets.hpp"

#include <stdexcept>

namespace site::templates {

values& values::set(std::string name, std::string text) {
  xs_[std::move(name)] = std::move(text);
  return *this;
}

values& values::set(std::string name, long long number) {
  return set(std::move(name), std::to_string(number));
}

const std::string* values::find(std::string_view name) const {
  auto i = xs_.find(name);
  return i == xs_.end() ? nullptr : &i->second;
}

std::string render_text(std::string_view text, const values& xs) {
  std::string out;
  out.reserve(text.size() * 2);
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    bool raw = text.compare(open, 3, "{{{") == 0;
    auto start = open + (raw ? 3 : 2);
    auto close = text.find(raw ? "}}}" : "}}", start);
    if (close == std::string_view::npos)
      throw std::logic_error("unterminated template tag");
    auto name = text.substr(start, close - start);
    auto value = xs.find(name);
    if (value == nullptr)
      throw std::logic_error("template value not set: " + std::string{name});
    out += raw ? *value : escape(*value);
    pos = close + (raw ? 3 : 2);
  }
  return out;
}

std::string render(std::string_view name, const values& xs) {
  auto path = "templates/" + std::string{name} + ".html";
  auto text = ::gui::asset(path);
  if (!text)
    throw std::logic_error("no such template: " + path);
  return render_text(*text, xs);
}

std::string page(std::string_view title, std::string_view content) {
  values xs;
  xs.set("title", std::string{title});
  xs.set("content", std::string{content});
  return render("layout", xs);
}

std::string escape(std::string_view x) {
  std::string out;
  out.reserve(x.size());
  for (auto c : x) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string script_json(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (auto c : json) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

} // namespace site::templates
