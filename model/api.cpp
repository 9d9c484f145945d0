#include "model/api.hpp"

#include "model/exchange.hpp"
#include "model/export_formats.hpp"
#include "model/json_codec.hpp"
#include "model/text.hpp"
#include "model/xml_codec.hpp"

namespace model {

namespace detail {

namespace {

// JSON and the XML types are rendered by the API's own codecs; the other
// representations by the export formats.
bool is_json_or_xml(accept_q::response_type x) {
  return x == accept_q::response_type::json || accept_q::renders_as_xml(x);
}

} // namespace

void exchange::fail(int status, std::string message) {
  res.status = status;
  std::vector<std::string> xs{std::move(message)};
  if (representation && !is_json_or_xml(representation->type)) {
    res.content_type = std::string{accept_q::media_type(representation->type)};
    res.body = export_formats::render_errors(representation->type, xs);
  } else if (accept.preferred == negotiation::format::xml) {
    res.content_type = representation ? representation->content_type
                                      : std::string{"application/xml"};
    res.body = xml::errors(xs);
  } else {
    res.content_type = "application/json";
    res.body = json::errors(xs);
  }
  errors = std::move(xs);
}

void exchange::fail_json(int status, std::string message) {
  res.status = status;
  std::vector<std::string> xs{std::move(message)};
  res.content_type = "application/json";
  res.body = json::errors(xs);
  errors = std::move(xs);
}

void exchange::ok(int status, std::string json_body, std::string xml_body) {
  res.status = status;
  if (accept.preferred == negotiation::format::xml) {
    res.content_type = representation ? representation->content_type
                                      : std::string{"application/xml"};
    res.body = std::move(xml_body);
  } else {
    res.content_type = "application/json";
    res.body = std::move(json_body);
  }
}

} // namespace detail

std::string effective_method(const request& req) {
  if (auto x = req.header("X-HTTP-Method-Override")) {
    auto value = text::trim(*x);
    if (!value.empty()) {
      std::string upper{value};
      for (auto& c : upper)
        if (c >= 'a' && c <= 'z')
          c = static_cast<char>(c - 'a' + 'A');
      return upper;
    }
  }
  return req.method;
}

namespace {

using detail::exchange;

void answer_heartbeat(exchange& ex) {
  ex.res.status = 204;
  ex.res.content_type = negotiation::simple_status_type(
    ex.req.header("Accept"));
}

void dispatch(exchange& ex) {
  switch (*ex.route.id) {
    case route_id::todos:
    case route_id::todo:
    case route_id::todos_export: detail::answer_todos(ex); break;
    case route_id::challenges: detail::answer_challenges(ex); break;
    case route_id::challenger: detail::answer_challenger(ex); break;
    case route_id::challenger_progress: detail::answer_progress(ex); break;
    case route_id::challenger_database: detail::answer_database(ex); break;
    case route_id::heartbeat: answer_heartbeat(ex); break;
    case route_id::secret_token: detail::answer_secret_token(ex); break;
    case route_id::secret_note: detail::answer_secret_note(ex); break;
  }
}

void answer_simple_status(exchange& ex, int status) {
  ex.res.status = status;
  // The generated /todos routes set no type; the other routes echo Accept.
  auto id = *ex.route.id;
  if (id != route_id::todos && id != route_id::todo
      && id != route_id::todos_export)
    ex.res.content_type = negotiation::simple_status_type(
      ex.req.header("Accept"));
}

void route_request(exchange& ex) {
  if (!is_known_method(ex.method, ex.ctx.config.edition)) {
    // Spark routed on the override; an unknown value matched no route and
    // got Spark's own 404 page.
    ex.res.status = 404;
    ex.res.content_type = "text/html;charset=utf-8";
    ex.res.body = std::string{spark_not_found_body};
    return;
  }
  if (!ex.route.id) {
    ex.res.status = 404;
    if (ex.method == "TRACE") {
      ex.res.content_type = "text/html;charset=utf-8";
      ex.res.body = std::string{spark_not_found_body};
    }
    return;
  }
  auto edition = ex.ctx.config.edition;
  switch (action_for(*ex.route.id, ex.method, edition)) {
    case route_action::handle: dispatch(ex); break;
    case route_action::options:
      ex.res.status = 204;
      if (*ex.route.id == route_id::challenges) {
        ex.res.status = 200;
        ex.res.content_type = "application/json";
      }
      ex.res.set_header("Allow",
                        std::string{route(*ex.route.id, edition).allow});
      break;
    case route_action::not_allowed: answer_simple_status(ex, 405); break;
    case route_action::server_error: answer_simple_status(ex, 500); break;
    case route_action::not_implemented: answer_simple_status(ex, 501); break;
  }
}

// The after-filter of the API prefixes (BEHAVIOUR §2.8, §5.2).
void after_filter(exchange& ex) {
  auto& res = ex.res;
  if (res.header("X-CHALLENGER") == nullptr) {
    std::string value{unknown_challenger};
    if (ex.who != nullptr) {
      // Routes keyed by the URL GUID only know whether the header names
      // that same challenger.
      auto id = ex.route.id;
      bool by_url = id
                    && (*id == route_id::challenger_progress
                        || *id == route_id::challenger_database);
      auto header = ex.req.header("X-CHALLENGER");
      if (!ex.multi_user() || !by_url
          || (header && text::lower(text::trim(*header)) == ex.who->guid))
        value = ex.who->guid;
    }
    res.set_header("X-CHALLENGER", std::move(value));
  }
  if (res.status == 404 && res.body.empty()) {
    auto accept = ex.req.header("Accept");
    auto lowered = accept ? text::lower(text::trim(*accept)) : std::string{};
    // An Accept with `html` gets the HTML page from the GUI layer instead.
    if (!text::contains(lowered, "html")
        && text::starts_with(lowered, "application/")) {
      std::vector<std::string> xs{"404 resource Unknown"};
      if (text::ends_with(lowered, "xml")) {
        res.content_type = "application/xml";
        res.body = "<errorMessages><message>404 resource Unknown</message>"
                   "</errorMessages>";
      } else if (text::ends_with(lowered, "json")) {
        res.content_type = "application/json";
        res.body = json::errors(xs);
      }
    }
  }
}

// The 2026 edition refuses an `X-CHALLENGER` longer than its limit before
// routing (BEHAVIOUR §10): 431, and `GET /heartbeat` credits the
// challenger its first 36 characters name (the single player's when the
// value starts with that GUID). Returns whether it answered.
bool refuse_oversized_challenger(exchange& ex) {
  auto max = ex.ctx.edition().max_challenger_header;
  auto header = ex.req.header("X-CHALLENGER");
  if (max == 0 || header == nullptr || header->size() <= max)
    return false;
  challenger* named = nullptr;
  if (ex.who != nullptr) {
    bool single = !ex.multi_user();
    if (single ? text::starts_with(*header, single_player_guid)
               : text::lower(std::string_view{*header}.substr(0, 36))
                   == ex.who->guid)
      named = ex.who;
  }
  if (named != nullptr && ex.req.method == "GET"
      && ex.req.path == "/heartbeat") {
    ex.who = named;
    detail::credit_challenge(ex, challenge::X_CHALLENGER_TOO_LONG_431);
  }
  ex.fail(431, "X-CHALLENGER header is too large, maximum allowed is "
                 + std::to_string(max) + " characters");
  ex.res.set_header("X-CHALLENGER", named != nullptr
                                      ? named->guid
                                      : std::string{unknown_challenger});
  return true;
}

} // namespace

request::routing routing_of(const request& req) {
  if (req.route.resolved)
    return req.route;
  return {true, effective_method(req), match_route(req.path)};
}

void resolve_routing(request& req) {
  if (!req.route.resolved)
    req.route = routing_of(req);
}

session_target target_of(const request& req, const api_config& cfg) {
  session_target result;
  if (cfg.mode == user_mode::single_user) {
    result.what = session_target::kind::existing;
    result.guid = std::string{single_player_guid};
    return result;
  }
  if (!is_api_path(req.path))
    return result;
  auto routing = routing_of(req);
  auto& m = routing.match;
  if (m.id
      && (*m.id == route_id::challenger_progress
          || *m.id == route_id::challenger_database)) {
    if (text::is_uuid(m.param)) {
      result.what = session_target::kind::existing;
      result.guid = std::move(m.param);
    }
    return result;
  }
  auto header = req.header("X-CHALLENGER");
  if (m.id && *m.id == route_id::challenger && routing.method == "POST"
      && (header == nullptr || text::trim(*header).empty())) {
    result.what = session_target::kind::create;
    return result;
  }
  if (header == nullptr)
    return result;
  // An oversized header (BEHAVIOUR §10) names the challenger of its first
  // 36 characters; the answer is 431 whatever the route.
  auto max = edition_of(cfg.edition).max_challenger_header;
  if (max > 0 && header->size() > max) {
    auto key = text::lower(std::string_view{*header}.substr(0, 36));
    if (text::is_uuid(key)) {
      result.what = session_target::kind::existing;
      result.guid = std::move(key);
    }
    return result;
  }
  // BEHAVIOUR §5.2: the hooks and the todo API see the value trimmed and
  // lower-cased; the route handlers (/challenges, /challenger, /secret) see
  // it raw.
  bool raw = m.id
             && (*m.id == route_id::challenges || *m.id == route_id::challenger
                 || *m.id == route_id::secret_token
                 || *m.id == route_id::secret_note);
  auto key = raw ? *header : text::lower(text::trim(*header));
  if (text::is_uuid(key)) {
    result.what = session_target::kind::existing;
    result.guid = std::move(key);
  }
  return result;
}

response respond(challenger* who, const request& req, const api_context& ctx) {
  exchange ex{req, ctx, who};
  ex.who = who != nullptr && who->known ? who : nullptr;
  auto routing = routing_of(req);
  ex.method = std::move(routing.method);
  ex.route = in_edition(std::move(routing.match), ctx.config.edition);
  ex.accept = negotiation::parse_accept(req.header("Accept"));
  if (refuse_oversized_challenger(ex))
    return std::move(ex.res);
  if (ex.who != nullptr)
    detail::credit_request(ex);
  route_request(ex);
  // Creation paths may have made the session's challenger known.
  if (ex.who == nullptr && who != nullptr && who->known)
    ex.who = who;
  if (ex.who != nullptr) {
    detail::credit_response(ex);
    ex.who->resident = true;
  }
  after_filter(ex);
  return std::move(ex.res);
}

std::array<cors_header, 5> cors_headers(const request& req) {
  std::string methods{"*"};
  if (req.method == "OPTIONS")
    if (auto x = req.header("Access-Control-Allow-Methods"))
      methods = *x;
  return {cors_header{"Access-Control-Allow-Origin", "*"},
          cors_header{"Access-Control-Allow-Headers", "*"},
          cors_header{"Access-Control-Allow-Credentials", "true"},
          cors_header{"Access-Control-Allow-Methods", std::move(methods)},
          cors_header{"Access-Control-Expose-Headers", "*"}};
}

void add_cors_headers(const request& req, response& res) {
  for (auto& h : cors_headers(req))
    res.set_header(h.name, std::move(h.value));
}

} // namespace model
