#include "model/negotiation.hpp"

#include "model/text.hpp"

#include <vector>

namespace model::negotiation {

namespace {

enum class item_kind : uint8_t { xml, json, any, text, unknown };

item_kind classify_item(std::string_view x) {
  // The original checks its type map in this order; an item containing
  // several patterns takes the first one.
  if (text::contains(x, "application/xml"))
    return item_kind::xml;
  if (text::contains(x, "application/json"))
    return item_kind::json;
  if (text::contains(x, "application/*") || text::contains(x, "*/*"))
    return item_kind::any;
  if (text::contains(x, "text/plain") || text::contains(x, "text/html"))
    return item_kind::text;
  return item_kind::unknown;
}

template <class F>
void for_each_item(std::string_view lowered, F f) {
  std::size_t pos = 0;
  while (pos <= lowered.size()) {
    auto end = lowered.find(',', pos);
    if (end == std::string_view::npos)
      end = lowered.size();
    auto item = text::trim(lowered.substr(pos, end - pos));
    if (!item.empty() && !f(item))
      return;
    pos = end + 1;
  }
}

} // namespace

accept_result parse_accept(const std::string* accept) {
  accept_result result;
  if (accept == nullptr)
    return result;
  auto lowered = text::lower(text::trim(*accept));
  if (lowered.empty())
    return result;
  bool recognised = false;
  bool decided = false;
  for_each_item(lowered, [&](std::string_view item) {
    auto kind = classify_item(item);
    if (kind == item_kind::unknown)
      return true;
    recognised = true;
    if (!decided && kind != item_kind::any) {
      decided = true;
      if (kind == item_kind::xml)
        result.preferred = format::xml;
    }
    return true;
  });
  result.acceptable = recognised;
  return result;
}

std::string_view media_type(format x) {
  return x == format::xml ? "application/xml" : "application/json";
}

body_type classify_content_type(const std::string* content_type) {
  if (content_type == nullptr)
    return body_type::missing;
  auto lowered = text::lower(text::trim(*content_type));
  if (lowered.empty())
    return body_type::missing;
  if (text::contains(lowered, "application/json"))
    return body_type::json;
  if (text::contains(lowered, "application/xml")
      || text::contains(lowered, "text/xml"))
    return body_type::xml;
  return body_type::unsupported;
}

std::string simple_status_type(const std::string* accept) {
  std::string fallback{"application/json"};
  if (accept == nullptr)
    return fallback;
  auto lowered = text::lower(text::trim(*accept));
  if (lowered.empty() || text::contains(lowered, "*/*")
      || text::contains(lowered, "application/*"))
    return fallback;
  std::string first;
  for_each_item(lowered, [&](std::string_view item) {
    first = std::string{item};
    return false;
  });
  return first.empty() ? fallback : first;
}

} // namespace model::negotiation
