#pragma once

#include "http/api_handler.hpp"
#include "model/config.hpp"
#include "model/message.hpp"

#include <functional>
#include <string>

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace http {

/// What the one routing table dispatches to.
struct handlers {
  /// Paths under the six API prefixes, also under the edition's `/api`
  /// prefix, which is taken off the path before `api` sees it.
  api_handler api;
  /// The edition: where its API lives.
  model::edition_id edition = model::edition_id::classic;
  /// Every other path but `/metrics`: the site (pages, documentation,
  /// files, and the 404s of unknown paths).
  std::function<model::response(const model::request&)> site;
  /// Rewrites every answer, the API's too, given the request's Accept
  /// (`nullptr` when absent), before the CORS headers are added; may be
  /// empty. The site's HTML 404 page goes in here.
  std::function<void(const std::string* accept, model::response&)> finish;
  /// Appends more Prometheus text to `GET /metrics` (the actor layer's
  /// session and storage counters); may be empty.
  std::function<void(std::string&)> more_metrics;
  /// Whether the node accepts requests: `GET /health` answers 200 while it
  /// does and 503 once it is stopping, so that a load balancer's health
  /// check takes it out of rotation. Empty: always accepting.
  std::function<bool()> accepting;
};

/// Registers the one routing table on `svr`: API paths go to `api`,
/// `GET /metrics` and `GET /health` (operator paths: they credit no
/// challenge) are answered here, everything else goes to `site`. Every
/// method (including TRACE and CONNECT, which httplib does not route) gets
/// the same treatment.
void register_routes(httplib::Server& svr, handlers hs);

/// Registers `handler` for every path and every method httplib routes
/// (GET and HEAD, POST, PUT, DELETE, PATCH, OPTIONS).
void route_all(httplib::Server& svr,
               const std::function<void(const httplib::Request&,
                                        httplib::Response&)>& handler);

} // namespace http
