#include "storage/snapshot.hpp"

#include "model/text.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace storage {

namespace {

/// Bump when the layout changes incompatibly; `decode` rejects others.
constexpr int format_version = 1;

// A snapshot is encoded on every write a learner makes, so `encode` writes
// it in two passes: the size first (at least), then every byte through
// one pointer into a string of that size (an append call per field was
// most of its cost). Strings are escaped as rapidjson's `Writer` escapes (the
// writer this format was first written with): `"`, `\\` and control characters
// only, `\u00XX` in upper case where no short form exists; other bytes pass
// through. The bytes are the Writer's (tests/storage/snapshot_test.cpp).

/// Digits and sign of any `int64_t`.
constexpr std::size_t max_number = 20;

/// At least the size of `x` as a JSON string, quotes included: exact when
/// nothing is escaped, else six bytes a byte (`\u00XX`, the longest
/// escape). Rare, and the surplus is cut off at the end.
std::size_t quoted_size(std::string_view x) {
  return (model::text::has_json_escape(x) ? 6 * x.size() : x.size()) + 2;
}

/// Copies `x` to `at`; returns the end.
char* put(char* at, std::string_view x) {
  std::memcpy(at, x.data(), x.size());
  return at + x.size();
}

char* put_number(char* at, int64_t x) {
  return std::to_chars(at, at + max_number, x).ptr;
}

/// Writes `x` as a JSON string (at most `quoted_size(x)` bytes); returns
/// the end.
char* put_quoted(char* at, std::string_view x) {
  static constexpr char hex[] = "0123456789ABCDEF";
  *at++ = '"';
  // Most strings need no escape: copied whole.
  if (!model::text::has_json_escape(x)) {
    at = put(at, x);
    *at++ = '"';
    return at;
  }
  for (char ch : x) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != '"' && c != '\\') {
      *at++ = ch;
      continue;
    }
    *at++ = '\\';
    switch (c) {
      case '"': *at++ = '"'; break;
      case '\\': *at++ = '\\'; break;
      case '\b': *at++ = 'b'; break;
      case '\t': *at++ = 't'; break;
      case '\n': *at++ = 'n'; break;
      case '\f': *at++ = 'f'; break;
      case '\r': *at++ = 'r'; break;
      default:
        at = put(at, "u00");
        *at++ = hex[c >> 4];
        *at++ = hex[c & 0xF];
    }
  }
  *at++ = '"';
  return at;
}

/// Every challenge's key name as a JSON string, by index: progress is most
/// of a snapshot, and these never change.
std::vector<std::string> quoted_key_names() {
  std::vector<std::string> result(model::all_challenge_count);
  for (std::size_t i = 0; i < result.size(); ++i) {
    auto name = model::key_name(static_cast<model::challenge>(i));
    auto& x = result[i];
    x.resize(quoted_size(name));
    x.resize(static_cast<std::size_t>(put_quoted(x.data(), name) - x.data()));
  }
  return result;
}

// Defaults are left out of a todo: a seeded list stays around 0.5 KB.
constexpr std::string_view todo_id = "{\"id\":";
constexpr std::string_view todo_title = ",\"title\":";
constexpr std::string_view todo_description = ",\"description\":";
constexpr std::string_view todo_done = ",\"done\":true";
constexpr std::string_view todo_done_assigned = ",\"done_assigned\":true";
constexpr std::string_view todo_description_assigned = ",\"description_"
                                                       "assigned\":true";

/// At least the bytes `put_todo` writes.
std::size_t todo_size(const model::todo& x) {
  std::size_t n = todo_id.size() + max_number + todo_title.size()
                  + quoted_size(x.title) + 1;
  if (!x.description.empty())
    n += todo_description.size() + quoted_size(x.description);
  if (x.done)
    n += todo_done.size();
  if (x.done_assigned)
    n += todo_done_assigned.size();
  if (x.description_assigned)
    n += todo_description_assigned.size();
  return n;
}

char* put_todo(char* at, const model::todo& x) {
  at = put(at, todo_id);
  at = put_number(at, x.id);
  at = put(at, todo_title);
  at = put_quoted(at, x.title);
  if (!x.description.empty()) {
    at = put(at, todo_description);
    at = put_quoted(at, x.description);
  }
  if (x.done)
    at = put(at, todo_done);
  if (x.done_assigned)
    at = put(at, todo_done_assigned);
  if (x.description_assigned)
    at = put(at, todo_description_assigned);
  *at++ = '}';
  return at;
}

using value = rapidjson::Value;

error corrupt(std::string what) {
  return error{"corrupt snapshot: " + std::move(what)};
}

/// Reads member `key` of `obj` as a string into `out`; false on a type
/// mismatch, or when absent and `required`.
bool get_string(const value& obj, const char* key, std::string& out,
                bool required = true) {
  auto i = obj.FindMember(key);
  if (i == obj.MemberEnd())
    return !required;
  if (!i->value.IsString())
    return false;
  out.assign(i->value.GetString(), i->value.GetStringLength());
  return true;
}

bool get_bool(const value& obj, const char* key, bool& out) {
  auto i = obj.FindMember(key);
  if (i == obj.MemberEnd())
    return true;
  if (!i->value.IsBool())
    return false;
  out = i->value.GetBool();
  return true;
}

bool get_int64(const value& obj, const char* key, int64_t& out) {
  auto i = obj.FindMember(key);
  if (i == obj.MemberEnd() || !i->value.IsInt64())
    return false;
  out = i->value.GetInt64();
  return true;
}

} // namespace

std::string encode(const model::challenger& x) {
  static const auto names = quoted_key_names();
  constexpr std::string_view head = "{\"v\":";
  constexpr std::string_view guid = ",\"guid\":";
  constexpr std::string_view auth_token = ",\"auth_token\":";
  constexpr std::string_view note = ",\"note\":";
  constexpr std::string_view progress = ",\"progress\":[";
  constexpr std::string_view next_id = "],\"next_id\":";
  constexpr std::string_view todos = ",\"todos\":[";
  constexpr std::string_view tail = "]}";
  // Enum names: the same in every edition (the 2026 names of renamed
  // challenges read back as aliases).
  std::size_t size = head.size() + max_number + guid.size()
                     + quoted_size(x.guid) + auth_token.size()
                     + quoted_size(x.auth_token) + note.size()
                     + quoted_size(x.note) + progress.size() + next_id.size()
                     + max_number + todos.size() + tail.size();
  // Only the challenges done: `_Find_next` is libstdc++'s bit scan.
  auto& done = x.done;
  for (auto i = done._Find_first(); i < names.size(); i = done._Find_next(i))
    size += names[i].size() + 1;
  for (const auto& t : x.todos.items())
    size += todo_size(t) + 1;
  std::string out(size, '\0');
  char* at = out.data();
  at = put(at, head);
  at = put_number(at, format_version);
  at = put(at, guid);
  at = put_quoted(at, x.guid);
  at = put(at, auth_token);
  at = put_quoted(at, x.auth_token);
  at = put(at, note);
  at = put_quoted(at, x.note);
  at = put(at, progress);
  bool first = true;
  for (auto i = done._Find_first(); i < names.size(); i = done._Find_next(i)) {
    if (!std::exchange(first, false))
      *at++ = ',';
    at = put(at, names[i]);
  }
  at = put(at, next_id);
  at = put_number(at, x.todos.next_id());
  at = put(at, todos);
  first = true;
  for (const auto& t : x.todos.items()) {
    if (!std::exchange(first, false))
      *at++ = ',';
    at = put_todo(at, t);
  }
  at = put(at, tail);
  out.resize(static_cast<std::size_t>(at - out.data()));
  return out;
}

expected<model::challenger> decode(std::string_view text) {
  rapidjson::Document doc;
  // Iterative parsing: deeply nested garbage cannot overflow the stack.
  doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (doc.HasParseError())
    return corrupt("not valid JSON (offset "
                   + std::to_string(doc.GetErrorOffset()) + ")");
  if (!doc.IsObject())
    return corrupt("not a JSON object");
  int64_t version = 0;
  if (!get_int64(doc, "v", version) || version != format_version)
    return corrupt("unsupported format version");
  model::challenger result;
  if (!get_string(doc, "guid", result.guid))
    return corrupt("bad guid");
  if (!get_string(doc, "auth_token", result.auth_token))
    return corrupt("bad auth_token");
  if (!get_string(doc, "note", result.note))
    return corrupt("bad note");
  auto progress = doc.FindMember("progress");
  if (progress == doc.MemberEnd() || !progress->value.IsArray())
    return corrupt("bad progress");
  for (const auto& key : progress->value.GetArray()) {
    if (!key.IsString())
      return corrupt("bad progress entry");
    std::string_view name{key.GetString(), key.GetStringLength()};
    // A name the catalogue no longer has is dropped, not an error.
    if (auto x = model::challenge_from_key(name))
      result.done.set(model::index_of(*x));
  }
  int64_t next_id = 0;
  // Within what the model can produce: a counter past the largest id would
  // overflow on the next create (found by fuzz/snapshot.cpp).
  if (!get_int64(doc, "next_id", next_id) || next_id < 1
      || next_id > model::todo_store::max_id + 1)
    return corrupt("bad next_id");
  auto todos = doc.FindMember("todos");
  if (todos == doc.MemberEnd() || !todos->value.IsArray())
    return corrupt("bad todos");
  std::vector<model::todo> items;
  items.reserve(todos->value.Size());
  for (const auto& obj : todos->value.GetArray()) {
    if (!obj.IsObject())
      return corrupt("bad todo");
    model::todo t;
    if (!get_int64(obj, "id", t.id) || !get_string(obj, "title", t.title)
        || !get_string(obj, "description", t.description, false)
        || !get_bool(obj, "done", t.done)
        || !get_bool(obj, "done_assigned", t.done_assigned)
        || !get_bool(obj, "description_assigned", t.description_assigned))
      return corrupt("bad todo fields");
    if (t.id < -model::todo_store::max_id || t.id > model::todo_store::max_id)
      return corrupt("bad todo id");
    items.push_back(std::move(t));
  }
  // The store keeps ascending ids; duplicates would break its invariants.
  std::sort(items.begin(), items.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  auto dup = std::adjacent_find(items.begin(), items.end(),
                                [](const auto& a, const auto& b) {
                                  return a.id == b.id;
                                });
  if (dup != items.end())
    return corrupt("duplicate todo id " + std::to_string(dup->id));
  result.todos.assign(std::move(items), next_id);
  return result;
}

} // namespace storage
