#pragma once

#include "http/api_handler.hpp"
#include "model/config.hpp"

#include <functional>
#include <string>

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace http {

/// What the routes need besides the API handler.
struct site_info {
  model::user_mode mode = model::user_mode::single_user;
  /// Whether sessions are persisted (decides the challenge set and what
  /// the progress page says about saving).
  bool storage = true;
  /// `--unlimited-todos` (the documentation states the limit).
  bool unlimited_todos = false;
  /// Appends more Prometheus text to `GET /metrics` (the actor layer's
  /// session and storage counters); may be empty.
  std::function<void(std::string&)> more_metrics;

  /// The API configuration these settings describe.
  model::api_config config() const {
    return {mode, storage, unlimited_todos};
  }
};

/// Registers the one routing table of the site on `svr`: API paths go to
/// `api`, the pages are answered here, everything else is a 404. Every
/// method (including TRACE and CONNECT, which httplib does not route) gets
/// the same treatment.
void register_routes(httplib::Server& svr, api_handler api, site_info info);

/// Registers `handler` for every path and every method httplib routes
/// (GET and HEAD, POST, PUT, DELETE, PATCH, OPTIONS).
void route_all(httplib::Server& svr,
               const std::function<void(const httplib::Request&,
                                        httplib::Response&)>& handler);

} // namespace http
