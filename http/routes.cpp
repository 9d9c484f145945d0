#include "http/routes.hpp"

#include "http/convert.hpp"
#include "http/errors.hpp"
#include "http/pages.hpp"
#include "model/api.hpp"
#include "model/routes.hpp"
#include "model/text.hpp"

#include <httplib.h>

#include <iostream>
#include <memory>

namespace http {

namespace {

// -- pages ----------------------------------------------------------------

model::response html(int status, std::string body) {
  model::response res;
  res.status = status;
  res.content_type = "text/html; charset=utf-8";
  res.body = std::move(body);
  return res;
}

// Everything outside the six API prefixes.
model::response answer_site(const model::request& req, const site_info& info) {
  auto method = model::effective_method(req);
  if ((method == "GET" || method == "HEAD") && req.path == "/")
    return html(200, pages::home(info.mode));
  model::response res;
  res.status = 404;
  // Spark's own 404 page: unknown methods, and TRACE (the catch-all route
  // did not cover it) on unrouted paths.
  if (!model::is_known_method(method) || method == "TRACE") {
    res.content_type = "text/html;charset=utf-8";
    res.body = std::string{model::spark_not_found_body};
  }
  return res;
}

// Any 404 asked for with an Accept containing `html` gets the HTML page,
// unless it already is Spark's own HTML 404 (spec §2.8, §0.1).
void html_not_found(const std::string* accept, model::response& res) {
  if (res.status != 404 || accept == nullptr
      || !model::text::contains(model::text::lower(*accept), "html")
      || model::text::starts_with(res.content_type, "text/html"))
    return;
  res.content_type = "text/html; charset=utf-8";
  res.body = pages::not_found();
}

// -- the one entry point
// -------------------------------------------------------

struct router {
  api_handler api;
  site_info info;

  void operator()(const httplib::Request& in, httplib::Response& out) const {
    auto req = to_model(in);
    // What the after-filters need once `req` has been handed over.
    model::request head;
    head.method = req.method;
    for (auto name : {"Accept", "Access-Control-Allow-Methods"})
      if (auto x = req.header(name))
        head.headers.push_back({name, *x});
    model::response res;
    try {
      if (model::is_api_path(req.path))
        res = api(std::move(req));
      else
        res = answer_site(req, info);
    } catch (const std::exception& e) {
      std::cerr << "error: request failed: " << e.what() << '\n';
      res = failure_response(failure::internal);
    } catch (...) {
      std::cerr << "error: request failed with an unknown exception\n";
      res = failure_response(failure::internal);
    }
    html_not_found(head.header("Accept"), res);
    model::add_cors_headers(head, res);
    to_wire(res, out);
  }
};

} // namespace

void register_routes(httplib::Server& svr, api_handler api, site_info info) {
  auto r = std::make_shared<router>(router{std::move(api), info});
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
                       && !in.has_header("Transfer-Encoding");
      if (unrouted || no_length) {
        (*r)(in, out);
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
  const char* all = ".*";
  svr.Get(all, handler)
    .Post(all, handler)
    .Put(all, handler)
    .Delete(all, handler)
    .Patch(all, handler)
    .Options(all, handler);
}

} // namespace http
