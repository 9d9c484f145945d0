// Fuzz target: the model's whole request handling (`model::respond`), driven
// by scripts of random requests against a single-user, a multi-user and an
// unlimited multi-user server state, as the gateway and the session actors
// would drive it. Checks after every request: a status in 100-599, JSON and
// XML bodies that parse, every store within the todo limit and valid, notes
// within 100 characters, snapshots that round-trip, and no change to any
// challenger but the one the request belongs to. Never throws.
//
// The input is text, so that seeds are readable requests:
//
//   METHOD TARGET [*N]        (N: repeat the request, at most 25 times)
//   Header-Name: value
//   ...
//   <empty line>
//   body
//   %%                        (on its own line: the next request)
//
// `{guid}` and `{token}` anywhere stand for the GUID and secret token of the
// fuzzer's own challenger, `{last}` for the GUID the last `POST /challenger`
// created. The method `RELOAD` stores every session and loads it back, as
// an idle session's stop and restart would.

#include "fuzz.hpp"
#include "model/api.hpp"
#include "model/routes.hpp"
#include "storage/snapshot.hpp"

#include <cstdio>
#include <exception>
#include <map>

namespace {

constexpr std::string_view methods[] = {"GET",     "HEAD",   "POST",
                                        "PUT",     "DELETE", "PATCH",
                                        "OPTIONS", "TRACE",  "CONNECT"};

/// Most requests one input may make per server state.
constexpr int max_requests = 64;

/// Most sessions kept; later new challengers are answered, then dropped.
constexpr std::size_t max_sessions = 6;

/// A canonical UUID made from a counter.
std::string uuid(uint64_t prefix, uint64_t n) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%08llx-0000-4000-8000-%012llx",
                static_cast<unsigned long long>(prefix),
                static_cast<unsigned long long>(n));
  return buf;
}

/// One server's worth of state: the sessions the front would hold.
struct world {
  explicit world(model::api_config cfg) : ctx(cfg) {
    if (cfg.mode == model::user_mode::single_user) {
      mine = std::string{model::single_player_guid};
    } else {
      mine = uuid(0xa11ce, 1);
      // Nobody's script names this one: it only ever changes when a request
      // targets it (the fuzzer may still learn its GUID).
      auto victim = uuid(0xb0b, 2);
      sessions.emplace(victim, model::make_challenger(victim, uuid(0x7, 1)));
    }
    sessions.emplace(mine, model::make_challenger(mine, uuid(0x7, 0)));
  }

  std::string fresh_guid() {
    return uuid(0xc0ffee, ++counter);
  }

  std::string fresh_token() {
    return uuid(0x70ce, ++counter);
  }

  model::api_context ctx;
  std::map<std::string, model::challenger> sessions;
  std::string mine;
  std::string last;
  uint64_t counter = 0;
};

/// One request of the script, before placeholders are replaced.
struct scripted {
  std::string method;
  std::string target;
  int repeat = 1;
  model::header_list headers;
  std::string body;
};

std::vector<std::string_view> split(std::string_view x, std::string_view sep) {
  std::vector<std::string_view> result;
  for (;;) {
    auto pos = x.find(sep);
    result.push_back(x.substr(0, pos));
    if (pos == std::string_view::npos)
      return result;
    x.remove_prefix(pos + sep.size());
  }
}

/// A method the HTTP layer lets through (it rejects other tokens and
/// lower-case methods); other tokens pick one by their first byte.
std::string method_of(std::string_view x) {
  if (x == "RELOAD")
    return std::string{x};
  for (auto m : methods)
    if (x == m)
      return std::string{m};
  auto pick = x.empty() ? 0 : static_cast<unsigned char>(x.front());
  return std::string{methods[pick % std::size(methods)]};
}

std::vector<scripted> parse_script(std::string_view input) {
  std::vector<scripted> result;
  for (auto text : split(input, "\n%%\n")) {
    scripted req;
    auto head_end = text.find("\n\n");
    auto head = text.substr(0, head_end);
    if (head_end != std::string_view::npos)
      req.body = std::string{text.substr(head_end + 2)};
    auto lines = split(head, "\n");
    auto words = split(lines.front(), " ");
    req.method = method_of(words[0]);
    if (words.size() > 1)
      req.target = std::string{words[1]};
    if (words.size() > 2 && words[2].size() > 1 && words[2][0] == '*') {
      req.repeat = 0;
      for (auto c : words[2].substr(1))
        if (c >= '0' && c <= '9' && req.repeat < 25)
          req.repeat = std::min(25, req.repeat * 10 + (c - '0'));
    }
    for (std::size_t i = 1; i < lines.size(); ++i) {
      auto line = lines[i];
      auto colon = line.find(':');
      model::header h;
      h.name = std::string{line.substr(0, colon)};
      if (colon != std::string_view::npos) {
        auto value = line.substr(colon + 1);
        while (!value.empty()
               && (value.front() == ' ' || value.front() == '\t'))
          value.remove_prefix(1);
        h.value = std::string{value};
      }
      req.headers.push_back(std::move(h));
    }
    result.push_back(std::move(req));
  }
  return result;
}

void replace_all(std::string& x, std::string_view from, const std::string& to) {
  for (auto pos = x.find(from); pos != std::string::npos;
       pos = x.find(from, pos + to.size()))
    x.replace(pos, from.size(), to);
}

model::request instantiate(const scripted& in, world& w) {
  auto mine = w.sessions.find(w.mine);
  std::string token = mine != w.sessions.end() ? mine->second.auth_token : "";
  auto fill = [&](std::string x) {
    replace_all(x, "{guid}", w.mine);
    replace_all(x, "{token}", token);
    replace_all(x, "{last}", w.last);
    return x;
  };
  model::request req;
  req.method = in.method;
  auto target = fill(in.target);
  auto q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos)
    req.query = target.substr(q + 1);
  for (auto& h : in.headers)
    req.headers.push_back({h.name, fill(h.value)});
  req.body = fill(in.body);
  return req;
}

void check_response(const model::response& res) {
  FUZZ_REQUIRE(res.status >= 100 && res.status <= 599);
  if (!res.body.empty()) {
    auto type = model::text::lower(res.content_type);
    if (model::text::contains(type, "json"))
      FUZZ_REQUIRE(fuzz::valid_json(res.body));
    else if (model::text::contains(type, "xml"))
      FUZZ_REQUIRE(fuzz::valid_xml(res.body));
  }
}

/// Checks a challenger after a request; `encoders` also renders each todo
/// (slow: at the end of a script only).
void check_challenger(const model::challenger& x, const world& w,
                      bool encoders = false) {
  FUZZ_REQUIRE(x.known);
  auto unlimited = w.ctx.config.unlimited_todos;
  fuzz::check_store(x.todos, unlimited ? 0 : model::todo_limits::max_todos,
                    true, encoders);
  FUZZ_REQUIRE(model::text::valid_utf8(x.note));
  FUZZ_REQUIRE(model::text::utf16_length(x.note) <= 100);
  FUZZ_REQUIRE((x.done & ~w.ctx.challenges.mask()).none());
  auto text = storage::encode(x);
  auto back = storage::decode(text);
  FUZZ_REQUIRE(back.has_value());
  FUZZ_REQUIRE(back->guid == x.guid && back->auth_token == x.auth_token
               && back->note == x.note && back->done == x.done);
  FUZZ_REQUIRE(fuzz::same(back->todos, x.todos));
}

/// Stores and reloads every session (an idle stop, then a restart).
void reload(world& w) {
  for (auto& [guid, x] : w.sessions) {
    auto back = storage::decode(storage::encode(x));
    FUZZ_REQUIRE(back.has_value());
    x = std::move(*back);
    x.known = true;
    x.state = model::challenger_state::loaded;
  }
}

/// Answers `req` as the gateway and a session actor would.
void serve(world& w, const model::request& req) {
  auto target = model::target_of(req, w.ctx.config);
  if (w.ctx.config.mode == model::user_mode::multi_user
      && !model::is_api_path(req.path))
    FUZZ_REQUIRE(target.what == model::session_target::kind::none);
  // Everyone else's snapshot, to see that nothing else changes.
  std::map<std::string, std::string> others;
  for (auto& [guid, x] : w.sessions)
    if (target.what != model::session_target::kind::existing
        || guid != target.guid)
      others.emplace(guid, storage::encode(x));
  model::response res;
  model::challenger* who = nullptr;
  switch (target.what) {
    case model::session_target::kind::none:
      res = model::respond(nullptr, req, w.ctx);
      break;
    case model::session_target::kind::existing: {
      FUZZ_REQUIRE(target.guid == model::single_player_guid
                   || model::text::is_uuid(target.guid));
      auto i = w.sessions.find(target.guid);
      if (i != w.sessions.end()) {
        who = &i->second;
        res = model::respond(who, req, w.ctx);
        break;
      }
      // Not in storage either: the session starts unknown and quits
      // unless the request made it known.
      auto fresh = model::make_challenger(target.guid, w.fresh_token());
      fresh.known = false;
      res = model::respond(&fresh, req, w.ctx);
      if (fresh.known && w.sessions.size() < max_sessions)
        who = &w.sessions.emplace(target.guid, std::move(fresh)).first->second;
      break;
    }
    case model::session_target::kind::create: {
      auto guid = w.fresh_guid();
      auto fresh = model::make_challenger(guid, w.fresh_token());
      fresh.known = false;
      res = model::respond(&fresh, req, w.ctx);
      if (fresh.known) {
        w.last = guid;
        if (w.sessions.size() < max_sessions)
          who = &w.sessions.emplace(guid, std::move(fresh)).first->second;
      }
      break;
    }
  }
  check_response(res);
  if (who != nullptr)
    check_challenger(*who, w);
  for (auto& [guid, text] : others) {
    auto i = w.sessions.find(guid);
    FUZZ_REQUIRE(i != w.sessions.end());
    FUZZ_REQUIRE(storage::encode(i->second) == text);
  }
}

void run(world& w, const std::vector<scripted>& script) {
  int budget = max_requests;
  for (auto& step : script) {
    if (step.method == "RELOAD") {
      reload(w);
      continue;
    }
    for (int i = 0; i < step.repeat && budget > 0; ++i, --budget)
      serve(w, instantiate(step, w));
  }
  for (auto& [guid, x] : w.sessions)
    check_challenger(x, w, true);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto script = parse_script(fuzz::as_text(data, size));
  model::api_config single;
  model::api_config multi;
  multi.mode = model::user_mode::multi_user;
  model::api_config unlimited = multi;
  unlimited.storage = false;
  unlimited.unlimited_todos = true;
  model::api_config edition_2026 = multi;
  edition_2026.edition = model::edition_id::y2026;
  for (auto cfg : {single, multi, unlimited, edition_2026}) {
    try {
      world w{cfg};
      run(w, script);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "respond threw: %s\n", e.what());
      std::abort();
    }
  }
  return 0;
}
