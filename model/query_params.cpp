#include "model/query_params.hpp"

#include "model/pattern.hpp"
#include "model/text.hpp"

#include <algorithm>
#include <limits>
#include <variant>

namespace model::query_params {

namespace {

constexpr operation all_operations[] = {
  operation::less_equal, operation::greater_equal, operation::exact,
  operation::not_equal,  operation::regex,         operation::wildcard,
  operation::contains,   operation::less,          operation::greater,
  operation::equals,     operation::negate,
};

constexpr std::string_view limit_name = "_limit";
constexpr std::string_view offset_name = "_offset";
constexpr std::string_view sort_name = "_sortBy";

/// Java's `String.trim`: strips every character up to U+0020.
std::string_view java_trim(std::string_view x) {
  auto is_space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!x.empty() && is_space(x.front()))
    x.remove_prefix(1);
  while (!x.empty() && is_space(x.back()))
    x.remove_suffix(1);
  return x;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/// Appends `bytes` read as UTF-8, each malformed byte as U+FFFD.
void append_utf8(std::string& out, std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    auto n = text::utf8_char_length(bytes, i);
    if (n == 0) {
      out += text::replacement_character;
      ++i;
    } else {
      out.append(bytes.substr(i, n));
      i += n;
    }
  }
}

/// The operator at the start of `x`, trying longer tokens first.
std::optional<operation> leading(std::string_view x) {
  for (auto op : all_operations)
    if (text::starts_with(x, token(op)))
      return op;
  return std::nullopt;
}

/// The earliest operator in `x` and its position (the longer on a tie).
std::optional<std::pair<operation, std::size_t>> first_in(std::string_view x) {
  std::optional<std::pair<operation, std::size_t>> best;
  for (auto op : all_operations) {
    auto pos = x.find(token(op));
    if (pos == std::string_view::npos)
      continue;
    if (!best || pos < best->second
        || (pos == best->second
            && token(op).size() > token(best->first).size()))
      best = std::pair{op, pos};
  }
  return best;
}

param to_param(std::string_view item) {
  auto found = first_in(item);
  if (!found)
    return param{std::string{item}, operation::equals, {}};
  auto [op, pos] = *found;
  param result{std::string{item.substr(0, pos)}, op,
               std::string{item.substr(pos + token(op).size())}};
  if (op == operation::equals) {
    if (auto inner = leading(result.value)) {
      result.op = *inner;
      result.value.erase(0, token(*inner).size());
    }
  }
  return result;
}

/// The message of a Java `NumberFormatException` without one.
constexpr std::string_view bare_number_format = "java.lang."
                                                "NumberFormatException";

/// An integer value as the original reads it (`new BigDecimal(x)`, no
/// fraction allowed, then `intValue()`, which keeps the low 32 bits), or
/// the exception message.
std::variant<int32_t, std::string> java_integer(std::string_view x) {
  std::size_t i = 0;
  bool negative = false;
  if (i < x.size() && (x[i] == '+' || x[i] == '-'))
    negative = x[i++] == '-';
  std::string digits;
  std::size_t fraction_digits = 0;
  bool point = false;
  for (; i < x.size(); ++i) {
    auto c = x[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      if (point)
        ++fraction_digits;
    } else if (c == '.') {
      if (point)
        return std::string{bare_number_format};
      point = true;
    } else if (c == 'e' || c == 'E') {
      break;
    } else {
      auto n = std::max<std::size_t>(1, text::utf8_char_length(x, i));
      return "Character " + std::string{x.substr(i, n)}
             + " is neither a decimal digit number, decimal point, nor \"e\" "
               "notation exponential mark.";
    }
  }
  if (digits.empty())
    return std::string{bare_number_format};
  long long exponent = 0;
  if (i < x.size()) {
    ++i; // the 'e'
    bool exp_negative = false;
    if (i < x.size() && (x[i] == '+' || x[i] == '-'))
      exp_negative = x[i++] == '-';
    if (i == x.size())
      return std::string{bare_number_format};
    for (; i < x.size(); ++i) {
      if (x[i] < '0' || x[i] > '9')
        return std::string{bare_number_format};
      exponent = std::min<long long>(exponent * 10 + (x[i] - '0'),
                                     std::numeric_limits<int32_t>::max());
    }
    if (exp_negative)
      exponent = -exponent;
  }
  // value = digits * 10^(exponent - fraction_digits)
  long long scale = static_cast<long long>(fraction_digits) - exponent;
  std::string_view whole = digits;
  if (scale > 0) {
    auto cut = static_cast<std::size_t>(
      std::min<long long>(scale, static_cast<long long>(digits.size())));
    auto dropped = whole.substr(whole.size() - cut);
    if (dropped.find_first_not_of('0') != std::string_view::npos)
      return std::string{bare_number_format};
    whole.remove_suffix(cut);
  }
  uint32_t value = 0;
  for (auto c : whole)
    value = value * 10u + static_cast<uint32_t>(c - '0');
  for (long long k = 0; scale < 0 && k < -scale && value != 0; ++k)
    value *= 10u;
  if (negative)
    value = 0u - value;
  return static_cast<int32_t>(value);
}

/// A boolean value as the original reads it, or the exception message.
std::variant<bool, std::string> java_boolean(std::string_view x) {
  auto lower = text::lower(x);
  if (lower == "true")
    return true;
  if (lower == "false")
    return false;
  return std::string{x} + " is not boolean";
}

/// Compares two values of a field's type (Java's `compareTo` sign), or
/// the message of the exception the original throws.
std::variant<int, std::string> compare(query::field_type type,
                                       std::string_view x, std::string_view y) {
  auto sign = [](auto a, auto b) { return a < b ? -1 : (b < a ? 1 : 0); };
  switch (type) {
    case query::field_type::integer: {
      auto lhs = java_integer(x);
      if (auto* e = std::get_if<std::string>(&lhs))
        return std::move(*e);
      auto rhs = java_integer(y);
      if (auto* e = std::get_if<std::string>(&rhs))
        return std::move(*e);
      return sign(std::get<int32_t>(lhs), std::get<int32_t>(rhs));
    }
    case query::field_type::boolean: {
      auto lhs = java_boolean(x);
      if (auto* e = std::get_if<std::string>(&lhs))
        return std::move(*e);
      auto rhs = java_boolean(y);
      if (auto* e = std::get_if<std::string>(&rhs))
        return std::move(*e);
      return sign(std::get<bool>(lhs), std::get<bool>(rhs));
    }
    case query::field_type::string: break;
  }
  return sign(x.compare(y), 0);
}

std::optional<std::size_t> find_field(const std::vector<query::field_def>& fs,
                                      std::string_view name) {
  for (std::size_t i = 0; i < fs.size(); ++i)
    if (text::iequals(fs[i].name, name))
      return i;
  return std::nullopt;
}

bool is_control(std::string_view name) {
  return name == sort_name || name == limit_name || name == offset_name;
}

/// A filter on a known field, its pattern compiled on first use.
struct condition {
  std::size_t field;
  operation op;
  std::string value;
  std::optional<pattern> compiled;
};

/// The regular expression a `*=` value stands for.
std::string wildcard_regex(std::string_view x) {
  std::string result;
  for (auto c : x) {
    if (c == '*')
      result += ".*";
    else if (c == '?')
      result += '.';
    else
      result += c;
  }
  return result;
}

/// Whether row `row` passes; a string is the failure message.
std::variant<bool, std::string> matches(
  std::vector<condition>& conditions,
  const std::vector<query::field_def>& fields, std::size_t row,
  const query::value_fn& value) {
  for (auto& cond : conditions) {
    auto actual = value(row, cond.field);
    if (cond.op == operation::regex || cond.op == operation::wildcard) {
      if (!cond.compiled)
        cond.compiled = pattern::compile(cond.op == operation::regex
                                           ? cond.value
                                           : wildcard_regex(cond.value));
      if (cond.compiled->status() == pattern::state::invalid)
        return "Invalid regular expression: " + cond.value;
      return cond.compiled->full_match(actual);
    }
    if (cond.op == operation::contains) {
      if (!text::contains(actual, cond.value))
        return false;
      continue;
    }
    auto order = compare(fields[cond.field].type, actual, cond.value);
    if (auto* e = std::get_if<std::string>(&order))
      return std::move(*e);
    auto cmp = std::get<int>(order);
    bool ok = true;
    switch (cond.op) {
      case operation::exact:
      case operation::equals: ok = cmp == 0; break;
      case operation::less: ok = cmp < 0; break;
      case operation::greater: ok = cmp > 0; break;
      case operation::less_equal: ok = cmp <= 0; break;
      case operation::greater_equal: ok = cmp >= 0; break;
      default: ok = cmp != 0; break; // != and !
    }
    if (!ok)
      return false;
  }
  return true;
}

std::optional<std::size_t> non_negative(const param& p,
                                        std::optional<failure>& error) {
  auto message = std::string{p.name} + " must be a non-negative integer";
  if (p.op != operation::equals) {
    error = failure{400, message};
    return std::nullopt;
  }
  auto n = java_parse_int(java_trim(p.value));
  if (!n || *n < 0) {
    error = failure{400, message};
    return std::nullopt;
  }
  return static_cast<std::size_t>(*n);
}

} // namespace

std::string_view token(operation x) {
  switch (x) {
    case operation::less_equal: return "<=";
    case operation::greater_equal: return ">=";
    case operation::exact: return "==";
    case operation::not_equal: return "!=";
    case operation::regex: return "~=";
    case operation::wildcard: return "*=";
    case operation::contains: return "%=";
    case operation::less: return "<";
    case operation::greater: return ">";
    case operation::equals: return "=";
    case operation::negate: return "!";
  }
  return "=";
}

decoded java_url_decode(std::string_view x) {
  decoded result;
  auto& out = result.text;
  out.reserve(x.size());
  std::size_t i = 0;
  while (i < x.size()) {
    auto c = x[i];
    if (c == '+') {
      out += ' ';
      ++i;
      continue;
    }
    if (c != '%') {
      out += c;
      ++i;
      continue;
    }
    std::string bytes;
    while (i + 2 < x.size() && x[i] == '%') {
      // Integer.parseInt(s, i + 1, i + 3, 16): a sign is allowed.
      auto a = x[i + 1];
      auto b = x[i + 2];
      int bad = -1;
      int v = 0;
      if (a == '+' || a == '-') {
        if (hex_digit(b) < 0)
          bad = 1;
        else
          v = a == '-' ? -hex_digit(b) : hex_digit(b);
      } else if (hex_digit(a) < 0) {
        bad = 0;
      } else if (hex_digit(b) < 0) {
        bad = 1;
      } else {
        v = hex_digit(a) * 16 + hex_digit(b);
      }
      if (bad >= 0) {
        // The two characters after '%' (whole UTF-8 characters).
        auto n1 = std::max<std::size_t>(1, text::utf8_char_length(x, i + 1));
        auto n2 = i + 1 + n1 < x.size()
                    ? std::max<std::size_t>(1,
                                            text::utf8_char_length(x,
                                                                   i + 1 + n1))
                    : 0;
        result.error = "URLDecoder: Illegal hex characters in escape (%) "
                       "pattern - Error "
                       "at index "
                       + std::to_string(bad) + " in: \""
                       + std::string{x.substr(i + 1, n1 + n2)} + "\"";
        result.text.clear();
        return result;
      }
      if (v < 0) {
        result.error = "URLDecoder: Illegal hex characters in escape (%) "
                       "pattern - negative value";
        result.text.clear();
        return result;
      }
      bytes += static_cast<char>(v);
      i += 3;
    }
    if (i < x.size() && x[i] == '%') {
      result.error = "URLDecoder: Incomplete trailing escape (%) pattern";
      result.text.clear();
      return result;
    }
    append_utf8(out, bytes);
  }
  return result;
}

std::optional<int32_t> java_parse_int(std::string_view x) {
  bool negative = false;
  if (!x.empty() && (x.front() == '+' || x.front() == '-')) {
    negative = x.front() == '-';
    x.remove_prefix(1);
  }
  if (x.empty())
    return std::nullopt;
  long long result = 0;
  for (auto c : x) {
    if (c < '0' || c > '9')
      return std::nullopt;
    result = result * 10 + (c - '0');
    if (result > 2147483648LL)
      return std::nullopt;
  }
  if (negative)
    result = -result;
  if (result > std::numeric_limits<int32_t>::max())
    return std::nullopt;
  return static_cast<int32_t>(result);
}

parse_result parse_strict(std::string_view text) {
  parse_result result;
  auto trimmed = java_trim(text);
  if (trimmed.empty())
    return result;
  auto decoded_text = java_url_decode(trimmed);
  if (decoded_text.error) {
    result.error = std::move(decoded_text.error);
    return result;
  }
  std::string_view rest = decoded_text.text;
  for (;;) {
    auto amp = rest.find('&');
    auto item = java_trim(rest.substr(0, amp));
    if (!item.empty()) {
      auto p = to_param(item);
      if (java_trim(p.name).empty()) {
        result.params.clear();
        result.error = "Malformed query content: field name is missing";
        return result;
      }
      result.params.push_back(std::move(p));
    }
    if (amp == std::string_view::npos)
      break;
    rest.remove_prefix(amp + 1);
  }
  return result;
}

std::vector<param> parse(std::string_view raw_query) {
  auto result = parse_strict(raw_query);
  if (result.error)
    return {};
  return std::move(result.params);
}

std::vector<sort_key> sort_keys(const std::vector<param>& params,
                                const std::vector<query::field_def>& fields) {
  std::vector<sort_key> result;
  for (const auto& p : params) {
    if (p.name != sort_name)
      continue;
    std::string_view rest = p.value;
    for (;;) {
      auto comma = rest.find(',');
      auto item = java_trim(rest.substr(0, comma));
      if (!item.empty()) {
        bool descending = false;
        if (item.front() == '-' || item.front() == '+') {
          descending = item.front() == '-';
          item = java_trim(item.substr(1));
        }
        if (!item.empty())
          if (auto field = find_field(fields, item))
            result.push_back(sort_key{*field, descending});
      }
      if (comma == std::string_view::npos)
        break;
      rest.remove_prefix(comma + 1);
    }
  }
  return result;
}

page_request page_of(const std::vector<param>& params) {
  page_request result;
  for (const auto& p : params) {
    if (result.error)
      break;
    if (p.name == limit_name) {
      auto n = non_negative(p, result.error);
      result.limit = n;
    } else if (p.name == offset_name) {
      auto n = non_negative(p, result.error);
      result.offset = n;
    }
  }
  if (result.error) {
    result.limit.reset();
    result.offset.reset();
  }
  return result;
}

selection select(const std::vector<param>& params,
                 const std::vector<query::field_def>& fields, std::size_t rows,
                 const query::value_fn& value, const paging* pages) {
  selection result;
  auto page = page_of(params);
  if (page.error) {
    result.error = std::move(page.error);
    return result;
  }
  std::vector<condition> conditions;
  for (const auto& p : params) {
    if (is_control(p.name))
      continue;
    if (auto field = find_field(fields, p.name))
      conditions.push_back(condition{*field, p.op, p.value, std::nullopt});
  }
  for (std::size_t row = 0; row < rows; ++row) {
    auto ok = matches(conditions, fields, row, value);
    if (auto* e = std::get_if<std::string>(&ok)) {
      result.rows.clear();
      result.error = failure{400, std::move(*e)};
      return result;
    }
    if (std::get<bool>(ok))
      result.rows.push_back(row);
  }
  auto keys = sort_keys(params, fields);
  if (!keys.empty() && !result.rows.empty()) {
    // Values read once per row and key; comparisons of a field's own
    // values cannot fail.
    std::vector<std::vector<std::string>> columns(keys.size());
    for (std::size_t k = 0; k < keys.size(); ++k) {
      columns[k].resize(rows);
      for (auto row : result.rows)
        columns[k][row] = value(row, keys[k].field);
    }
    auto less = [&](std::size_t x, std::size_t y) {
      for (std::size_t k = 0; k < keys.size(); ++k) {
        auto order = compare(fields[keys[k].field].type, columns[k][x],
                             columns[k][y]);
        auto cmp = std::holds_alternative<int>(order) ? std::get<int>(order)
                                                      : 0;
        if (cmp != 0)
          return keys[k].descending ? cmp > 0 : cmp < 0;
      }
      return false;
    };
    std::stable_sort(result.rows.begin(), result.rows.end(), less);
  }
  std::optional<std::size_t> limit = page.limit;
  std::size_t offset = page.offset.value_or(0);
  if (pages) {
    auto default_limit = std::min(pages->default_limit, pages->max_limit);
    limit = std::min(limit.value_or(default_limit), pages->max_limit);
  } else if (!page.limit && !page.offset) {
    return result;
  }
  auto n = limit.value_or(result.rows.size());
  if (n == 0 || offset >= result.rows.size()) {
    result.rows.clear();
    return result;
  }
  auto end = offset + std::min(n, result.rows.size() - offset);
  result.rows = std::vector<std::size_t>(result.rows.begin()
                                           + static_cast<long>(offset),
                                         result.rows.begin()
                                           + static_cast<long>(end));
  return result;
}

std::optional<failure> limit_too_high(std::string_view raw_query,
                                      std::size_t max_limit) {
  // The first `_limit` parameter, decoded on its own as a web server does.
  std::string_view rest = raw_query;
  for (;;) {
    auto amp = rest.find('&');
    auto item = rest.substr(0, amp);
    auto eq = item.find('=');
    auto name = java_url_decode(item.substr(0, eq));
    if (!name.error && name.text == limit_name) {
      auto raw_value = eq == std::string_view::npos ? std::string_view{}
                                                    : item.substr(eq + 1);
      auto v = java_url_decode(raw_value);
      if (v.error)
        return std::nullopt;
      auto n = java_parse_int(v.text);
      if (n && *n > 0 && static_cast<std::size_t>(*n) > max_limit)
        return failure{400, "_limit must be no more than "
                              + std::to_string(max_limit)};
      return std::nullopt;
    }
    if (amp == std::string_view::npos)
      break;
    rest.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

} // namespace model::query_params
