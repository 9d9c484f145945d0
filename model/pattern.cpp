#include "model/pattern.hpp"

#include <algorithm>
#include <optional>
#include <regex>
#include <string>

namespace model {

namespace {

/// Longest `~=` pattern that gets compiled; longer ones match nothing.
constexpr std::size_t max_regex_length = 200;

/// Largest product of all `{n,m}` bounds in a `~=` pattern. Bounded
/// repetitions multiply the automaton and the matcher's recursion depth.
constexpr long max_repetition = 100;

/// Most digits of a bound or back-reference that libstdc++ gets to read:
/// its regex compiler accumulates them in a `long` without an overflow
/// check (undefined behaviour, found by fuzzing with `a{2,5555555555555555555`,
/// before it reports the missing brace).
constexpr std::size_t max_digits = 9;

/// The number of decimal digits at `pattern[pos]`.
std::size_t digits_at(std::string_view pattern, std::size_t pos) {
  std::size_t n = 0;
  while (pos + n < pattern.size() && pattern[pos + n] >= '0'
         && pattern[pos + n] <= '9')
    ++n;
  return n;
}

/// Checks that no bounded repetition can blow up the automaton, and that no
/// bound or back-reference has more than `max_digits` digits.
bool small_repetitions(std::string_view pattern) {
  auto read_number = [&pattern](std::size_t& pos) -> std::optional<long> {
    long result = 0;
    auto start = pos;
    while (pos < pattern.size() && pattern[pos] >= '0' && pattern[pos] <= '9') {
      result = std::min(result * 10 + (pattern[pos] - '0'), max_repetition + 1);
      ++pos;
    }
    if (pos == start)
      return std::nullopt;
    return result;
  };
  long product = 1;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (digits_at(pattern, i + 1) > max_digits)
        return false;
      ++i;
      continue;
    }
    if (pattern[i] != '{')
      continue;
    auto pos = i + 1;
    if (digits_at(pattern, pos) > max_digits)
      return false;
    auto lower = read_number(pos);
    if (!lower)
      continue;
    auto bound = *lower;
    if (pos < pattern.size() && pattern[pos] == ',') {
      ++pos;
      if (digits_at(pattern, pos) > max_digits)
        return false;
      if (auto upper = read_number(pos))
        bound = std::max(bound, *upper);
    }
    if (pos < pattern.size() && pattern[pos] == '}') {
      product *= std::max(bound, 1L);
      if (product > max_repetition)
        return false;
    }
  }
  return true;
}

} // namespace

struct pattern::impl {
  std::regex re;
};

pattern pattern::compile(std::string_view source, bool ignore_case) {
  pattern result;
  if (source.size() > max_regex_length || !small_repetitions(source)) {
    result.status_ = state::too_expensive;
    return result;
  }
  auto flags = std::regex::ECMAScript;
  if (ignore_case)
    flags |= std::regex::icase;
#ifdef __GLIBCXX__
  // A breadth-first matcher: polynomial time, no catastrophic backtracking
  // (back-references are rejected with a regex_error).
  flags |= std::regex_constants::__polynomial;
#endif
  try {
    result.impl_ = std::make_shared<const impl>(
      impl{std::regex{source.begin(), source.end(), flags}});
    result.status_ = state::ok;
  } catch (const std::regex_error&) {
    result.status_ = state::invalid;
  }
  return result;
}

bool pattern::full_match(std::string_view x) const {
  if (status_ != state::ok || !impl_)
    return false;
  try {
    return std::regex_match(x.begin(), x.end(), impl_->re);
  } catch (const std::regex_error&) {
    return false;
  }
}

} // namespace model
