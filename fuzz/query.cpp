// Fuzz target: query strings (BEHAVIOUR §2.7): filters, `~=` regexes, `*=`
// wildcards and sorting, over the todos and over the challenges.

#include "model/query.hpp"

#include "fuzz.hpp"
#include "model/challenge.hpp"
#include "model/challenges_view.hpp"
#include "model/config.hpp"

#include <algorithm>

namespace {

/// Todos with every kind of value a filter can meet.
const std::vector<model::todo>& rows() {
  static const auto result = [] {
    auto db = model::todo_store::seeded();
    std::vector<model::todo> xs{db.items().begin(), db.items().end()};
    xs[1].done = true;
    xs[2].description = "a description";
    xs[3].title = "UPPER lower 123 \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    xs[4].description = "line\nbreak\r\n\xE2\x80\xA8";
    xs[5].title = "*?.[]()\\^$|+{}";
    return xs;
  }();
  return result;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto raw = fuzz::as_text(data, size);
  static const std::vector<model::query::field_def> fields{
    {"id", model::query::field_type::integer},
    {"title", model::query::field_type::string},
    {"doneStatus", model::query::field_type::boolean},
    {"description", model::query::field_type::string},
  };
  auto& xs = rows();
  auto value = [&](std::size_t row, std::size_t field) -> std::string {
    FUZZ_REQUIRE(row < xs.size());
    FUZZ_REQUIRE(field < fields.size());
    auto& x = xs[row];
    switch (field) {
      case 0: return std::to_string(x.id);
      case 1: return x.title;
      case 2: return x.done ? "true" : "false";
      default: return x.description;
    }
  };
  auto selected = model::query::select(raw, fields, xs.size(), value);
  // A selection: each row at most once.
  auto sorted = selected;
  std::sort(sorted.begin(), sorted.end());
  FUZZ_REQUIRE(std::adjacent_find(sorted.begin(), sorted.end())
               == sorted.end());
  FUZZ_REQUIRE(sorted.empty() || sorted.back() < xs.size());
  model::query::first_value(raw, "doneStatus");
  // The challenges list filters with the same code; its output stays valid.
  static const auto challenges = model::challenge_set::for_config(
    model::api_config{});
  model::progress done;
  done.set(1);
  done.set(3);
  FUZZ_REQUIRE(
    fuzz::valid_json(model::challenges_view::json(challenges, done, raw)));
  return 0;
}
