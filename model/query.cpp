#include "model/query.hpp"

#include "model/pattern.hpp"
#include "model/text.hpp"

#include <algorithm>
#include <limits>

namespace model::query {

namespace {

/// The operators in the order the original looks for them (BEHAVIOUR §2.7).
constexpr std::string_view operators[] = {"<=", ">=", "!=", "~=", "*=",
                                          "<",  ">",  "=",  "!"};

/// One `name<op>value` part of the decoded query.
struct part {
  std::string name;
  std::string_view op;
  std::string value;
};

/// A filter condition on a known field.
struct condition {
  std::size_t field;
  std::string_view op;
  std::string value;
  /// The compiled pattern of a `~=` condition.
  std::optional<pattern> regex;
};

/// A sort instruction on a known field.
struct sort_key {
  std::size_t field;
  bool descending;
};

/// Java's `String.trim`: strips every character up to U+0020.
std::string_view java_trim(std::string_view x) {
  auto is_space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!x.empty() && is_space(x.front()))
    x.remove_prefix(1);
  while (!x.empty() && is_space(x.back()))
    x.remove_suffix(1);
  return x;
}

/// Splits the query into parts the way the original's `UrlParamParser` does:
/// decode the whole string, split on `&`, trim, and cut each part at the
/// first-priority operator it contains. Parts without an operator are
/// dropped.
std::vector<part> parse(std::string_view raw_query) {
  // The original decodes with Java's URLDecoder, which turns `+` into a space
  // (`%2B` still decodes to `+`).
  std::string plus_as_space{java_trim(raw_query)};
  std::replace(plus_as_space.begin(), plus_as_space.end(), '+', ' ');
  auto decoded = text::url_decode(plus_as_space);
  std::vector<part> result;
  std::string_view rest = decoded;
  for (;;) {
    auto amp = rest.find('&');
    auto item = java_trim(rest.substr(0, amp));
    for (auto op : operators) {
      auto pos = item.find(op);
      if (pos == std::string_view::npos)
        continue;
      result.push_back(part{std::string{item.substr(0, pos)}, op,
                            std::string{item.substr(pos + op.size())}});
      break;
    }
    if (amp == std::string_view::npos)
      break;
    rest.remove_prefix(amp + 1);
  }
  return result;
}

/// Field names compare case-insensitively, as in the original.
std::optional<std::size_t> find_field(const std::vector<field_def>& fields,
                                      std::string_view name) {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (text::iequals(fields[i].name, name))
      return i;
  return std::nullopt;
}

bool is_sort_param(std::string_view name) {
  return text::iequals(name, "sortBy") || text::iequals(name, "sort_by");
}

/// Java's `Integer.valueOf`: optional sign, decimal digits, 32-bit range.
std::optional<long long> parse_int(std::string_view x) {
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
  return result;
}

/// `true`/`false` in any letter case.
std::optional<bool> parse_bool(std::string_view x) {
  auto lower = text::lower(x);
  if (lower == "true")
    return true;
  if (lower == "false")
    return false;
  return std::nullopt;
}

template <class T>
int three_way(const T& x, const T& y) {
  return x < y ? -1 : (y < x ? 1 : 0);
}

/// Compares `x` with `y` by field type; nothing when either value does not
/// parse as that type.
std::optional<int> compare(field_type type, std::string_view x,
                           std::string_view y) {
  switch (type) {
    case field_type::integer: {
      auto lhs = parse_int(x);
      auto rhs = parse_int(y);
      if (!lhs || !rhs)
        return std::nullopt;
      return three_way(*lhs, *rhs);
    }
    case field_type::boolean: {
      auto lhs = parse_bool(x);
      auto rhs = parse_bool(y);
      if (!lhs || !rhs)
        return std::nullopt;
      return three_way(*lhs, *rhs);
    }
    case field_type::string: break;
  }
  return three_way(x, y);
}

/// Splits UTF-8 text into code points (a stray byte counts as one).
std::vector<std::string_view> code_points(std::string_view x) {
  std::vector<std::string_view> result;
  std::size_t i = 0;
  while (i < x.size()) {
    auto lead = static_cast<unsigned char>(x[i]);
    std::size_t n = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    n = std::min(n, x.size() - i);
    result.push_back(x.substr(i, n));
    i += n;
  }
  return result;
}

/// What Java's `.` does not match.
bool is_line_terminator(std::string_view x) {
  return x == "\n" || x == "\r" || x == "\xC2\x85" || x == "\xE2\x80\xA8"
         || x == "\xE2\x80\xA9";
}

/// Full match of a `*=` pattern: `*` is any run and `?` any one character
/// (neither crosses a line terminator, like Java's `.`); everything else is
/// literal.
bool wildcard_match(std::string_view pattern, std::string_view x) {
  auto pat = code_points(pattern);
  auto str = code_points(x);
  // reached[j]: the pattern so far matches the first j code points of `x`.
  std::vector<char> reached(str.size() + 1, 0);
  std::vector<char> next(str.size() + 1, 0);
  reached[0] = 1;
  for (auto unit : pat) {
    if (unit == "*") {
      next[0] = reached[0];
      for (std::size_t j = 1; j <= str.size(); ++j)
        next[j] = reached[j]
                  || (next[j - 1] && !is_line_terminator(str[j - 1]));
    } else {
      next[0] = 0;
      for (std::size_t j = 1; j <= str.size(); ++j)
        next[j] = reached[j - 1]
                  && (unit == "?" ? !is_line_terminator(str[j - 1])
                                  : unit == str[j - 1]);
    }
    reached.swap(next);
  }
  return reached[str.size()] != 0;
}

/// ANDs the conditions, except that `~=` and `*=` decide on their own and
/// skip every later condition (BEHAVIOUR §2.7 quirk).
bool matches(const std::vector<condition>& conditions,
             const std::vector<field_def>& fields, std::size_t row,
             const value_fn& value) {
  for (const auto& cond : conditions) {
    auto actual = value(row, cond.field);
    if (cond.op == "~=")
      return cond.regex && cond.regex->full_match(actual);
    if (cond.op == "*=")
      return wildcard_match(cond.value, actual);
    auto order = compare(fields[cond.field].type, actual, cond.value);
    if (!order)
      return false;
    auto ok = false;
    if (cond.op == "=")
      ok = *order == 0;
    else if (cond.op == "<")
      ok = *order < 0;
    else if (cond.op == ">")
      ok = *order > 0;
    else if (cond.op == "<=")
      ok = *order <= 0;
    else if (cond.op == ">=")
      ok = *order >= 0;
    else // "!=" and "!"
      ok = *order != 0;
    if (!ok)
      return false;
  }
  return true;
}

} // namespace

std::vector<std::size_t> select(std::string_view raw_query,
                                const std::vector<field_def>& fields,
                                std::size_t rows, const value_fn& value) {
  std::vector<condition> conditions;
  std::vector<sort_key> sort_keys;
  for (auto& item : parse(raw_query)) {
    if (is_sort_param(item.name)) {
      std::string_view name = item.value;
      auto descending = false;
      if (!name.empty() && (name.front() == '-' || name.front() == '+')) {
        descending = name.front() == '-';
        name.remove_prefix(1);
      }
      if (auto field = find_field(fields, name))
        sort_keys.push_back(sort_key{*field, descending});
    } else if (auto field = find_field(fields, item.name)) {
      condition cond{*field, item.op, std::move(item.value), std::nullopt};
      if (cond.op == "~=")
        cond.regex = pattern::compile(cond.value);
      conditions.push_back(std::move(cond));
    }
  }
  std::vector<std::size_t> result;
  for (std::size_t row = 0; row < rows; ++row)
    if (matches(conditions, fields, row, value))
      result.push_back(row);
  for (const auto& key : sort_keys) {
    std::vector<std::string> column(rows);
    for (auto row : result)
      column[row] = value(row, key.field);
    auto type = fields[key.field].type;
    auto less = [&](std::size_t x, std::size_t y) {
      auto order = compare(type, column[x], column[y]);
      auto cmp = order ? *order : three_way(column[x], column[y]);
      return key.descending ? cmp > 0 : cmp < 0;
    };
    std::stable_sort(result.begin(), result.end(), less);
  }
  return result;
}

std::optional<std::string> first_value(std::string_view raw_query,
                                       std::string_view name) {
  for (auto& item : parse(raw_query))
    if (item.name == name && item.op == "=")
      return std::move(item.value);
  return std::nullopt;
}

} // namespace model::query
