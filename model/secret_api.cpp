// /secret/token and /secret/note (BEHAVIOUR §4).

#include "model/exchange.hpp"
#include "model/json_codec.hpp"
#include "model/json_reader.hpp"
#include "model/text.hpp"
#include "model/xml_codec.hpp"

#include <optional>

namespace model::detail {

namespace {

std::optional<std::string> base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z')
      return c - 'A';
    if (c >= 'a' && c <= 'z')
      return c - 'a' + 26;
    if (c >= '0' && c <= '9')
      return c - '0' + 52;
    if (c == '+')
      return 62;
    if (c == '/')
      return 63;
    return -1;
  };
  while (!in.empty() && in.back() == '=')
    in.remove_suffix(1);
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (auto c : in) {
    auto v = value(c);
    if (v < 0)
      return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

// `Authorization: Basic <base64 admin:password>`, split on spaces.
bool is_admin(const std::string* authorization) {
  if (authorization == nullptr)
    return false;
  std::string_view x{*authorization};
  auto space = x.find(' ');
  if (space == std::string_view::npos
      || !text::iequals(x.substr(0, space), "basic"))
    return false;
  auto rest = x.substr(space + 1);
  auto credentials = base64_decode(rest.substr(0, rest.find(' ')));
  if (!credentials)
    return false;
  auto colon = credentials->find(':');
  if (colon == std::string::npos)
    return false;
  auto user = credentials->substr(0, colon);
  auto pass = credentials->substr(colon + 1);
  pass = pass.substr(0, pass.find(':'));
  return user == "admin" && pass == "password";
}

// `Authorization: Bearer <token>` (scheme in any case, non-empty token).
std::optional<std::string> bearer_token(const request& req) {
  auto x = req.header("Authorization");
  if (x == nullptr)
    return std::nullopt;
  std::string_view v{*x};
  auto space = v.find(' ');
  if (space == std::string_view::npos
      || !text::iequals(v.substr(0, space), "bearer"))
    return std::nullopt;
  auto token = text::trim(v.substr(space + 1));
  if (token.empty())
    return std::nullopt;
  return std::string{token};
}

// The token a request presents: a Bearer token wins over X-AUTH-TOKEN.
std::optional<std::string> presented_token(const request& req) {
  if (auto x = bearer_token(req))
    return x;
  if (auto x = req.header("X-AUTH-TOKEN"); x && !x->empty())
    return *x;
  return std::nullopt;
}

// Answers 401/403 unless the request presents the challenger's token.
bool authorised(exchange& ex) {
  auto token = presented_token(ex.req);
  if (!token) {
    ex.res.status = 401;
    return false;
  }
  if (*token != ex.who->auth_token) {
    ex.res.status = 403;
    return false;
  }
  return true;
}

void unknown(exchange& ex) {
  ex.res.status = 401;
  ex.res.set_header("X-CHALLENGER", std::string{unknown_challenger});
}

void answer_note(exchange& ex) {
  ex.ok(200, json::note(ex.who->note), xml::note(ex.who->note));
}

// Validates a note body against the `secretnote` entity.
std::optional<std::string> read_note(exchange& ex, std::string& note) {
  body_fields fields;
  auto content_type = ex.req.header("Content-Type");
  if (negotiation::classify_content_type(content_type)
      == negotiation::body_type::json) {
    auto parsed = json::parse_body(ex.req.body);
    if (!parsed)
      return std::string{
        "Invalid Json Payload: please check the syntax of the request body"};
    fields = std::move(*parsed);
  } else {
    auto parsed = xml::parse_body(ex.req.body, "secretnote");
    if (!parsed.ok)
      return "Invalid XML Payload: " + parsed.error;
    fields = std::move(parsed.fields);
  }
  std::optional<std::string> value;
  for (auto& [key, v] : fields) {
    // Assigned like a todo's fields (model/todo_rules.cpp `assign`).
    if (!assigned(v))
      continue;
    if (auto err = path_error(key, [](std::string_view head) {
          return text::iequals(head, "note");
        }))
      return err;
    if (text::utf16_length(v.text) > 100)
      return std::string{"Failed Validation: Maximum allowable length "
                         "exceeded for note - maximum allowed is 100"};
    value = v.text;
  }
  if (!value)
    return std::string{"note : field is mandatory"};
  note = std::move(*value);
  return std::nullopt;
}

} // namespace

void answer_secret_token(exchange& ex) {
  if (!is_admin(ex.req.header("Authorization"))) {
    ex.res.status = 401;
    ex.res.set_header("WWW-Authenticate", "Basic realm=\"User Visible Realm\"");
    return;
  }
  if (ex.who == nullptr) {
    unknown(ex);
    return;
  }
  ex.res.status = 201;
  ex.res.set_header("X-AUTH-TOKEN", ex.who->auth_token);
}

void answer_secret_note(exchange& ex) {
  auto accept = ex.req.header("Accept");
  if (ex.method != "POST") {
    ex.res.content_type = "application/json";
    if (ex.who == nullptr) {
      unknown(ex);
      return;
    }
    if (!authorised(ex))
      return;
    if (accept != nullptr && !ex.accept.acceptable) {
      ex.res.status = 406;
      return;
    }
    answer_note(ex);
    return;
  }
  if (accept != nullptr && !ex.accept.acceptable) {
    ex.res.status = 406;
    return;
  }
  auto type = negotiation::classify_content_type(ex.req.header("Content-Type"));
  if (type != negotiation::body_type::json
      && type != negotiation::body_type::xml) {
    ex.res.status = 415;
    return;
  }
  if (ex.who == nullptr) {
    unknown(ex);
    return;
  }
  ex.res.set_header("X-CHALLENGER", ex.who->guid);
  ex.res.content_type = std::string{
    negotiation::media_type(ex.accept.preferred)};
  if (!authorised(ex))
    return;
  std::string note;
  if (auto err = read_note(ex, note)) {
    ex.fail(400, std::move(*err));
    return;
  }
  ex.who->note = std::move(note);
  ex.changed();
  answer_note(ex);
}

} // namespace model::detail
