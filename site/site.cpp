#include "site/site.hpp"

#include "model/api.hpp"
#include "model/routes.hpp"
#include "model/text.hpp"
#include "site/pages.hpp"

#include <utility>

namespace site {

model::response answer(const model::request& req, const session_reader& read,
                       const site_info& info) {
  auto method = model::effective_method(req);
  if (method == "GET" || method == "HEAD")
    if (auto res = pages::answer(req, pages::context{read, info}))
      return std::move(*res);
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

void html_not_found(const std::string* accept, model::response& res) {
  if (res.status != 404 || accept == nullptr
      || !model::text::contains(model::text::lower(*accept), "html")
      || model::text::starts_with(res.content_type, "text/html"))
    return;
  res.content_type = "text/html";
  res.body = pages::not_found();
}

} // namespace site
