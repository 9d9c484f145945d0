#include "model/accept_q.hpp"

#include "model/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace model::accept_q {

namespace {

/// How a range matched a media type, most specific last.
enum specificity : int {
  no_match = -1,
  anything = 0,
  type_wildcard = 1,
  structured_suffix = 2,
  exact = 3,
};

constexpr std::string_view reserved_xml_subtypes[] = {"problem", "soap",
                                                      "xhtml",   "atom",
                                                      "rss",     "svg"};

/// Java's `String.trim`.
std::string_view java_trim(std::string_view x) {
  auto is_space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!x.empty() && is_space(x.front()))
    x.remove_prefix(1);
  while (!x.empty() && is_space(x.back()))
    x.remove_suffix(1);
  return x;
}

/// Splits on `sep` outside double quotes (a backslash escapes inside).
std::vector<std::string> split_outside_quotes(std::string_view value,
                                              char sep) {
  std::vector<std::string> parts;
  std::string current;
  bool inside = false;
  bool escaped = false;
  for (auto c : value) {
    if (c == '\\' && inside && !escaped) {
      escaped = true;
      current += c;
      continue;
    }
    if (c == '"' && !escaped)
      inside = !inside;
    if (c == sep && !inside) {
      parts.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
    escaped = false;
  }
  parts.push_back(std::move(current));
  return parts;
}

/// `type/subtype` split at every `/` (Java's `split("/", -1)`).
std::vector<std::string_view> slash_parts(std::string_view x) {
  std::vector<std::string_view> result;
  for (;;) {
    auto pos = x.find('/');
    result.push_back(x.substr(0, pos));
    if (pos == std::string_view::npos)
      return result;
    x.remove_prefix(pos + 1);
  }
}

int specificity_of(std::string_view range, std::string_view concrete) {
  if (range == concrete)
    return exact;
  auto r = slash_parts(range);
  auto c = slash_parts(concrete);
  if (r.size() == 2 && c.size() == 2) {
    if ((r[0] == "*" || r[0] == c[0]) && text::starts_with(r[1], "*+")
        && text::ends_with(c[1], r[1].substr(1)))
      return structured_suffix;
    if (r[0] == c[0] && r[1] == "*")
      return type_wildcard;
  }
  if (range == "*/*")
    return anything;
  return no_match;
}

std::string normalize_entity(std::string_view name) {
  auto lower = text::lower(java_trim(name));
  for (auto& c : lower) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
                || c == '_' || c == '-';
    if (!keep)
      c = '-';
  }
  return lower;
}

bool reserved(std::string_view token) {
  return std::find(std::begin(reserved_xml_subtypes),
                   std::end(reserved_xml_subtypes), token)
         != std::end(reserved_xml_subtypes);
}

/// The structured XML media types the header names for the entities.
std::vector<std::string> structured_types(
  const std::vector<media_range>& ranges,
  const std::vector<std::string>& entities) {
  std::vector<std::string> result;
  auto add = [&result](std::string x) {
    if (std::find(result.begin(), result.end(), x) == result.end())
      result.push_back(std::move(x));
  };
  for (const auto& r : ranges) {
    if (structured_xml_for(r.range, entities)) {
      add(r.range);
    } else if (r.range == "application/*+xml") {
      for (const auto& e : entities) {
        auto n = normalize_entity(e);
        if (!n.empty() && !reserved(n)) {
          add("application/" + n + "+xml");
          break;
        }
      }
    }
  }
  return result;
}

/// One representation (or structured XML type) and its best range.
struct candidate {
  response_type type;
  std::string media;
  double q;
  int specificity;
  std::size_t order;
};

/// The most specific matching range for `media` (then higher q, then
/// earlier), if it is acceptable.
std::optional<candidate> best_match(const std::vector<media_range>& ranges,
                                    response_type type,
                                    std::string_view media) {
  std::optional<candidate> best;
  const media_range* best_range = nullptr;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    auto s = specificity_of(ranges[i].range, media);
    if (s == no_match)
      continue;
    bool better = !best || s > best->specificity
                  || (s == best->specificity && ranges[i].q > best->q);
    if (better) {
      best = candidate{type, std::string{media}, ranges[i].q, s, i};
      best_range = &ranges[i];
    }
  }
  if (!best || !best_range->acceptable())
    return std::nullopt;
  return best;
}

std::vector<candidate> ordered(const std::vector<media_range>& ranges,
                               const std::vector<std::string>& structured) {
  std::vector<candidate> result;
  for (auto t : all_types)
    if (auto m = best_match(ranges, t, media_type(t)))
      result.push_back(std::move(*m));
  for (const auto& s : structured)
    if (auto m = best_match(ranges, response_type::xml, s))
      result.push_back(std::move(*m));
  std::stable_sort(result.begin(), result.end(),
                   [](const candidate& x, const candidate& y) {
                     if (x.q != y.q)
                       return x.q > y.q;
                     if (x.specificity != y.specificity)
                       return x.specificity > y.specificity;
                     if (x.order != y.order)
                       return x.order < y.order;
                     return static_cast<int>(x.type) < static_cast<int>(y.type);
                   });
  return result;
}

std::vector<media_range> ranges_of(const std::string* header) {
  return header ? parse(*header) : std::vector<media_range>{};
}

bool any_xml_match(const std::vector<media_range>& ranges,
                   const std::vector<std::string>& structured) {
  for (auto t : {response_type::xml, response_type::text_xml})
    if (best_match(ranges, t, media_type(t)))
      return true;
  for (const auto& s : structured)
    if (best_match(ranges, response_type::xml, s))
      return true;
  return false;
}

} // namespace

// The original's `isStructuredXmlForEntity`.
bool structured_xml_for(std::string_view media,
                        const std::vector<std::string>& entities) {
  auto parts = slash_parts(media);
  if (parts.size() != 2 || parts[0] != "application")
    return false;
  auto sub = parts[1];
  if (sub.find('*') != std::string_view::npos || !text::ends_with(sub, "+xml"))
    return false;
  auto base = sub.substr(0, sub.size() - 4);
  auto cut = base.find_last_of(".-");
  auto token = cut == std::string_view::npos ? base : base.substr(cut + 1);
  if (reserved(token))
    return false;
  for (const auto& e : entities) {
    auto n = normalize_entity(e);
    if (!n.empty() && token == n)
      return true;
  }
  return false;
}

std::string_view media_type(response_type x) {
  switch (x) {
    case response_type::json: return "application/json";
    case response_type::xml: return "application/xml";
    case response_type::csv: return "text/csv";
    case response_type::text: return "text/plain";
    case response_type::html: return "text/html";
    case response_type::ndjson: return "application/x-ndjson";
    case response_type::jsonl: return "application/jsonl";
    case response_type::json_seq: return "application/json-seq";
    case response_type::tsv: return "text/tab-separated-values";
    case response_type::text_xml: return "text/xml";
  }
  return "application/json";
}

bool renders_as_xml(response_type x) {
  return x == response_type::xml || x == response_type::text_xml;
}

std::optional<double> java_parse_double(std::string_view x) {
  x = java_trim(x);
  std::string_view body = x;
  if (!body.empty() && (body.front() == '+' || body.front() == '-'))
    body.remove_prefix(1);
  if (body == "NaN")
    return std::numeric_limits<double>::quiet_NaN();
  if (body == "Infinity")
    return x.front() == '-' ? -std::numeric_limits<double>::infinity()
                            : std::numeric_limits<double>::infinity();
  if (!x.empty()
      && (x.back() == 'd' || x.back() == 'D' || x.back() == 'f'
          || x.back() == 'F'))
    x.remove_suffix(1);
  // sign? digits* [. digits*] [e sign? digits+], at least one digit.
  std::size_t i = 0;
  if (i < x.size() && (x[i] == '+' || x[i] == '-'))
    ++i;
  std::size_t digits = 0;
  while (i < x.size() && x[i] >= '0' && x[i] <= '9')
    ++i, ++digits;
  if (i < x.size() && x[i] == '.') {
    ++i;
    while (i < x.size() && x[i] >= '0' && x[i] <= '9')
      ++i, ++digits;
  }
  if (digits == 0)
    return std::nullopt;
  if (i < x.size() && (x[i] == 'e' || x[i] == 'E')) {
    ++i;
    if (i < x.size() && (x[i] == '+' || x[i] == '-'))
      ++i;
    std::size_t exp_digits = 0;
    while (i < x.size() && x[i] >= '0' && x[i] <= '9')
      ++i, ++exp_digits;
    if (exp_digits == 0)
      return std::nullopt;
  }
  if (i != x.size())
    return std::nullopt;
  std::string copy{x};
  return std::strtod(copy.c_str(), nullptr);
}

std::vector<media_range> parse(std::string_view header) {
  auto lower = text::lower(java_trim(header));
  std::vector<media_range> result;
  for (auto& item : split_outside_quotes(lower, ',')) {
    auto trimmed = java_trim(item);
    if (trimmed.empty())
      continue;
    auto parts = split_outside_quotes(trimmed, ';');
    media_range r;
    r.range = std::string{java_trim(parts[0])};
    for (std::size_t i = 1; i < parts.size(); ++i) {
      auto param = java_trim(parts[i]);
      auto eq = param.find('=');
      if (eq == std::string_view::npos)
        continue;
      auto name = java_trim(param.substr(0, eq));
      auto value = java_trim(param.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
      if (name != "q")
        continue;
      auto q = java_parse_double(value);
      if (!q || *q < 0.0 || *q > 1.0)
        r.q_valid = false;
      else
        r.q = *q;
    }
    result.push_back(std::move(r));
  }
  return result;
}

std::optional<choice> negotiate(const std::string* header,
                                const std::vector<std::string>& xml_entities) {
  auto ranges = ranges_of(header);
  if (ranges.empty())
    return choice{response_type::json,
                  std::string{media_type(response_type::json)}};
  auto best = ordered(ranges, structured_types(ranges, xml_entities));
  if (best.empty())
    return std::nullopt;
  return choice{best.front().type, std::move(best.front().media)};
}

std::optional<std::string> validate(
  const std::string* header, const std::vector<std::string>& xml_entities) {
  auto ranges = ranges_of(header);
  if (ranges.empty())
    return std::nullopt;
  auto structured = structured_types(ranges, xml_entities);
  bool supported = false;
  for (const auto& r : ranges) {
    for (auto t : all_types)
      supported = supported
                  || specificity_of(r.range, media_type(t)) != no_match;
    for (const auto& s : structured)
      supported = supported || specificity_of(r.range, s) != no_match;
  }
  if (!supported)
    return std::string{"Unrecognised Accept Type"};
  if (!ordered(ranges, structured).empty())
    return std::nullopt;
  bool json_ok = best_match(ranges, response_type::json,
                            media_type(response_type::json))
                   .has_value();
  if (any_xml_match(ranges, structured) && !json_ok)
    return std::string{"XML not supported"};
  if (asked_for(header, "application/json") && !any_xml_match(ranges, {}))
    return std::string{"JSON not supported"};
  return std::string{"No acceptable response type supported"};
}

bool asked_for(const std::string* header, std::string_view range) {
  for (const auto& r : ranges_of(header))
    if (r.acceptable() && r.range == range)
      return true;
  return false;
}

bool prefers_xml(const std::string* header) {
  auto ranges = ranges_of(header);
  auto best = ordered(ranges, {});
  return !best.empty() && renders_as_xml(best.front().type);
}

bool prefers_text_calendar(const std::string* header) {
  if (!header || java_trim(*header).empty())
    return false;
  std::string_view preferred;
  double preferred_q = -1.0;
  std::string_view rest = *header;
  for (;;) {
    auto comma = rest.find(',');
    auto item = java_trim(rest.substr(0, comma));
    auto semi = item.find(';');
    auto media = java_trim(item.substr(0, semi));
    if (!media.empty()) {
      double q = 1.0;
      auto params = semi == std::string_view::npos ? std::string_view{}
                                                   : item.substr(semi + 1);
      while (semi != std::string_view::npos) {
        auto next = params.find(';');
        auto p = java_trim(params.substr(0, next));
        if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
          auto v = java_parse_double(java_trim(p.substr(2)));
          if (!v) {
            q = 0.0;
            break;
          }
          q = *v;
        }
        if (next == std::string_view::npos)
          break;
        params.remove_prefix(next + 1);
      }
      if (q > 0 && q > preferred_q) {
        preferred = media;
        preferred_q = q;
      }
    }
    if (comma == std::string_view::npos)
      break;
    rest.remove_prefix(comma + 1);
  }
  return text::iequals(preferred, "text/calendar");
}

std::string normalized(std::string_view header) {
  std::string result;
  for (auto c : header) {
    // Java's \s: space, \t, \n, \x0B, \f, \r.
    if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f'
        || c == '\r')
      continue;
    result += c;
  }
  return text::lower(result);
}

} // namespace model::accept_q
