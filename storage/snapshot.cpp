#include "storage/snapshot.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace storage {

namespace {

/// Bump when the layout changes incompatibly; `decode` rejects others.
constexpr int format_version = 1;

/// Appends `x` as a JSON string, escaped as rapidjson's `Writer` escapes
/// (the writer this format was first written with): `"`, `\\` and control
/// characters only, `\u00XX` in upper case where no short form exists;
/// other bytes pass through. Runs of plain bytes are copied at once.
void append_string(std::string& out, std::string_view x) {
  static constexpr char hex[] = "0123456789ABCDEF";
  out += '"';
  // Most strings need no escape: one pass without branches (vectorised)
  // tells, and the string is copied whole.
  unsigned escapes = 0;
  for (char ch : x) {
    auto c = static_cast<unsigned char>(ch);
    escapes |= static_cast<unsigned>(c < 0x20) | static_cast<unsigned>(c == '"')
               | static_cast<unsigned>(c == '\\');
  }
  if (escapes == 0) {
    out.append(x);
    out += '"';
    return;
  }
  std::size_t plain = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    auto c = static_cast<unsigned char>(x[i]);
    if (c >= 0x20 && c != '"' && c != '\\')
      continue;
    out.append(x.data() + plain, i - plain);
    plain = i + 1;
    char esc[6] = {'\\', 0, '0', '0', 0, 0};
    switch (c) {
      case '"': esc[1] = '"'; break;
      case '\\': esc[1] = '\\'; break;
      case '\b': esc[1] = 'b'; break;
      case '\t': esc[1] = 't'; break;
      case '\n': esc[1] = 'n'; break;
      case '\f': esc[1] = 'f'; break;
      case '\r': esc[1] = 'r'; break;
      default:
        esc[1] = 'u';
        esc[4] = hex[c >> 4];
        esc[5] = hex[c & 0xF];
        out.append(esc, 6);
        continue;
    }
    out.append(esc, 2);
  }
  out.append(x.data() + plain, x.size() - plain);
  out += '"';
}

/// Appends `"key":` then `value` as a JSON string.
void put(std::string& out, std::string_view key, std::string_view value) {
  out += key;
  append_string(out, value);
}

void put_todo(std::string& out, const model::todo& x) {
  out += "{\"id\":";
  out += std::to_string(x.id);
  put(out, ",\"title\":", x.title);
  // Defaults are left out: a seeded list stays around 0.5 KB.
  if (!x.description.empty())
    put(out, ",\"description\":", x.description);
  if (x.done)
    out += ",\"done\":true";
  if (x.done_assigned)
    out += ",\"done_assigned\":true";
  if (x.description_assigned)
    out += ",\"description_assigned\":true";
  out += '}';
}

/// Every challenge's key name as a JSON string, by index: progress is most
/// of a snapshot, and these never change.
std::vector<std::string> quoted_key_names() {
  std::vector<std::string> result(model::all_challenge_count);
  for (std::size_t i = 0; i < result.size(); ++i)
    append_string(result[i], model::key_name(static_cast<model::challenge>(i)));
  return result;
}

/// About the size of `encode`'s output, so that it allocates once.
std::size_t encoded_size(const model::challenger& x) {
  std::size_t n = 128 + x.guid.size() + x.auth_token.size() + x.note.size();
  n += x.done.count() * 40;
  for (const auto& t : x.todos.items())
    n += 96 + t.title.size() + t.description.size();
  return n;
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
  // Written by hand, not with rapidjson's Writer: a snapshot is encoded on
  // every write a learner makes, and this takes half the writer's
  // instructions (callgrind, 100 walks). The bytes are the same
  // (tests/storage/snapshot_test.cpp).
  std::string out;
  out.reserve(encoded_size(x));
  out += "{\"v\":";
  out += std::to_string(format_version);
  put(out, ",\"guid\":", x.guid);
  put(out, ",\"auth_token\":", x.auth_token);
  put(out, ",\"note\":", x.note);
  out += ",\"progress\":[";
  // Enum names: the same in every edition (the 2026 names of renamed
  // challenges read back as aliases).
  static const auto names = quoted_key_names();
  bool first = true;
  for (std::size_t i = 0; i < model::all_challenge_count; ++i) {
    if (x.done.test(i)) {
      if (!std::exchange(first, false))
        out += ',';
      out += names[i];
    }
  }
  out += "],\"next_id\":";
  out += std::to_string(x.todos.next_id());
  out += ",\"todos\":[";
  first = true;
  for (const auto& t : x.todos.items()) {
    if (!std::exchange(first, false))
      out += ',';
    put_todo(out, t);
  }
  out += "]}";
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
