#include "model/text.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace model::text {

namespace {

// Header names and values pass through `lower_in_place`, `has_crlf` and
// `iequals_same_size` several times a request, and every string of a JSON
// body or snapshot through `has_json_escape`: they take eight bytes a step,
// as bits of one 64-bit word. Most of these strings are short, so the last
// bytes are not taken one at a time: the last word overlaps the one before
// it, and a string under eight bytes is one word padded with a byte that
// changes nothing.

constexpr uint64_t ones = 0x0101010101010101u;
constexpr uint64_t highs = ones * 0x80;

uint64_t load8(const char* p) noexcept {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

/// The `n` (under 8) bytes at `p` in a word, the rest `fill`'s.
uint64_t load_short(const char* p, std::size_t n, uint64_t fill) noexcept {
  auto v = fill;
  std::memcpy(&v, p, n);
  return v;
}

/// `f` of every word of `x` (see above) or'ed; short strings padded with
/// `pad`.
template <class F>
uint64_t or_words(std::string_view x, char pad, F f) noexcept {
  auto n = x.size();
  const auto* p = x.data();
  if (n < 8)
    return f(load_short(p, n, ones * static_cast<unsigned char>(pad)));
  uint64_t found = f(load8(p + n - 8));
  for (std::size_t i = 0; n - i > 8; i += 8)
    found |= f(load8(p + i));
  return found;
}

/// `v` with each byte that is an ASCII capital lower-cased. Within each
/// byte's low seven bits, adding `0x80 - 'A'` sets the high bit from 'A' on
/// and adding `0x7f - 'Z'` from past 'Z' on; neither carries into the next
/// byte. Bytes from 0x80 on stay as they are.
uint64_t lower8(uint64_t v) noexcept {
  uint64_t low7 = v & ~highs;
  uint64_t from_a = low7 + ones * (0x80 - 'A');
  uint64_t past_z = low7 + ones * (0x7f - 'Z');
  uint64_t capital = ~v & (from_a ^ past_z) & highs;
  return v | (capital >> 2); // 0x80 >> 2 is the case bit, 0x20
}

/// Nonzero when a byte of `v` is zero.
uint64_t zero_byte(uint64_t v) noexcept {
  return (v - ones) & ~v & highs;
}

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
         || c == '\v';
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/// Splits the output of `std::to_chars(..., scientific[, precision])` into
/// its significant digits (no trailing zeros, at least one digit) and its
/// decimal exponent.
void split_scientific(const char* first, const char* last, std::string& digits,
                      int& exponent) {
  digits.clear();
  auto i = first;
  for (; i != last && *i != 'e'; ++i)
    if (*i >= '0' && *i <= '9')
      digits += *i;
  exponent = 0;
  if (i != last) {
    ++i; // skip 'e'
    if (i != last && *i == '+')
      ++i;
    std::from_chars(i, last, exponent);
  }
  while (digits.size() > 1 && digits.back() == '0')
    digits.pop_back();
}

} // namespace

std::string lower(std::string_view x) {
  std::string result(x);
  lower_in_place(result.data(), result.data() + result.size());
  return result;
}

std::string_view trim(std::string_view x) {
  while (!x.empty() && is_space(x.front()))
    x.remove_prefix(1);
  while (!x.empty() && is_space(x.back()))
    x.remove_suffix(1);
  return x;
}

void lower_in_place(char* from, char* to) {
  auto n = static_cast<std::size_t>(to - from);
  if (n < 8) {
    auto v = lower8(load_short(from, n, 0));
    std::memcpy(from, &v, n);
    return;
  }
  // Lower-casing the overlap twice is harmless.
  auto last = lower8(load8(to - 8));
  for (; to - from > 8; from += 8) {
    auto v = lower8(load8(from));
    std::memcpy(from, &v, sizeof(v));
  }
  std::memcpy(to - 8, &last, sizeof(last));
}

bool has_crlf(std::string_view x) {
  return or_words(x, 'a',
                  [](uint64_t v) {
                    return zero_byte(v ^ (ones * '\r'))
                           | zero_byte(v ^ (ones * '\n'));
                  })
         != 0;
}

bool has_json_escape(std::string_view x, bool non_ascii) {
  uint64_t high = non_ascii ? highs : 0;
  // A byte below 0x20 borrows into its high bit (bytes from 0x80 on are
  // masked by ~v): exact whether any byte is.
  return or_words(x, 'a',
                  [high](uint64_t v) {
                    return ((v - ones * 0x20) & ~v & highs)
                           | zero_byte(v ^ (ones * '"'))
                           | zero_byte(v ^ (ones * '\\')) | (v & high);
                  })
         != 0;
}

bool iequals_same_size(std::string_view x, std::string_view y) {
  auto n = x.size();
  if (n < 8)
    return lower8(load_short(x.data(), n, 0))
           == lower8(load_short(y.data(), n, 0));
  if (lower8(load8(x.data() + n - 8)) != lower8(load8(y.data() + n - 8)))
    return false;
  for (std::size_t i = 0; n - i > 8; i += 8)
    if (lower8(load8(x.data() + i)) != lower8(load8(y.data() + i)))
      return false;
  return true;
}

bool starts_with(std::string_view x, std::string_view prefix) {
  return x.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view x, std::string_view suffix) {
  return x.size() >= suffix.size()
         && x.substr(x.size() - suffix.size()) == suffix;
}

bool contains(std::string_view x, std::string_view needle) {
  return x.find(needle) != std::string_view::npos;
}

std::string java_double(double x) {
  if (std::isnan(x))
    return "NaN";
  if (std::isinf(x))
    return x < 0 ? "-Infinity" : "Infinity";
  std::string result;
  if (std::signbit(x)) {
    result += '-';
    x = -x;
  }
  if (x == 0) {
    result += "0.0";
    return result;
  }
  // Shortest digit string that round-trips.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), x,
                           std::chars_format::scientific);
  std::string digits;
  int exponent = 0;
  split_scientific(buf, res.ptr, digits, exponent);
  // Java (JDK 19+) never picks a one-digit decimal: it takes the two-digit
  // decimal closest to `x` instead (4.9E-324, not 5.0E-324).
  if (digits.size() == 1) {
    res = std::to_chars(buf, buf + sizeof(buf), x,
                        std::chars_format::scientific, 1);
    split_scientific(buf, res.ptr, digits, exponent);
  }
  if (exponent >= -3 && exponent < 7) {
    // Plain decimal notation.
    if (exponent < 0) {
      result += "0.";
      result.append(static_cast<std::size_t>(-exponent - 1), '0');
      result += digits;
    } else {
      auto int_len = static_cast<std::size_t>(exponent) + 1;
      if (digits.size() <= int_len) {
        result += digits;
        result.append(int_len - digits.size(), '0');
        result += ".0";
      } else {
        result.append(digits, 0, int_len);
        result += '.';
        result.append(digits, int_len, std::string::npos);
      }
    }
  } else {
    // Computerized scientific notation.
    result += digits[0];
    result += '.';
    if (digits.size() > 1)
      result.append(digits, 1, std::string::npos);
    else
      result += '0';
    result += 'E';
    result += std::to_string(exponent);
  }
  return result;
}

std::size_t utf16_length(std::string_view x) {
  std::size_t result = 0;
  for (auto c : x) {
    auto b = static_cast<unsigned char>(c);
    if ((b & 0xC0) == 0x80)
      continue; // continuation byte
    result += b >= 0xF0 ? 2 : 1;
  }
  return result;
}

std::size_t utf8_char_length(std::string_view x, std::size_t pos) {
  auto n = x.size();
  auto at = [&](std::size_t j) { return static_cast<unsigned char>(x[j]); };
  if (pos >= n)
    return 0;
  auto b = at(pos);
  if (b < 0x80)
    return 1;
  std::size_t len = 0;
  unsigned lo = 0x80;
  unsigned hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    if (b == 0xE0)
      lo = 0xA0; // no overlong forms
    else if (b == 0xED)
      hi = 0x9F; // no surrogates
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    if (b == 0xF0)
      lo = 0x90; // no overlong forms
    else if (b == 0xF4)
      hi = 0x8F; // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (n - pos < len)
    return 0;
  if (at(pos + 1) < lo || at(pos + 1) > hi)
    return 0;
  for (std::size_t j = 2; j < len; ++j)
    if ((at(pos + j) & 0xC0) != 0x80)
      return 0;
  return len;
}

bool valid_utf8(std::string_view x) {
  std::size_t i = 0;
  while (i < x.size()) {
    auto len = utf8_char_length(x, i);
    if (len == 0)
      return false;
    i += len;
  }
  return true;
}

bool is_uuid(std::string_view x) {
  if (x.size() != 36)
    return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (x[i] != '-')
        return false;
    } else if (hex_value(x[i]) < 0) {
      return false;
    }
  }
  return true;
}

std::string url_decode(std::string_view x) {
  std::string result;
  result.reserve(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i] == '%' && i + 2 < x.size() && hex_value(x[i + 1]) >= 0
        && hex_value(x[i + 2]) >= 0) {
      result += static_cast<char>(hex_value(x[i + 1]) * 16
                                  + hex_value(x[i + 2]));
      i += 2;
    } else {
      result += x[i];
    }
  }
  return result;
}

} // namespace model::text
