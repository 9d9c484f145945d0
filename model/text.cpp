#include "model/text.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace model::text {

namespace {

char to_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Header names and values pass through `lower_in_place`, `has_crlf` and
// `iequals_same_size` several times a request: they take eight bytes a
// step, as bits of one 64-bit word, and the last few one at a time.

constexpr uint64_t ones = 0x0101010101010101u;
constexpr uint64_t highs = ones * 0x80;

uint64_t load8(const char* p) noexcept {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
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
  for (; to - from >= 8; from += 8) {
    auto v = lower8(load8(from));
    std::memcpy(from, &v, sizeof(v));
  }
  for (; from != to; ++from)
    *from = to_lower(*from);
}

bool has_crlf(std::string_view x) {
  std::size_t i = 0;
  uint64_t found = 0;
  for (; x.size() - i >= 8; i += 8) {
    auto v = load8(x.data() + i);
    found |= zero_byte(v ^ (ones * '\r')) | zero_byte(v ^ (ones * '\n'));
  }
  for (; i < x.size(); ++i)
    found |= static_cast<uint64_t>(x[i] == '\r' || x[i] == '\n');
  return found != 0;
}

bool has_json_escape(std::string_view x, bool non_ascii) {
  // A byte below 0x20 borrows into its high bit (bytes from 0x80 on are
  // masked by ~v): exact whether any byte is.
  auto special = [](uint64_t v) {
    return ((v - ones * 0x20) & ~v & highs) | zero_byte(v ^ (ones * '"'))
           | zero_byte(v ^ (ones * '\\'));
  };
  uint64_t high = non_ascii ? highs : 0;
  std::size_t i = 0;
  uint64_t found = 0;
  for (; x.size() - i >= 8; i += 8) {
    auto v = load8(x.data() + i);
    found |= special(v) | (v & high);
  }
  for (; i < x.size(); ++i) {
    auto c = static_cast<unsigned char>(x[i]);
    found |= static_cast<uint64_t>(c < 0x20 || c == '"' || c == '\\'
                                   || (non_ascii && c >= 0x80));
  }
  return found != 0;
}

bool iequals_same_size(std::string_view x, std::string_view y) {
  std::size_t i = 0;
  for (; x.size() - i >= 8; i += 8)
    if (lower8(load8(x.data() + i)) != lower8(load8(y.data() + i)))
      return false;
  for (; i < x.size(); ++i)
    if (to_lower(x[i]) != to_lower(y[i]))
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
