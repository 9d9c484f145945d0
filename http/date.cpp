#include "http/date.hpp"

#include <cstdio>

namespace http {

std::string http_date(std::time_t t) {
  // Not strftime: its names follow the locale, HTTP's are fixed.
  static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed",
                                         "Thu", "Fri", "Sat"};
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr",
                                           "May", "Jun", "Jul", "Aug",
                                           "Sep", "Oct", "Nov", "Dec"};
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

const std::string& http_date_now() {
  thread_local std::time_t cached_at = -1;
  thread_local std::string cached;
  auto now = std::time(nullptr);
  if (now != cached_at) {
    cached = http_date(now);
    cached_at = now;
  }
  return cached;
}

} // namespace http
