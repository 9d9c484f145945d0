// Fuzz target: the progress payload and the todos database export that
// learners restore (BEHAVIOUR §5.5). A restored database must export to a
// document that restores to the same todos.

#include "model/payload.hpp"

#include "fuzz.hpp"
#include "model/challenge.hpp"
#include "model/config.hpp"
#include "model/json_reader.hpp"

namespace {

void check_progress(std::string_view input) {
  auto parsed = model::payload::parse_progress(input);
  if (!parsed.data) {
    FUZZ_REQUIRE(!parsed.error.empty());
    fuzz::check_error(parsed.error);
    return;
  }
  auto& data = *parsed.data;
  for (auto* x : {&data.x_auth_token, &data.x_challenger, &data.secret_note})
    if (*x)
      FUZZ_REQUIRE(model::text::valid_utf8(**x));
  static const auto challenges = model::challenge_set::for_config(
    model::api_config{});
  model::progress done;
  for (auto& [key, value] : data.status) {
    FUZZ_REQUIRE(model::text::valid_utf8(key));
    if (auto c = model::challenge_from_key(key); c && challenges.contains(*c))
      done.set(model::index_of(*c), value);
  }
  auto out = model::payload::progress(data.x_auth_token.value_or(""),
                                      data.x_challenger.value_or(""),
                                      data.secret_note.value_or(""), done,
                                      challenges);
  FUZZ_REQUIRE(fuzz::valid_json(out));
  auto again = model::payload::parse_progress(out);
  FUZZ_REQUIRE(again.data.has_value());
}

void check_database(std::string_view input) {
  auto doc = model::payload::parse_database(input);
  if (!doc)
    return;
  for (std::size_t limit : {std::size_t{20}, std::size_t{0}}) {
    auto db = model::todo_store::seeded();
    if (auto err = model::todo_rules::restore(db, *doc, limit))
      fuzz::check_error(*err);
    fuzz::check_store(db, limit);
    // The export restores to the same todos.
    auto text = model::payload::database(db);
    FUZZ_REQUIRE(fuzz::valid_json(text));
    auto exported = model::payload::parse_database(text);
    FUZZ_REQUIRE(exported.has_value());
    model::todo_store copy;
    auto err = model::todo_rules::restore(copy, *exported, 0);
    FUZZ_REQUIRE(!err.has_value());
    FUZZ_REQUIRE(copy.size() == db.size());
    for (std::size_t i = 0; i < db.size(); ++i) {
      auto& x = db.items()[i];
      auto& y = copy.items()[i];
      FUZZ_REQUIRE(x.id == y.id && x.title == y.title
                   && x.description == y.description && x.done == y.done);
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto input = fuzz::as_text(data, size);
  check_progress(input);
  check_database(input);
  return 0;
}
