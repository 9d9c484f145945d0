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
// it in two passes: its size as if nothing needed an escape first, then
// every byte through one pointer into a string of that size, which grows
// only for a string that needs escapes (an append call per field was most
// of its cost). Strings are escaped as rapidjson's `Writer` escapes (the
// writer this format was first written with): `"`, `\\` and control
// characters only, `\u00XX` in upper case where no short form exists;
// other bytes pass through. The bytes are the Writer's
// (tests/storage/snapshot_test.cpp).

/// Digits and sign of any `int64_t`.
constexpr std::size_t max_number = 20;

/// The size of `x` as a JSON string if nothing in it needs an escape.
std::size_t quoted_size(std::string_view x) {
  return x.size() + 2;
}

class writer {
public:
  /// `size`: at least the bytes written, escapes aside.
  explicit writer(std::size_t size) : out_(size, '\0'), at_(out_.data()) {
    // nop
  }

  void put(std::string_view x) {
    std::memcpy(at_, x.data(), x.size());
    at_ += x.size();
  }

  void put(char c) {
    *at_++ = c;
  }

  void number(int64_t x) {
    at_ = std::to_chars(at_, at_ + max_number, x).ptr;
  }

  /// `x` as a JSON string: `quoted_size(x)` bytes unless escaped.
  void quoted(std::string_view x) {
    put('"');
    // Most strings need no escape: copied whole.
    if (model::text::has_json_escape(x))
      escaped(x);
    else
      put(x);
    put('"');
  }

  std::string done() && {
    out_.resize(static_cast<std::size_t>(at_ - out_.data()));
    return std::move(out_);
  }

private:
  void escaped(std::string_view x) {
    static constexpr char hex[] = "0123456789ABCDEF";
    // Six bytes for one at most (`\u00XX`), on top of the one counted.
    auto used = static_cast<std::size_t>(at_ - out_.data());
    out_.resize(out_.size() + 5 * x.size());
    at_ = out_.data() + used;
    for (char ch : x) {
      auto c = static_cast<unsigned char>(ch);
      if (c >= 0x20 && c != '"' && c != '\\') {
        put(ch);
        continue;
      }
      put('\\');
      switch (c) {
        case '"': put('"'); break;
        case '\\': put('\\'); break;
        case '\b': put('b'); break;
        case '\t': put('t'); break;
        case '\n': put('n'); break;
        case '\f': put('f'); break;
        case '\r': put('r'); break;
        default:
          put("u00");
          put(hex[c >> 4]);
          put(hex[c & 0xF]);
      }
    }
  }

  std::string out_;
  char* at_;
};

/// Every challenge's key name as a JSON string, by index: progress is most
/// of a snapshot, and these never change.
std::vector<std::string> quoted_key_names() {
  std::vector<std::string> result(model::all_challenge_count);
  for (std::size_t i = 0; i < result.size(); ++i) {
    auto name = model::key_name(static_cast<model::challenge>(i));
    writer w{quoted_size(name)};
    w.quoted(name);
    result[i] = std::move(w).done();
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

/// At least the bytes `put_todo` writes, escapes aside.
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

void put_todo(writer& w, const model::todo& x) {
  w.put(todo_id);
  w.number(x.id);
  w.put(todo_title);
  w.quoted(x.title);
  if (!x.description.empty()) {
    w.put(todo_description);
    w.quoted(x.description);
  }
  if (x.done)
    w.put(todo_done);
  if (x.done_assigned)
    w.put(todo_done_assigned);
  if (x.description_assigned)
    w.put(todo_description_assigned);
  w.put('}');
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
  writer w{size};
  w.put(head);
  w.number(format_version);
  w.put(guid);
  w.quoted(x.guid);
  w.put(auth_token);
  w.quoted(x.auth_token);
  w.put(note);
  w.quoted(x.note);
  w.put(progress);
  bool first = true;
  for (auto i = done._Find_first(); i < names.size(); i = done._Find_next(i)) {
    if (!std::exchange(first, false))
      w.put(',');
    w.put(names[i]);
  }
  w.put(next_id);
  w.number(x.todos.next_id());
  w.put(todos);
  first = true;
  for (const auto& t : x.todos.items()) {
    if (!std::exchange(first, false))
      w.put(',');
    put_todo(w, t);
  }
  w.put(tail);
  return std::move(w).done();
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
