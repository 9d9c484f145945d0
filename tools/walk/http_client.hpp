#pragma once

// A thin real-socket HTTP client for the load tool and the tier-3 tests
// (httplib's client).

#include <httplib.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace walk {

/// One answer as the wire delivered it.
struct reply {
  int status = 0;
  std::string body;
  httplib::Headers headers;
  /// False when the request failed at the socket level.
  bool ok = false;
  /// Why it failed at the socket level (`Success` when `ok`).
  httplib::Error error = httplib::Error::Success;
  /// Whether `client::call` sends the request again after this answer (or
  /// this failure): the observer sees it, the caller never does.
  bool resent = false;

  std::string header(const std::string& name) const {
    auto i = headers.find(name);
    return i == headers.end() ? std::string{"<absent>"} : i->second;
  }

  bool has_header(const std::string& name) const {
    return headers.find(name) != headers.end();
  }
};

using header_pairs = std::vector<std::pair<std::string, std::string>>;

/// Sends requests to 127.0.0.1:port (or `host`:port) over one keep-alive
/// connection. httplib adds `Accept: */*` unless the request sets Accept
/// (set it to "" to send an empty one).
class client {
public:
  /// Sees every exchange with its round-trip time (the load tool's
  /// statistics).
  using observer = std::function<void(const reply&,
                                      std::chrono::steady_clock::duration)>;

  explicit client(int port) : client("127.0.0.1", port) {
    // nop
  }

  client(const std::string& host, int port) : cli_(host, port) {
    cli_.set_keep_alive(true);
    // Without it, a request written in two parts (headers, body) waits for
    // the server's delayed ACK: 40 ms per POST.
    cli_.set_tcp_nodelay(true);
    cli_.set_read_timeout(30, 0);
    cli_.set_write_timeout(30, 0);
  }

  void set_observer(observer f) {
    observer_ = std::move(f);
  }

  /// Sends a request answered 502 or 503 again, at most `times` more
  /// times, and only those: what a load balancer answers when it could not
  /// deliver the request (a node going away, none left up) or a node that
  /// could not take the session yet (503 with Retry-After). Never other
  /// statuses or socket errors. A 502 may come after the node processed the
  /// request, so a resent one may be applied twice: callers count the
  /// retries (`on_retry` sees each answer resent). It waits 100 ms times
  /// the attempt before each resend. Default: no retries.
  void set_retry_unavailable(int times,
                             std::function<void(const reply&)> on_retry) {
    retries_ = times;
    on_retry_ = std::move(on_retry);
  }

  /// Also sends a request that got no answer at all (a socket error: the
  /// node died with it, the connection closed) again, within the same
  /// budget, when `resend(method, target)` says it is safe to: a request
  /// whose repetition cannot hurt, e.g. `POST /challenger`, which creates
  /// a fresh session each time. Default: never.
  void set_resend_unanswered(
    std::function<bool(const std::string&, const std::string&)> resend) {
    resend_unanswered_ = std::move(resend);
  }

  reply call(const std::string& method, const std::string& target,
             const header_pairs& headers = {}, const std::string& body = {}) {
    for (int attempt = 1;; ++attempt) {
      auto started = std::chrono::steady_clock::now();
      auto out = send(method, target, headers, body);
      bool again = attempt <= retries_
                   && (out.ok ? out.status == 502 || out.status == 503
                              : resend_unanswered_
                                  && resend_unanswered_(method, target));
      out.resent = again;
      if (observer_)
        observer_(out, std::chrono::steady_clock::now() - started);
      if (!again)
        return out;
      if (on_retry_)
        on_retry_(out);
      std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
    }
  }

private:
  reply send(const std::string& method, const std::string& target,
             const header_pairs& headers, const std::string& body) {
    httplib::Request req;
    req.method = method;
    req.path = target;
    for (auto& [k, v] : headers)
      req.headers.emplace(k, v);
    req.body = body;
    auto res = cli_.send(req);
    reply out;
    if (res) {
      out.ok = true;
      out.status = res->status;
      out.body = std::move(res->body);
      out.headers = std::move(res->headers);
    } else {
      out.error = res.error();
    }
    return out;
  }

  httplib::Client cli_;
  observer observer_;
  int retries_ = 0;
  std::function<void(const reply&)> on_retry_;
  std::function<bool(const std::string&, const std::string&)>
    resend_unanswered_;
};

} // namespace walk
