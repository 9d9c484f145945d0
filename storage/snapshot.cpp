#include "storage/snapshot.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace storage {

namespace {

/// Bump when the layout changes incompatibly; `decode` rejects others.
constexpr int format_version = 1;

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(writer& w, std::string_view key, std::string_view value) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void put_todo(writer& w, const model::todo& x) {
  w.StartObject();
  w.Key("id");
  w.Int64(x.id);
  put(w, "title", x.title);
  // Defaults are left out: a seeded list stays around 0.5 KB.
  if (!x.description.empty())
    put(w, "description", x.description);
  if (x.done) {
    w.Key("done");
    w.Bool(true);
  }
  if (x.done_assigned) {
    w.Key("done_assigned");
    w.Bool(true);
  }
  if (x.description_assigned) {
    w.Key("description_assigned");
    w.Bool(true);
  }
  w.EndObject();
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
  rapidjson::StringBuffer buf;
  writer w{buf};
  w.StartObject();
  w.Key("v");
  w.Int(format_version);
  put(w, "guid", x.guid);
  put(w, "auth_token", x.auth_token);
  put(w, "note", x.note);
  w.Key("progress");
  w.StartArray();
  // Enum names: the same in every edition (the 2026 names of renamed
  // challenges read back as aliases).
  for (std::size_t i = 0; i < model::all_challenge_count; ++i) {
    if (x.done.test(i)) {
      auto name = model::key_name(static_cast<model::challenge>(i));
      w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    }
  }
  w.EndArray();
  w.Key("next_id");
  w.Int64(x.todos.next_id());
  w.Key("todos");
  w.StartArray();
  for (const auto& t : x.todos.items())
    put_todo(w, t);
  w.EndArray();
  w.EndObject();
  return std::string{buf.GetString(), buf.GetSize()};
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
