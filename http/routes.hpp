#pragma once

#include "http/api_handler.hpp"
#include "model/config.hpp"

namespace httplib {
class Server;
} // namespace httplib

namespace http {

/// What the routes need besides the API handler.
struct site_info {
  model::user_mode mode = model::user_mode::single_user;
};

/// Registers the one routing table of the site on `svr`: API paths go to
/// `api`, the pages are answered here, everything else is a 404. Every
/// method (including TRACE and CONNECT, which httplib does not route) gets
/// the same treatment.
void register_routes(httplib::Server& svr, api_handler api, site_info info);

} // namespace http
