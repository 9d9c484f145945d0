#include "http/status_line.hpp"

#include <cstdlib>
#include <strings.h>

namespace http {

// Jetty 9.4 `org.eclipse.jetty.http.HttpStatus.Code` (where two constants
// share a code, the later one wins there: 302 is "Found").
std::string reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 102: return "Processing";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 203: return "Non Authoritative Information";
    case 204: return "No Content";
    case 205: return "Reset Content";
    case 206: return "Partial Content";
    case 207: return "Multi-Status";
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 305: return "Use Proxy";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 418: return "I'm a Teapot";
    case 420: return "Enhance your Calm";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Entity";
    case 423: return "Locked";
    case 424: return "Failed Dependency";
    case 426: return "Upgrade Required";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 451: return "Unavailable for Legal Reason";
    case 500: return "Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    case 507: return "Insufficient Storage";
    case 508: return "Loop Detected";
    case 510: return "Not Extended";
    case 511: return "Network Authentication Required";
    default: return std::to_string(status);
  }
}

int rewrite_status_line(std::string& head, std::size_t from) {
  // "HTTP/1.1 200 OK\r\n": version, space, three digits, space.
  constexpr std::string_view prefix = "HTTP/1.";
  if (head.size() < from + 14 || head.compare(from, prefix.size(), prefix) != 0
      || head[from + 8] != ' ' || head[from + 12] != ' ')
    return 0;
  auto status = 0;
  for (auto i = from + 9; i < from + 12; ++i) {
    if (head[i] < '0' || head[i] > '9')
      return 0;
    status = status * 10 + (head[i] - '0');
  }
  auto end = head.find("\r\n", from + 13);
  if (end == std::string::npos)
    return 0;
  head.replace(from + 13, end - from - 13, reason_phrase(status));
  return status;
}

void drop_content_length(std::string& head) {
  auto end = head.find("\r\n\r\n");
  if (end == std::string::npos)
    return;
  constexpr std::string_view name = "\r\ncontent-length:";
  for (std::size_t at = head.find("\r\n"); at < end;
       at = head.find("\r\n", at + 2)) {
    if (head.size() - at < name.size()
        || ::strncasecmp(head.data() + at, name.data(), name.size()) != 0)
      continue;
    head.erase(at, head.find("\r\n", at + 2) - at);
    return;
  }
}

} // namespace http
