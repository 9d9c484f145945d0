#include "model/challenge.hpp"
#include "model/challenger.hpp"
#include "storage/snapshot.hpp"

#include <doctest/doctest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

using namespace std::string_literals;

namespace {

model::todo make_todo(int64_t id, std::string title, std::string description,
                      bool done, bool done_assigned,
                      bool description_assigned) {
  model::todo x;
  x.id = id;
  x.title = std::move(title);
  x.description = std::move(description);
  x.done = done;
  x.done_assigned = done_assigned;
  x.description_assigned = description_assigned;
  return x;
}

/// A challenger that exercises every field, flag and awkward byte.
model::challenger sample() {
  auto c = model::make_challenger("0f8fad5b-d9cb-469f-a165-70867728950e",
                                  "7c9e6679-7425-40de-944b-e07fc1f90ae7");
  c.note = "quote \" backslash \\ newline \n nul \0 end"s;
  c.done.set(model::index_of(model::challenge::CREATE_NEW_CHALLENGER));
  c.done.set(model::index_of(model::challenge::GET_TODOS));
  c.done.set(model::index_of(model::challenge::POST_ALL_TODOS));
  std::string every_byte;
  for (int i = 0; i < 256; ++i)
    every_byte += static_cast<char>(i);
  c.todos.assign({make_todo(3, "plain", "", false, false, false),
                  make_todo(7, every_byte, "d\xff\xfe", true, true, true),
                  make_todo(9, "x", "", false, true, false),
                  make_todo(12, "y", "", true, false, true)},
                 42);
  return c;
}

void check_same(const model::challenger& a, const model::challenger& b) {
  CHECK(a.guid == b.guid);
  CHECK(a.auth_token == b.auth_token);
  CHECK(a.note == b.note);
  CHECK(a.done.to_string() == b.done.to_string());
  CHECK(a.todos.next_id() == b.todos.next_id());
  REQUIRE(a.todos.size() == b.todos.size());
  for (std::size_t i = 0; i < a.todos.size(); ++i) {
    const auto& x = a.todos.items()[i];
    const auto& y = b.todos.items()[i];
    CHECK(x.id == y.id);
    CHECK(x.title == y.title);
    CHECK(x.description == y.description);
    CHECK(x.done == y.done);
    CHECK(x.done_assigned == y.done_assigned);
    CHECK(x.description_assigned == y.description_assigned);
  }
}

/// The snapshot as rapidjson's Writer wrote it before `encode` was written
/// by hand: the oracle for the byte-for-byte test below.
std::string writer_encode(const model::challenger& x) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  auto str = [&w](const std::string& s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  };
  w.StartObject();
  w.Key("v");
  w.Int(1);
  w.Key("guid");
  str(x.guid);
  w.Key("auth_token");
  str(x.auth_token);
  w.Key("note");
  str(x.note);
  w.Key("progress");
  w.StartArray();
  for (std::size_t i = 0; i < model::all_challenge_count; ++i)
    if (x.done.test(i))
      str(std::string{model::key_name(static_cast<model::challenge>(i))});
  w.EndArray();
  w.Key("next_id");
  w.Int64(x.todos.next_id());
  w.Key("todos");
  w.StartArray();
  for (const auto& t : x.todos.items()) {
    w.StartObject();
    w.Key("id");
    w.Int64(t.id);
    w.Key("title");
    str(t.title);
    if (!t.description.empty()) {
      w.Key("description");
      str(t.description);
    }
    for (auto [key, on] : {std::pair{"done", t.done},
                           {"done_assigned", t.done_assigned},
                           {"description_assigned", t.description_assigned}})
      if (on) {
        w.Key(key);
        w.Bool(true);
      }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return {buf.GetString(), buf.GetSize()};
}

} // namespace

TEST_SUITE("storage.snapshot") {
  TEST_CASE("the bytes are those rapidjson's Writer wrote") {
    // Every byte value, flags, progress: stored rows keep one form.
    auto c = sample();
    CHECK_EQ(storage::encode(c), writer_encode(c));
    auto seeded = model::make_challenger("g", "t");
    CHECK_EQ(storage::encode(seeded), writer_encode(seeded));
    for (std::size_t i = 0; i < model::all_challenge_count; ++i)
      seeded.done.set(i);
    seeded.todos.assign({}, 9'000'000'000'000'000);
    CHECK_EQ(storage::encode(seeded), writer_encode(seeded));
  }

  TEST_CASE("a challenger survives encode and decode") {
    auto original = sample();
    auto text = storage::encode(original);
    auto decoded = storage::decode(text);
    REQUIRE(decoded.has_value());
    check_same(original, *decoded);
    SUBCASE("the caller decides state, known and revision") {
      CHECK(decoded->state == model::challenger_state::fresh);
      CHECK_FALSE(decoded->known);
      CHECK(decoded->revision == 0);
    }
  }

  TEST_CASE("a seeded challenger round-trips and stays compact") {
    auto original = model::make_challenger("g", "t");
    auto text = storage::encode(original);
    // Ten seed todos with default flags: no empty descriptions or false flags.
    CHECK(text.size() < 700);
    CHECK(text.find("\"done\":false") == std::string::npos);
    auto decoded = storage::decode(text);
    REQUIRE(decoded.has_value());
    check_same(original, *decoded);
  }

  TEST_CASE("progress of either edition loads in the other (BEHAVIOUR §10)") {
    auto c = model::make_challenger("g", "t");
    c.done.set(model::index_of(model::challenge::PUT_TODOS_400));
    c.done.set(model::index_of(model::challenge::X_CHALLENGER_TOO_LONG_431));
    c.done.set(model::index_of(model::challenge::POST_ALL_TODOS));
    auto text = storage::encode(c);
    // Enum names: a classic server reads the shared ones as it always did.
    CHECK_NE(text.find("\"progress\":[\"PUT_TODOS_400\",\"POST_ALL_TODOS\","
                       "\"X_CHALLENGER_TOO_LONG_431\"]"),
             std::string::npos);
    auto decoded = storage::decode(text);
    REQUIRE(decoded.has_value());
    CHECK_EQ(decoded->done.to_string(), c.done.to_string());
    SUBCASE("the 2026 name of a renamed challenge reads into the same flag") {
      auto pos = text.find("\"PUT_TODOS_400\"");
      text.replace(pos, 15, "\"PUT_TODOS_422\"");
      auto renamed = storage::decode(text);
      REQUIRE(renamed.has_value());
      CHECK_EQ(renamed->done.to_string(), c.done.to_string());
    }
  }

  TEST_CASE("progress is stored by challenge name, not by bit position") {
    auto c = model::make_challenger("g", "t");
    c.done.set(model::index_of(model::challenge::GET_TODOS));
    auto text = storage::encode(c);
    CHECK(text.find("\"progress\":[\"GET_TODOS\"]") != std::string::npos);
    SUBCASE("names the catalogue does not know are dropped") {
      auto pos = text.find("\"GET_TODOS\"");
      text.insert(pos, "\"NO_SUCH_CHALLENGE\",");
      auto decoded = storage::decode(text);
      REQUIRE(decoded.has_value());
      CHECK(decoded->done.count() == 1);
      CHECK(decoded->done.test(model::index_of(model::challenge::GET_TODOS)));
    }
  }

  TEST_CASE("todos come back in id order") {
    auto text
      = R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[],)"
        R"("next_id":5,"todos":[{"id":4,"title":"b"},{"id":2,"title":"a"}]})"s;
    auto decoded = storage::decode(text);
    REQUIRE(decoded.has_value());
    REQUIRE(decoded->todos.size() == 2);
    CHECK(decoded->todos.items()[0].id == 2);
    CHECK(decoded->todos.items()[1].id == 4);
    CHECK(decoded->todos.next_id() == 5);
  }

  TEST_CASE("corrupt snapshots are errors, never crashes") {
    auto valid = storage::encode(sample());
    const std::string bad[] = {
      "",
      "null",
      "[]",
      "{",
      valid.substr(0, valid.size() / 2),
      valid + "x",
      std::string(100000, '[') + std::string(100000, ']'),
      R"({"v":2,"guid":"g","auth_token":"t","note":"","progress":[],"next_id":1,"todos":[]})",
      R"({"guid":"g","auth_token":"t","note":"","progress":[],"next_id":1,"todos":[]})",
      R"({"v":1,"guid":7,"auth_token":"t","note":"","progress":[],"next_id":1,"todos":[]})",
      R"({"v":1,"guid":"g","note":"","progress":[],"next_id":1,"todos":[]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":null,"progress":[],"next_id":1,"todos":[]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":{},"next_id":1,"todos":[]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[1],"next_id":1,"todos":[]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[],"next_id":"1","todos":[]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[],"next_id":1.5,"todos":[]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[],"next_id":1})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[],"next_id":1,"todos":[3]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[],"next_id":1,"todos":[{"title":"x"}]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[],"next_id":1,"todos":[{"id":1}]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[],"next_id":1,"todos":[{"id":1,"title":"x","done":"yes"}]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[],"next_id":1,"todos":[{"id":1,"title":"x","description":5}]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[],"next_id":3,"todos":[{"id":1,"title":"x"},{"id":1,"title":"y"}]})",
      // Found by fuzz/snapshot.cpp: the next create overflowed the counter.
      R"({"v":1,"guid":"0","auth_token":"74t","note":"","progress":[],"next_id":9223372036854775807,"todos":[]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[],"next_id":9000000000000000002,"todos":[]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[],"next_id":0,"todos":[]})",
      R"({"v":1,"guid":"g","auth_token":"t","note":"","progress":[],"next_id":2,"todos":[{"id":9223372036854775807,"title":"x","done":false,"done_assigned":false,"description_assigned":false}]})",
    };
    for (const auto& text : bad) {
      CAPTURE(text.substr(0, 120));
      auto decoded = storage::decode(text);
      REQUIRE_FALSE(decoded.has_value());
      CHECK(decoded.err().message.rfind("corrupt snapshot: ", 0) == 0);
    }
  }

} // TEST_SUITE
