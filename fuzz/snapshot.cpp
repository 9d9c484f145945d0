// Fuzz target: decoding stored snapshots (storage/snapshot.hpp). Corrupt
// input yields an error, never a crash; a decoded snapshot re-encodes to
// itself and survives a few requests (a session loads it and answers).

#include "storage/snapshot.hpp"

#include "fuzz.hpp"
#include "model/api.hpp"

namespace {

model::request make(std::string method, std::string path, std::string body,
                    const model::challenger& who) {
  model::request req;
  req.method = std::move(method);
  req.path = std::move(path);
  req.body = std::move(body);
  req.headers.push_back({"Content-Type", "application/json"});
  req.headers.push_back({"X-CHALLENGER", who.guid});
  req.headers.push_back({"X-AUTH-TOKEN", who.auth_token});
  return req;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto decoded = storage::decode(fuzz::as_text(data, size));
  if (!decoded)
    return 0;
  auto& x = *decoded;
  fuzz::check_store(x.todos, 0, false);
  auto text = storage::encode(x);
  auto again = storage::decode(text);
  FUZZ_REQUIRE(again.has_value());
  FUZZ_REQUIRE(again->guid == x.guid && again->auth_token == x.auth_token
               && again->note == x.note && again->done == x.done);
  FUZZ_REQUIRE(fuzz::same(again->todos, x.todos));
  FUZZ_REQUIRE(storage::encode(*again) == text);
  // What a session does with it: answer requests that read and write.
  static const model::api_context ctx{model::api_config{}};
  x.known = true;
  x.state = model::challenger_state::loaded;
  const model::request requests[] = {
    make("GET", "/todos", "", x),
    make("POST", "/todos", R"({"title":"t"})", x),
    make("GET", "/challenger/" + x.guid, "", x),
    make("GET", "/challenger/database/" + x.guid, "", x),
    make("GET", "/secret/note", "", x),
    make("DELETE", "/todos/1", "", x),
  };
  for (auto& req : requests) {
    auto res = model::respond(&x, req, ctx);
    FUZZ_REQUIRE(res.status >= 100 && res.status <= 599);
    storage::encode(x);
  }
  return 0;
}
