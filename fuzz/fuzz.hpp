#pragma once

// Shared by the fuzz targets: invariant checks that abort with a message (so
// that libFuzzer keeps the input that broke them), and the checks of parsed
// bodies, todos and outputs that several targets make.

#include "model/body.hpp"
#include "model/json_codec.hpp"
#include "model/text.hpp"
#include "model/todo.hpp"
#include "model/todo_rules.hpp"
#include "model/xml_codec.hpp"

#include <pugixml.hpp>
#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

/// Aborts with the condition's text when `cond` is false.
#define FUZZ_REQUIRE(cond) ::fuzz::require((cond), #cond, __FILE__, __LINE__)

namespace fuzz {

inline void require(bool ok, const char* what, const char* file, int line) {
  if (ok)
    return;
  std::fprintf(stderr, "%s:%d: invariant violated: %s\n", file, line, what);
  std::abort();
}

/// The fuzz input as text.
inline std::string_view as_text(const uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Whether `x` is one JSON document in valid UTF-8.
inline bool valid_json(std::string_view x) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag
            | rapidjson::kParseIterativeFlag>(x.data(), x.size());
  return !doc.HasParseError();
}

/// Whether `x` is a well-formed XML document.
inline bool valid_xml(std::string_view x) {
  pugi::xml_document doc;
  return static_cast<bool>(doc.load_buffer(x.data(), x.size(),
                                           pugi::parse_default,
                                           pugi::encoding_utf8));
}

/// Checks one parsed body field the way the engine relies on it.
inline void check_fields(const model::body_fields& fields) {
  using kind = model::body_value::kind;
  for (auto& [key, value] : fields) {
    FUZZ_REQUIRE(model::text::valid_utf8(key));
    FUZZ_REQUIRE(model::text::valid_utf8(value.text));
    if (value.type == kind::number)
      FUZZ_REQUIRE(value.text == model::text::java_double(value.number));
    if (value.type == kind::boolean)
      FUZZ_REQUIRE(value.text == (value.boolean ? "true" : "false"));
  }
}

/// Checks one todo that passed validation, and with `encoders` that both
/// encoders turn it into a valid document.
inline void check_todo(const model::todo& x, bool encoders = true) {
  FUZZ_REQUIRE(model::text::valid_utf8(x.title));
  FUZZ_REQUIRE(model::text::valid_utf8(x.description));
  FUZZ_REQUIRE(model::text::utf16_length(x.title)
               <= model::todo_limits::max_title);
  FUZZ_REQUIRE(!model::text::trim(x.title).empty());
  FUZZ_REQUIRE(model::text::utf16_length(x.description)
               <= model::todo_limits::max_description);
  if (encoders) {
    FUZZ_REQUIRE(valid_json(model::json::todo(x)));
    FUZZ_REQUIRE(valid_xml(model::xml::todo(x)));
  }
}

/// Checks a store: ids strictly ascending, at most `limit` todos (0: no
/// limit), and with `validated` every todo as `check_todo` does.
inline void check_store(const model::todo_store& db, std::size_t limit,
                        bool validated = true, bool encoders = true) {
  if (limit != 0)
    FUZZ_REQUIRE(db.size() <= limit);
  auto previous = std::numeric_limits<int64_t>::min();
  bool first = true;
  for (auto& x : db.items()) {
    FUZZ_REQUIRE(first || x.id > previous);
    first = false;
    previous = x.id;
    if (validated)
      check_todo(x, encoders);
  }
}

/// Whether two todos hold the same values.
inline bool same(const model::todo& x, const model::todo& y) {
  return x.id == y.id && x.title == y.title && x.description == y.description
         && x.done == y.done && x.done_assigned == y.done_assigned
         && x.description_assigned == y.description_assigned;
}

/// Whether two stores hold the same todos (and the same next id).
inline bool same(const model::todo_store& x, const model::todo_store& y) {
  if (x.size() != y.size() || x.next_id() != y.next_id())
    return false;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!same(x.items()[i], y.items()[i]))
      return false;
  return true;
}

/// An error message must survive both error encoders.
inline void check_error(const std::string& message) {
  FUZZ_REQUIRE(valid_json(model::json::errors({message})));
  FUZZ_REQUIRE(valid_xml(model::xml::errors({message})));
}

/// Runs a parsed body through create, amend and replace (BEHAVIOUR §2.5, §2.6)
/// and checks what they leave behind.
inline void exercise_todo_rules(const model::body_fields& fields,
                                model::todo_rules::key_order order) {
  namespace rules = model::todo_rules;
  constexpr auto limit = model::todo_limits::max_todos;
  // Create on a seeded store, then on a full one.
  auto db = model::todo_store::seeded();
  auto before = db.size();
  int64_t id = 0;
  if (auto err = rules::create(db, fields, order, limit, id)) {
    check_error(*err);
    FUZZ_REQUIRE(db.size() == before);
  } else {
    FUZZ_REQUIRE(db.size() == before + 1);
    FUZZ_REQUIRE(db.find(id) != nullptr);
  }
  check_store(db, limit);
  auto full = model::todo_store::seeded();
  while (full.size() < limit) {
    model::todo x;
    x.id = full.take_id();
    x.title = "t";
    full.insert(x);
  }
  if (auto err = rules::create(full, fields, order, limit, id); !err)
    FUZZ_REQUIRE(!"create succeeded on a full store");
  check_store(full, limit);
  // Amend and replace todo 1: all or nothing.
  for (int i = 0; i < 2; ++i) {
    auto store = model::todo_store::seeded();
    auto& x = *store.find(1);
    auto copy = x;
    auto err = i == 0 ? rules::amend(x, fields, order)
                      : rules::replace(x, fields, order);
    if (err) {
      check_error(*err);
      FUZZ_REQUIRE(same(x, copy));
    } else {
      FUZZ_REQUIRE(x.id == 1);
    }
    check_store(store, limit);
  }
}

} // namespace fuzz
