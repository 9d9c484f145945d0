#include "site/pages.hpp"

#include "gui/assets.hpp"
#include "model/api.hpp"
#include "model/edition.hpp"
#include "model/text.hpp"
#include "site/docs.hpp"
#include "site/gui.hpp"
#include "site/templates.hpp"

#include <cctype>
#include <ctime>
#include <string>

namespace site::pages {

namespace {

using model::text::ends_with;
using model::text::starts_with;

// The types the original's static files were served with (Spark's
// `MimeType` table: no charset; the pages declare UTF-8 themselves).
std::string_view content_type_of(std::string_view name) {
  if (ends_with(name, ".css"))
    return "text/css";
  if (ends_with(name, ".js"))
    return "application/javascript";
  if (ends_with(name, ".html"))
    return "text/html";
  if (ends_with(name, ".png"))
    return "image/png";
  return "text/plain";
}

// An embedded file. Our own files are revalidated (they change with the
// binary, together with the templates that use them); the vendored Swagger
// UI may be cached for a day.
std::optional<model::response> file(const std::string& name) {
  auto bytes = ::gui::asset(name);
  if (!bytes)
    return std::nullopt;
  model::response res;
  res.status = 200;
  res.static_file = true;
  res.content_type = std::string{content_type_of(name)};
  res.body = std::string{*bytes};
  res.set_header("Cache-Control", starts_with(name, "swagger-ui/")
                                    ? "public, max-age=86400"
                                    : "no-cache");
  return res;
}

// A file under `/prefix/` that must end with `suffix` and has no further
// slashes (no path traversal: names are looked up, never opened).
std::optional<std::string> file_name(std::string_view path,
                                     std::string_view prefix,
                                     std::string_view suffix) {
  if (!starts_with(path, prefix))
    return std::nullopt;
  auto rest = path.substr(prefix.size());
  if (rest.empty() || rest.find('/') != std::string_view::npos
      || !ends_with(rest, suffix))
    return std::nullopt;
  return std::string{rest};
}

// The documentation pages, `path` as the classic edition names them.
std::optional<model::response> documentation(const model::request& req,
                                             const context& ctx,
                                             const std::string& path) {
  if (path == "/docs")
    return docs::page(req, ctx.info);
  if (path == "/docs/openapi.json")
    return docs::openapi_json(req, ctx.info);
  if (path == "/docs/swagger")
    return docs::swagger_download(req, ctx.info);
  if (path == "/docs/swagger-ui" || path == "/docs/swagger-ui/"
      || path == "/docs/swagger-ui/index.html")
    return docs::swagger_ui();
  if (auto name = file_name(path, "/docs/swagger-ui/", ""))
    return file("swagger-ui/" + *name);
  return std::nullopt;
}

// Today's date in UTC, `YYYY-MM-DD`.
std::string today() {
  auto now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[16];
  std::strftime(text, sizeof(text), "%Y-%m-%d", &utc);
  return text;
}

// `/sitemap.xml`: the pages the original listed besides its content pages
// (thingifier 6e296c47, challenger/.../gui/ChallengerWebGUI.java:205-219,
// SiteMapXml.java), all of which we serve, at the request's origin, dated
// today as the original dated them; the documentation where the edition
// keeps it.
model::response sitemap(const std::string& origin, std::string_view docs) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                    "<urlset xmlns=\"http://www.sitemaps.org/schemas/"
                    "sitemap/0.9\">\n";
  auto date = today();
  for (std::string_view page :
       {std::string_view{}, docs, std::string_view{"/gui/challenges"}}) {
    xml += "<url>\n<loc>" + templates::escape(origin + std::string{page})
           + "</loc>\n";
    xml += "<lastmod>" + date + "</lastmod>\n";
    xml += "<changefreq>weekly</changefreq>\n<priority>0.5</priority>\n";
    xml += "</url>\n";
  }
  xml += "</urlset>\n";
  model::response res;
  res.content_type = "application/xml";
  res.body = std::move(xml);
  return res;
}

} // namespace

std::optional<model::response> answer(const model::request& req,
                                      const context& ctx) {
  auto& path = req.path;
  // -- pages ------------------------------------------------------------------
  if (path == "/")
    return html(200, home(ctx.info, origin(req)));
  if (path == "/gui/challenges")
    return gui::challenges(req, ctx, std::nullopt);
  if (starts_with(path, "/gui/challenges/")) {
    auto rest = std::string_view{path}.substr(16);
    if (ends_with(rest, "/data")
        && rest.substr(0, rest.size() - 5).find('/') == std::string::npos)
      return gui::challenger_data(ctx, rest.substr(0, rest.size() - 5));
    if (!rest.empty() && rest.find('/') == std::string_view::npos)
      return gui::challenges(req, ctx, std::string{rest});
  }
  if (path == "/gui")
    return gui::home(req, ctx);
  if (path == "/gui/entities")
    return gui::entities(req, ctx);
  if (path == "/gui/instances")
    return gui::instances(req, ctx);
  if (path == "/gui/instance")
    return gui::instance(req, ctx);
  if (path == "/gui/404" || starts_with(path, "/gui/404/"))
    return html(404, not_found());
  // -- crawlers --------------------------------------------------------------
  if (path == "/robots.txt")
    return file("static/robots.txt");
  if (path == "/sitemap.xml")
    return sitemap(origin(req), model::edition_of(ctx.info.edition).docs_path);
  // -- our static files ------------------------------------------------------
  if (auto name = file_name(path, "/css/", ".css"))
    return file("static/" + *name);
  if (auto name = file_name(path, "/js/", ".js"))
    return file("static/" + *name);
  // -- documentation ---------------------------------------------------------
  // Where the edition keeps it: `/docs`, or `/api/docs` with 301s from
  // `/docs` and `/docs/*` (BEHAVIOUR §10).
  std::string_view docs_root = model::edition_of(ctx.info.edition).docs_path;
  if (docs_root == "/docs")
    return documentation(req, ctx, path);
  if (path == "/docs" || starts_with(path, "/docs/")) {
    model::response res;
    res.status = 301;
    res.set_header("Location",
                   std::string{docs_root} + std::string{path.substr(5)});
    return res;
  }
  if (path == docs_root
      || (starts_with(path, docs_root) && path[docs_root.size()] == '/'))
    return documentation(req, ctx, "/docs" + path.substr(docs_root.size()));
  return std::nullopt;
}

std::string not_found() {
  return templates::page("Page Not Found",
                         templates::render("not_found", templates::values{}));
}

std::string home(const site_info& info, std::string_view origin) {
  templates::values play;
  play.set("origin", std::string{origin});
  play.set("single_player_guid", std::string{model::single_player_guid});
  bool multi = info.mode == model::user_mode::multi_user;
  templates::values xs;
  xs.set("play", templates::render(multi ? "home_multi" : "home_single", play));
  xs.set("origin", std::string{origin});
  xs.set("challenge_count",
         static_cast<long long>(
           model::challenge_set::for_config(info.config()).size()));
  return templates::page("API Challenges", templates::render("home", xs));
}

std::string escape(std::string_view x) {
  return templates::escape(x);
}

model::response html(int status, std::string body) {
  model::response res;
  res.status = status;
  // As the original's pages (`response.type("text/html")`, no charset:
  // the layout declares UTF-8).
  res.content_type = "text/html";
  res.body = std::move(body);
  res.set_header("Cache-Control", "no-store");
  return res;
}

std::optional<std::string> query_value(std::string_view query,
                                       std::string_view name) {
  std::size_t pos = 0;
  while (pos <= query.size()) {
    auto end = query.find('&', pos);
    if (end == std::string_view::npos)
      end = query.size();
    auto pair = query.substr(pos, end - pos);
    auto eq = pair.find('=');
    auto key = pair.substr(0, eq);
    if (model::text::url_decode(key) == name) {
      if (eq == std::string_view::npos)
        return std::string{};
      auto value = std::string{pair.substr(eq + 1)};
      for (auto& c : value)
        if (c == '+')
          c = ' ';
      return model::text::url_decode(value);
    }
    pos = end + 1;
  }
  return std::nullopt;
}

std::optional<std::string> cookie_value(const model::request& req,
                                        std::string_view name) {
  for (auto& h : req.headers) {
    if (!model::text::iequals(h.name, "Cookie"))
      continue;
    std::string_view xs = h.value;
    std::size_t pos = 0;
    while (pos < xs.size()) {
      auto end = xs.find(';', pos);
      if (end == std::string_view::npos)
        end = xs.size();
      auto pair = model::text::trim(xs.substr(pos, end - pos));
      auto eq = pair.find('=');
      if (eq != std::string_view::npos
          && model::text::trim(pair.substr(0, eq)) == name)
        return std::string{model::text::trim(pair.substr(eq + 1))};
      pos = end + 1;
    }
  }
  return std::nullopt;
}

std::string origin(const model::request& req) {
  auto host = req.header("Host");
  if (host == nullptr || model::text::trim(*host).empty())
    return "http://localhost:4567";
  auto proto = req.header("X-Forwarded-Proto");
  bool https = proto != nullptr
               && model::text::iequals(model::text::trim(*proto), "https");
  // The Host value ends up in pages and documents: keep only characters a
  // host and port can have.
  std::string clean;
  for (auto c : model::text::trim(*host))
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'
        || c == ':' || c == '[' || c == ']')
      clean += c;
  return (https ? "https://" : "http://") + clean;
}

std::string sanitize_name(std::string_view x) {
  std::string out;
  for (auto c : x)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')
      out += c;
  return out;
}

} // namespace site::pages
