#pragma once

// Drives model::respond directly: one challenger, no server.

#include "model/api.hpp"

#include <string>
#include <string_view>

namespace test {

/// Builds a request; `target` may carry a query string.
inline model::request make_request(std::string method, std::string_view target,
                                   model::header_list headers = {},
                                   std::string body = {}) {
  model::request r;
  r.method = std::move(method);
  auto q = target.find('?');
  r.path = std::string{target.substr(0, q)};
  if (q != std::string_view::npos)
    r.query = std::string{target.substr(q + 1)};
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

/// A JSON body with Content-Type application/json.
inline model::header_list json_headers(model::header_list extra = {}) {
  extra.push_back({"Content-Type", "application/json"});
  return extra;
}

/// One challenger and the context it is answered in.
struct api_fixture {
  explicit api_fixture(model::api_config cfg = {})
      : ctx(cfg),
        me(model::make_challenger(cfg.mode == model::user_mode::single_user
                                    ? std::string{model::single_player_guid}
                                    : std::string{"0f8fad5b-d9cb-469f-a165-"
                                                  "70867728950e"},
                                  "7c9e6679-7425-40de-944b-e07fc1f90ae7")) {
    // nop
  }

  model::api_context ctx;
  model::challenger me;

  /// Sends a request as `me` (in multi-user mode with its X-CHALLENGER).
  model::response send(std::string method, std::string_view target,
                       model::header_list headers = {}, std::string body = {}) {
    if (ctx.config.mode == model::user_mode::multi_user)
      headers.push_back({"X-CHALLENGER", me.guid});
    return model::respond(&me,
                          make_request(std::move(method), target,
                                       std::move(headers), std::move(body)),
                          ctx);
  }

  /// Sends a request without any challenger.
  model::response anonymous(std::string method, std::string_view target,
                            model::header_list headers = {},
                            std::string body = {}) {
    return model::respond(nullptr,
                          make_request(std::move(method), target,
                                       std::move(headers), std::move(body)),
                          ctx);
  }

  /// POSTs a JSON todo body to /todos.
  model::response create(std::string body) {
    return send("POST", "/todos", json_headers(), std::move(body));
  }

  bool done(model::challenge c) const {
    return me.done.test(model::index_of(c));
  }
};

} // namespace test
