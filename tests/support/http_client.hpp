#pragma once

// A thin real-socket HTTP client for tier-3 tests (httplib's client).

#include <httplib.h>

#include <string>
#include <utility>
#include <vector>

namespace test {

/// One answer as the wire delivered it.
struct reply {
  int status = 0;
  std::string body;
  httplib::Headers headers;
  /// False when the request failed at the socket level.
  bool ok = false;

  std::string header(const std::string& name) const {
    auto i = headers.find(name);
    return i == headers.end() ? std::string{"<absent>"} : i->second;
  }

  bool has_header(const std::string& name) const {
    return headers.find(name) != headers.end();
  }
};

using header_pairs = std::vector<std::pair<std::string, std::string>>;

/// Sends requests to 127.0.0.1:port. httplib adds `Accept: */*` unless the
/// request sets Accept (set it to "" to send an empty one).
class client {
public:
  explicit client(int port) : cli_("127.0.0.1", port) {
    cli_.set_keep_alive(true);
    cli_.set_read_timeout(30, 0);
    cli_.set_write_timeout(30, 0);
  }

  reply call(const std::string& method, const std::string& target,
             const header_pairs& headers = {}, const std::string& body = {}) {
    httplib::Request req;
    req.method = method;
    req.path = target;
    for (auto& [k, v] : headers)
      req.headers.emplace(k, v);
    req.body = body;
    auto res = cli_.send(req);
    reply out;
    if (!res)
      return out;
    out.ok = true;
    out.status = res->status;
    out.body = res->body;
    out.headers = res->headers;
    return out;
  }

private:
  httplib::Client cli_;
};

} // namespace test
