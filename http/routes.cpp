#include "http/routes.hpp"

#include "http/connection.hpp"
#include "http/convert.hpp"
#include "http/date.hpp"
#include "http/wire_response.hpp"
#include "metrics/request_stats.hpp"
#include "metrics/text.hpp"
#include "model/api.hpp"
#include "model/edition.hpp"
#include "model/failure.hpp"
#include "model/routes.hpp"
#include "model/text.hpp"

#include <httplib.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <utility>

namespace http {

namespace {

/// Whether the router answered the request this thread is writing (the
/// logger, called after every response, counts the others).
thread_local bool answered_by_router = false;

const std::string connection_name = "Connection";

/// The value of `in`'s first Connection header (the one httplib reads), or
/// null. Writable: `in` is `process_request`'s own, non-const `Request`,
/// which httplib passes to handlers as const.
std::string* connection_header(const httplib::Request& in) {
  auto& headers = const_cast<httplib::Headers&>(in.headers);
  auto [first, last] = headers.equal_range(connection_name);
  return first != last ? &first->second : nullptr;
}

/// httplib's writer still runs after the router answered, into a stream
/// that drops its bytes (`connection::answer`). Unless the request asks to
/// close, it formats a `Keep-Alive` value with a `std::stringstream` (about
/// 5,000 instructions and an allocation an answer); a request whose first
/// `Connection` header says `close` spares that. Whether the connection
/// stays open was settled before routing (`process_request`), so only the
/// dropped copy changes. `value`: `connection_header(in)`.
void quiet_dropped_writer(const httplib::Request& in, std::string* value) {
  if (value)
    *value = "close";
  else
    const_cast<httplib::Headers&>(in.headers).emplace(connection_name, "close");
}

// -- the one entry point ----------------------------------------------------

struct router {
  handlers hs;
  const model::edition_def& edition = model::edition_of(hs.edition);
  /// Requests by route group and status, and their latency (lock-free).
  std::shared_ptr<metrics::request_stats>
    stats = std::make_shared<metrics::request_stats>();

  /// `GET /metrics`: the Prometheus text of the whole server.
  model::response metrics_page() const {
    model::response res;
    res.content_type = std::string{metrics::text::content_type};
    stats->render(res.body);
    metrics::text::family(res.body, "challenge_server_edition_info", "gauge",
                          "The edition this server runs (label edition: "
                          "its --edition).");
    metrics::text::sample(res.body, "challenge_server_edition_info",
                          "edition=\"" + std::string{edition.name} + "\"",
                          int64_t{1});
    if (hs.more_metrics)
      hs.more_metrics(res.body);
    metrics::text::process(res.body);
    return res;
  }

  /// `GET /health`: 200 `{"status":"ok"}` while the node accepts requests,
  /// 503 `{"status":"stopping"}` once it is stopping (a load balancer's
  /// health check then takes it out of rotation). Never cached.
  model::response health_page() const {
    model::response res;
    bool ok = !hs.accepting || hs.accepting();
    res.status = ok ? 200 : 503;
    res.content_type = "application/json";
    res.body = ok ? R"({"status":"ok"})" : R"({"status":"stopping"})";
    res.set_header("Cache-Control", "no-store");
    return res;
  }

  void operator()(const httplib::Request& in, httplib::Response& out) const {
    answered_by_router = true;
    auto started = std::chrono::steady_clock::now();
    auto req = to_model(in);
    if (auto conn = connection::current(); conn && conn->query_method())
      req.method = "QUERY";
    // What the after-filters need once `req` has been handed over.
    model::request head;
    head.method = req.method;
    for (auto name : {"Accept", "Access-Control-Allow-Methods"})
      if (auto x = req.header(name))
        head.headers.push_back({name, *x});
    model::response res;
    try {
      if (model::is_edition_api_path(edition, req.path)) {
        auto path = model::api_path(edition, req.path);
        if (path.size() != req.path.size())
          req.path = std::string{path};
        res = hs.api(std::move(req));
      } else if (req.path == "/metrics"
                 && (req.method == "GET" || req.method == "HEAD"))
        res = metrics_page();
      else if (req.path == "/health"
               && (req.method == "GET" || req.method == "HEAD"))
        res = health_page();
      else
        res = hs.site(req);
    } catch (const std::exception& e) {
      std::cerr << "error: request failed: " << e.what() << '\n';
      res = model::failure_response(model::failure::internal);
    } catch (...) {
      std::cerr << "error: request failed with an unknown exception\n";
      res = model::failure_response(model::failure::internal);
    }
    if (hs.finish)
      hs.finish(head.header("Accept"), res);
    out.status = res.status;
    if (auto* conn = connection::current()) {
      wire_context ctx;
      if (!res.static_file)
        ctx.cors = &head; // written with the answer's other lines
      ctx.head_request = in.method == "HEAD";
      auto* connection = connection_header(in);
      ctx.close = conn->last_request()
                  || (connection && *connection == "close");
      ctx.keep_alive = conn->keep_alive();
      ctx.date = http_date_now();
      conn->answer([&](std::string& bytes) {
        write_response(std::move(res), ctx, bytes);
      });
      quiet_dropped_writer(in, connection);
    } else {
      if (!res.static_file)
        model::add_cors_headers(head, res);
      to_wire(std::move(res), out);
    }
    stats->record(metrics::group_of(model::api_path(edition, in.path)),
                  out.status, std::chrono::steady_clock::now() - started);
  }
};

} // namespace

void register_routes(httplib::Server& svr, handlers hs) {
  // One allocation instead of one a request (see `has_header`'s signature).
  static const std::string transfer_encoding = "Transfer-Encoding";
  auto r = std::make_shared<router>(router{std::move(hs)});
  auto handler = [r](const httplib::Request& in, httplib::Response& out) {
    (*r)(in, out);
  };
  // The pre-routing handler runs before httplib reads a body. It answers
  // what httplib would otherwise refuse: TRACE and CONNECT (never routed),
  // and a POST/PUT/PATCH without Content-Length or chunked encoding (httplib
  // answers 400, but `curl -X POST` sends exactly that: it has no body).
  svr.set_pre_routing_handler(
    [r](const httplib::Request& in, httplib::Response& out) {
      bool unrouted = in.method == "TRACE" || in.method == "CONNECT";
      bool no_length = (in.method == "POST" || in.method == "PUT"
                        || in.method == "PATCH")
                       && !in.has_header("Content-Length")
                       && !in.has_header(transfer_encoding);
      if (unrouted || no_length) {
        (*r)(in, out);
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
  // Every response passes the logger: those the router did not make
  // (httplib's 400/414, the connection's 408/413/431) are counted here.
  svr.set_logger([r](const httplib::Request& in, const httplib::Response& out) {
    if (!std::exchange(answered_by_router, false))
      r->stats->count_refused(metrics::group_of(in.path), out.status);
  });
  // Every answer carries a Date, as HTTP asks of a server with a clock
  // (Jetty sent one). None offers byte ranges: the API never served them.
  svr.set_post_routing_handler(
    [](const httplib::Request& in, httplib::Response& out) {
      if (auto* conn = connection::current(); conn && conn->answered()) {
        // Written whole by the router: httplib's copy is dropped, so it
        // need not format the headers it added.
        out.headers.clear();
        return;
      }
      out.headers.emplace("Date", http_date_now());
      if (in.method == "HEAD") // the only answers httplib offers them on
        out.headers.erase("Accept-Ranges");
    });
  route_all(svr, handler);
}

void route_all(httplib::Server& svr,
               const std::function<void(const httplib::Request&,
                                        httplib::Response&)>& handler) {
  const char* all = ".*";
  svr.Get(all, handler)
    .Post(all, handler)
    .Put(all, handler)
    .Delete(all, handler)
    .Patch(all, handler)
    .Options(all, handler);
}

} // namespace http
