#pragma once

// The reason phrase of every status line this server writes. The site it
// reproduces ran on Jetty 9.4, whose phrases differ from httplib's in places
// clients assert (`500 Server Error`, `413 Payload Too Large`): see
// BEHAVIOUR §7.3 and ARCHITECTURE §3 (step 9).

#include <string>
#include <string_view>

namespace http {

/// Jetty 9.4's reason phrase for `status`, or the status number itself for
/// a status Jetty has no phrase for (as Jetty writes it).
std::string reason_phrase(int status);

/// When `head` starts with an HTTP/1.x status line at offset `from`,
/// replaces that line's reason phrase with `reason_phrase(status)` and
/// returns the status; returns 0 and leaves `head` alone otherwise.
int rewrite_status_line(std::string& head, std::size_t from = 0);

/// Removes the `Content-Length` line from the header block at the start of
/// `head`, if there is one: Jetty sends none with a 204 (BEHAVIOUR §7.1).
void drop_content_length(std::string& head);

} // namespace http
