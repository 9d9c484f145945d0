// The session endpoints: /challenges, /challenger, /challenger/{guid} and
// /challenger/database/{guid} (BEHAVIOUR §2.9, §5.4, §5.5).

#include "model/challenges_view.hpp"
#include "model/exchange.hpp"
#include "model/json_reader.hpp"
#include "model/payload.hpp"
#include "model/text.hpp"
#include "model/todo_rules.hpp"

namespace model::detail {

namespace {

std::string gui_location(const exchange& ex, const challenger& x) {
  if (!ex.multi_user())
    return "/gui/challenges";
  return "/gui/challenges/" + x.guid;
}

// Java's UUID.fromString message for a value that is not a UUID.
std::string invalid_guid_message(const std::string& x) {
  if (x.size() > 36)
    return "Invalid Challenger GUID UUID string too large";
  return "Invalid Challenger GUID Invalid UUID string: " + x;
}

// Multi-user routes keyed by a URL GUID require UUID syntax.
bool check_guid(exchange& ex) {
  if (ex.multi_user() && !text::is_uuid(ex.route.param)) {
    ex.fail_json(400, invalid_guid_message(ex.route.param));
    return false;
  }
  return true;
}

// Cuts `x` to at most `max` UTF-16 code units without splitting a
// character.
std::string truncate_utf16(const std::string& x, std::size_t max) {
  std::size_t units = 0;
  std::size_t i = 0;
  while (i < x.size()) {
    auto c = static_cast<unsigned char>(x[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::size_t width = len == 4 ? 2 : 1;
    if (units + width > max)
      break;
    units += width;
    i += len;
  }
  return x.substr(0, i);
}

// Turns the session's unknown challenger into a fresh one (keeping the
// token the session drew for it, and counting the change).
void become_new(challenger& x, std::string guid) {
  auto revision = x.revision;
  x = make_challenger(std::move(guid), std::move(x.auth_token));
  x.revision = revision + 1;
}

void apply_progress(exchange& ex, challenger& x,
                    const payload::progress_data& data) {
  x.note = truncate_utf16(*data.secret_note, 100);
  if (data.x_auth_token && text::is_uuid(*data.x_auth_token))
    x.auth_token = *data.x_auth_token;
  progress restored;
  for (auto& [key, value] : data.status)
    if (auto c = challenge_from_key(key); c && ex.ctx.challenges.contains(*c))
      restored.set(index_of(*c), value);
  x.done = restored;
  x.touch();
}

void answer_progress_get(exchange& ex) {
  if (ex.who == nullptr) {
    ex.res.status = 404;
    ex.res.set_header("X-CHALLENGER", std::string{unknown_challenger});
    return;
  }
  ex.res.set_header("X-CHALLENGER", ex.who->guid);
  ex.res.status = 200;
  ex.res.content_type = "application/json";
  ex.res.body = payload::progress(ex.who->auth_token, ex.who->guid,
                                  ex.who->note, ex.who->done,
                                  ex.ctx.challenges);
}

void answer_progress_put(exchange& ex) {
  if (!check_guid(ex))
    return;
  auto parsed = payload::parse_progress(ex.req.body);
  if (!parsed.data) {
    ex.fail_json(400, std::move(parsed.error));
    return;
  }
  auto& data = *parsed.data;
  if (data.x_challenger)
    ex.res.set_header("X-CHALLENGER", *data.x_challenger);
  if (!data.x_challenger || *data.x_challenger != ex.route.param) {
    ex.fail_json(ex.ctx.edition().status.guid_mismatch,
                 "URL GUID does not match payload X-CHALLENGER");
    return;
  }
  if (!data.secret_note) {
    // The original threw on a missing note; answer the same 400 as for a
    // payload it could not use.
    ex.fail_json(400, "Invalid Payload");
    return;
  }
  // In memory means: live before this request, or loaded by it because
  // its X-CHALLENGER names it (the original's request hook loaded those).
  auto header = ex.req.header("X-CHALLENGER");
  bool in_memory = ex.who != nullptr
                   && (ex.who->resident || !ex.multi_user()
                       || (header
                           && text::lower(text::trim(*header))
                                == ex.who->guid));
  if (in_memory) {
    apply_progress(ex, *ex.who, data);
    ex.res.status = 200;
    ex.res.content_type = "application/json";
    ex.res.body = payload::progress(ex.who->auth_token, ex.who->guid,
                                    ex.who->note, ex.who->done,
                                    ex.ctx.challenges);
    return;
  }
  if (ex.session == nullptr)
    return; // unreachable: a UUID in the URL always names a session
  ex.who = nullptr; // recreated below: credits go to the new challenger
  // Not in memory: create it from the payload (BEHAVIOUR §5.5).
  become_new(*ex.session, ex.route.param);
  apply_progress(ex, *ex.session, data);
  ex.res.set_header("X-CHALLENGER", ex.session->guid);
  ex.res.status = 201;
  ex.res.content_type = "application/json";
}

void answer_database_get(exchange& ex) {
  if (!check_guid(ex))
    return;
  if (ex.who == nullptr) {
    ex.fail_json(404, "Challenger not found " + ex.route.param);
    return;
  }
  ex.res.set_header("X-CHALLENGER", ex.who->guid);
  ex.res.status = 200;
  ex.res.content_type = "application/json";
  ex.res.body = payload::database(ex.who->todos);
}

void answer_database_put(exchange& ex) {
  if (!check_guid(ex))
    return;
  if (ex.who == nullptr) {
    ex.fail_json(404, "Unknown Challenger GUID - have you created or loaded "
                      "the challenger state");
    return;
  }
  ex.res.set_header("X-CHALLENGER", ex.who->guid);
  auto doc = payload::parse_database(ex.req.body);
  if (!doc) {
    ex.fail_json(400, "ERROR: Data is not an object of instantiated entities");
    return;
  }
  auto limit = ex.ctx.config.unlimited_todos ? 0 : todo_limits::max_todos;
  auto err = todo_rules::restore(ex.who->todos, *doc, limit);
  ex.changed(); // a failed restore keeps what it inserted
  if (err) {
    ex.fail_json(400, std::move(*err));
    return;
  }
  ex.res.status = 204;
  ex.res.content_type = "application/json";
}

} // namespace

void answer_challenges(exchange& ex) {
  if (!ex.accept.acceptable) {
    ex.fail(406, "Unrecognised Accept Type");
    return;
  }
  static const progress none;
  auto& done = ex.who ? ex.who->done : none;
  if (ex.accept.preferred == negotiation::format::xml)
    ex.ok(200, {}, challenges_view::xml(ex.ctx.challenges, done, ex.req.query));
  else
    ex.ok(200, challenges_view::json(ex.ctx.challenges, done, ex.req.query),
          {});
  if (ex.who != nullptr)
    ex.res.set_header("Location", gui_location(ex, *ex.who));
}

void answer_challenger(exchange& ex) {
  auto header = ex.req.header("X-CHALLENGER");
  bool anonymous = header == nullptr || text::trim(*header).empty();
  if (ex.who != nullptr) {
    // Single-user mode always "creates" (201); multi-user identifies.
    ex.res.status = ex.multi_user() ? 200 : 201;
  } else if (anonymous && ex.session != nullptr) {
    become_new(*ex.session, ex.session->guid);
    ex.who = ex.session;
    ex.res.status = 201;
  } else {
    ex.res.status = 404;
    ex.res.set_header("X-CHALLENGER", std::string{unknown_challenger});
    return;
  }
  ex.res.set_header("X-CHALLENGER", ex.who->guid);
  ex.res.set_header("Location", gui_location(ex, *ex.who));
}

void answer_progress(exchange& ex) {
  if (ex.method == "PUT")
    answer_progress_put(ex);
  else
    answer_progress_get(ex);
}

void answer_database(exchange& ex) {
  if (ex.method == "PUT")
    answer_database_put(ex);
  else
    answer_database_get(ex);
}

} // namespace model::detail
