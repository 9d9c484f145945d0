#pragma once

#include <ctime>
#include <string>

namespace http {

/// `t` as an HTTP date (RFC 9110, IMF-fixdate), e.g.
/// `Sat, 28 Nov 2026 01:23:45 GMT`.
std::string http_date(std::time_t t);

/// The current time as an HTTP date, formatted at most once a second per
/// thread.
const std::string& http_date_now();

} // namespace http
