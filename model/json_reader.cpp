// Reading JSON: request bodies, progress payloads and restore documents.
// The only place RapidJSON parses client input: strict RFC 8259, UTF-8
// validated, iterative (deep nesting cannot overflow the stack), checked
// access only.

#include "model/json_reader.hpp"

#include "model/challenge.hpp"
#include "model/json_codec.hpp"
#include "model/payload.hpp"
#include "model/text.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

namespace model {

namespace {

// Numbers arrive as text and are converted by `number_handler`, not by
// RapidJSON: its own conversion (1.1.0) has undefined behaviour.
constexpr unsigned parse_flags = rapidjson::kParseValidateEncodingFlag
                                 | rapidjson::kParseIterativeFlag
                                 | rapidjson::kParseNumbersAsStringsFlag;

std::string_view view(const rapidjson::Value& x) {
  return {x.GetString(), x.GetStringLength()};
}

/// Builds a Document from SAX events, converting numbers with `strtod`
/// (exact, like Java's `Double.parseDouble`). RapidJSON 1.1.0's own
/// conversion, found by fuzzing: `0e100` reaches `__builtin_clzll(0)` and
/// comes out as garbage (-6.0E-36), and a long mantissa with a large
/// exponent reads past its table of powers of ten. Every number becomes a
/// double, which is all the readers below use.
class number_handler {
public:
  explicit number_handler(rapidjson::Document& doc) : doc_(doc) {
    // nop
  }

  bool RawNumber(const char* str, rapidjson::SizeType length, bool) {
    // RapidJSON has checked the syntax; too big for a double is an error,
    // as RapidJSON's own `1e400` is.
    auto x = std::strtod(std::string{str, length}.c_str(), nullptr);
    return !std::isinf(x) && doc_.Double(x);
  }

  // Not called with kParseNumbersAsStringsFlag.
  bool Int(int) {
    return false;
  }

  bool Uint(unsigned) {
    return false;
  }

  bool Int64(int64_t) {
    return false;
  }

  bool Uint64(uint64_t) {
    return false;
  }

  bool Double(double) {
    return false;
  }

  // The rest as the Document handles them.
  bool Null() {
    return doc_.Null();
  }

  bool Bool(bool x) {
    return doc_.Bool(x);
  }

  bool String(const char* str, rapidjson::SizeType length, bool copy) {
    return doc_.String(str, length, copy);
  }

  bool StartObject() {
    return doc_.StartObject();
  }

  bool Key(const char* str, rapidjson::SizeType length, bool copy) {
    return doc_.Key(str, length, copy);
  }

  bool EndObject(rapidjson::SizeType members) {
    return doc_.EndObject(members);
  }

  bool StartArray() {
    return doc_.StartArray();
  }

  bool EndArray(rapidjson::SizeType elements) {
    return doc_.EndArray(elements);
  }

private:
  rapidjson::Document& doc_;
};

/// Parses `body` into `doc`.
rapidjson::ParseResult parse_json(rapidjson::Document& doc,
                                  std::string_view body) {
  rapidjson::ParseResult result;
  auto generate = [&](rapidjson::Document& target) {
    rapidjson::MemoryStream in{body.data(), body.size()};
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream>
      stream{in};
    number_handler handler{target};
    rapidjson::Reader reader;
    result = reader.Parse<parse_flags>(stream, handler);
    return !result.IsError();
  };
  doc.Populate(generate);
  return result;
}

/// Why `body` is not valid JSON, or an empty string if it is (then `doc`
/// holds it).
std::string parse(rapidjson::Document& doc, std::string_view body) {
  auto describe = [](rapidjson::ParseErrorCode code, std::size_t offset) {
    std::string result = rapidjson::GetParseError_En(code);
    result += " at offset ";
    result += std::to_string(offset);
    return result;
  };
  // Parsing with a length stops at a NUL byte; valid JSON never has one.
  if (auto pos = body.find('\0'); pos != std::string_view::npos)
    return describe(rapidjson::kParseErrorValueInvalid, pos);
  if (auto res = parse_json(doc, body); res.IsError())
    return describe(res.Code(), res.Offset());
  return {};
}

/// Writes `x` as compact JSON without recursion (numbers in Java form).
/// Returns false if a decoded string is not valid UTF-8.
bool append_compact(std::string& out, const rapidjson::Value& x) {
  struct frame {
    const rapidjson::Value* value;
    rapidjson::SizeType index;
  };
  std::vector<frame> stack;
  auto emit = [&](const rapidjson::Value& v) {
    if (v.IsArray()) {
      out += '[';
      stack.push_back(frame{&v, 0});
    } else if (v.IsObject()) {
      out += '{';
      stack.push_back(frame{&v, 0});
    } else if (v.IsString()) {
      if (!text::valid_utf8(view(v)))
        return false;
      json::append_quoted(out, view(v));
    } else if (v.IsNumber()) {
      out += text::java_double(v.GetDouble());
    } else if (v.IsBool()) {
      out += v.GetBool() ? "true" : "false";
    } else {
      out += "null";
    }
    return true;
  };
  if (!emit(x))
    return false;
  while (!stack.empty()) {
    auto& top = stack.back();
    const auto& v = *top.value;
    auto i = top.index++;
    if (v.IsArray()) {
      if (i == v.Size()) {
        out += ']';
        stack.pop_back();
        continue;
      }
      if (i > 0)
        out += ',';
      if (!emit(v[i])) // may invalidate `top`
        return false;
    } else {
      if (i == v.MemberCount()) {
        out += '}';
        stack.pop_back();
        continue;
      }
      if (i > 0)
        out += ',';
      const auto& member = *(v.MemberBegin() + i);
      if (!text::valid_utf8(view(member.name)))
        return false;
      json::append_quoted(out, view(member.name));
      out += ':';
      if (!emit(member.value)) // may invalidate `top`
        return false;
    }
  }
  return true;
}

/// Converts one member value; objects and arrays become `kind::other` with
/// their compact JSON text. Returns false on invalid decoded UTF-8.
bool to_body_value(const rapidjson::Value& x, body_value& result) {
  if (x.IsString()) {
    result.type = body_value::kind::string;
    result.text = std::string{view(x)};
    return text::valid_utf8(result.text);
  }
  if (x.IsBool()) {
    result.type = body_value::kind::boolean;
    result.boolean = x.GetBool();
    result.text = result.boolean ? "true" : "false";
    return true;
  }
  if (x.IsNumber()) {
    result.type = body_value::kind::number;
    result.number = x.GetDouble();
    result.text = text::java_double(result.number);
    return true;
  }
  if (x.IsNull()) {
    result.type = body_value::kind::null;
    return true;
  }
  result.type = body_value::kind::other;
  return append_compact(result.text, x);
}

/// Returns the value of the last string member `name`, if that member is a
/// valid string.
std::optional<std::string> string_member(const rapidjson::Value& obj,
                                         std::string_view name) {
  std::optional<std::string> result;
  for (auto i = obj.MemberBegin(); i != obj.MemberEnd(); ++i) {
    if (view(i->name) != name)
      continue;
    if (i->value.IsString() && text::valid_utf8(view(i->value)))
      result = std::string{view(i->value)};
    else
      result = std::nullopt;
  }
  return result;
}

/// Flattens the members of `root` the way the original did (thingifier
/// `BodyParser.flattenToStringMap`): an object member `k` of a value at
/// path `p` gets path `p.k`, each array element gets `p.`, with no dot
/// added after a path that ends in one; nulls give nothing. Each top-level
/// member is also an entry of its own (see `body_fields`). Works without
/// recursion. One prefix buffer is shared by all levels, so the work is
/// linear; `budget` caps the bytes of all keys together (a body of nested
/// objects could otherwise make every leaf copy a huge prefix), and
/// exceeding it fails like invalid JSON.
bool flatten(const rapidjson::Value& root, body_fields& out,
             std::size_t budget) {
  struct frame {
    const rapidjson::Value* container;
    rapidjson::SizeType index;
    std::size_t prefix_size;
  };
  std::string prefix;
  std::size_t spent = 0;
  std::vector<frame> stack;
  stack.push_back(frame{&root, 0, 0});
  while (!stack.empty()) {
    auto& top = stack.back();
    const auto* container = top.container;
    auto size = container->IsObject() ? container->MemberCount()
                                      : container->Size();
    if (top.index == size) {
      stack.pop_back();
      continue;
    }
    auto i = top.index++;
    prefix.resize(top.prefix_size);
    if (!prefix.empty() && prefix.back() != '.')
      prefix += '.';
    const rapidjson::Value* value = nullptr;
    if (container->IsObject()) {
      const auto& member = *(container->MemberBegin() + i);
      if (!text::valid_utf8(view(member.name)))
        return false;
      prefix += view(member.name);
      value = &member.value;
    } else {
      value = &(*container)[i];
    }
    bool member = stack.size() == 1; // `top` may die below
    // Only the keys written out count: containers only extend the prefix.
    auto emits = member
                 || !(value->IsObject() || value->IsArray() || value->IsNull());
    spent += emits ? prefix.size() : 0;
    if (spent > budget)
      return false;
    if (value->IsObject() || value->IsArray()) {
      if (member) {
        body_value x;
        if (value->IsObject())
          x.type = body_value::kind::object;
        else if (!to_body_value(*value, x))
          return false;
        out.emplace_back(prefix, std::move(x));
      }
      stack.push_back(frame{value, 0, prefix.size()});
    } else if (member || !value->IsNull()) {
      body_value x;
      if (!to_body_value(*value, x))
        return false;
      x.nested = !member;
      out.emplace_back(prefix, std::move(x));
    }
  }
  return true;
}

/// Merges repeated member names the way Gson 2.8.6 read a body into a raw
/// `Map` (thingifier `BodyParser.parseMap`): each object keeps one member
/// per name, at the place of its first occurrence, with the last value
/// (`LinkedTreeMap.put` replaces in place). With `refuse_at_top`, as Gson's
/// `MapTypeAdapterFactory` for the top-level map, a repeat that replaces a
/// value that is not null throws `duplicate key`: returns false then.
/// Nested objects (read by `ObjectTypeAdapter`) and `JsonParser` trees
/// never refuse. Linear: one hash table per object, one final erase.
bool merge_duplicates(rapidjson::Value& root, bool refuse_at_top) {
  std::vector<rapidjson::Value*> stack{&root};
  std::unordered_map<std::string_view, rapidjson::SizeType> seen;
  while (!stack.empty()) {
    auto* v = stack.back();
    stack.pop_back();
    if (v->IsArray()) {
      for (auto& x : v->GetArray())
        if (x.IsObject() || x.IsArray())
          stack.push_back(&x);
      continue;
    }
    if (!v->IsObject())
      continue;
    seen.clear();
    rapidjson::SizeType kept = 0;
    auto begin = v->MemberBegin();
    auto count = v->MemberCount();
    for (rapidjson::SizeType i = 0; i < count; ++i) {
      auto& member = *(begin + i);
      auto found = seen.find(view(member.name));
      if (found == seen.end()) {
        if (kept != i) {
          (begin + kept)->name.Swap(member.name);
          (begin + kept)->value.Swap(member.value);
        }
        // The name now stays at `kept` until the final erase.
        seen.emplace(view((begin + kept)->name), kept);
        ++kept;
        continue;
      }
      auto& first = (begin + found->second)->value;
      if (refuse_at_top && v == &root && !first.IsNull())
        return false;
      first.Swap(member.value);
    }
    if (kept != count)
      v->EraseMember(begin + kept, v->MemberEnd());
    for (auto i = v->MemberBegin(); i != v->MemberEnd(); ++i)
      if (i->value.IsObject() || i->value.IsArray())
        stack.push_back(&i->value);
  }
  return true;
}

} // namespace

namespace json {

std::optional<body_fields> parse_body(std::string_view body) {
  if (text::trim(body).empty())
    return body_fields{};
  // Parsing with a length stops at a NUL byte; valid JSON never has one.
  if (body.find('\0') != std::string_view::npos)
    return std::nullopt;
  rapidjson::Document doc;
  if (parse_json(doc, body).IsError() || !doc.IsObject()
      || !merge_duplicates(doc, true))
    return std::nullopt;
  body_fields result;
  if (!flatten(doc, result, 16 * body.size() + 4096))
    return std::nullopt;
  return result;
}

} // namespace json

namespace payload {

progress_parse parse_progress(std::string_view body) {
  progress_parse result;
  // Gson maps an empty document and `null` alike to a null object.
  if (text::trim(body).empty()) {
    result.error = "Invalid Payload";
    return result;
  }
  rapidjson::Document doc;
  if (auto err = parse(doc, body); !err.empty()) {
    result.error = std::move(err);
    return result;
  }
  if (!doc.IsObject()) {
    result.error = "Invalid Payload";
    return result;
  }
  progress_data data;
  data.x_auth_token = string_member(doc, "xAuthToken");
  data.x_challenger = string_member(doc, "xChallenger");
  data.secret_note = string_member(doc, "secretNote");
  for (auto i = doc.MemberBegin(); i != doc.MemberEnd(); ++i) {
    if (view(i->name) != "challengeStatus" || !i->value.IsObject())
      continue;
    // Gson read the member into a `Map<CHALLENGE, Boolean>` (thingifier
    // ChallengerAuthData): a repeated member replaces the whole map, a name
    // that is no CHALLENGE constant becomes the key `null`, and a key
    // repeated over a value that is not null fails with `duplicate key:
    // <key>` (MapTypeAdapterFactory), which the route answers as its 400.
    data.status.clear();
    std::unordered_map<std::string, bool> holds_value;
    for (auto j = i->value.MemberBegin(); j != i->value.MemberEnd(); ++j) {
      auto name = view(j->name);
      std::string key = challenge_from_key(name) ? std::string{name} : "null";
      auto [at, added] = holds_value.emplace(key, !j->value.IsNull());
      if (!added) {
        if (at->second) {
          result.error = "duplicate key: " + key;
          return result;
        }
        at->second = !j->value.IsNull();
      }
      if (!text::valid_utf8(name))
        continue;
      if (j->value.IsBool())
        data.status.emplace_back(std::string{name}, j->value.GetBool());
      else if (j->value.IsString()) // Gson: Boolean.parseBoolean
        data.status.emplace_back(std::string{name},
                                 text::lower(view(j->value)) == "true");
    }
  }
  result.data = std::move(data);
  return result;
}

std::optional<restore_document> parse_database(std::string_view body) {
  restore_document result;
  // Gson parses an empty document as JSON null: not an object.
  if (text::trim(body).empty()) {
    result.is_object = false;
    return result;
  }
  rapidjson::Document doc;
  if (!parse(doc, body).empty())
    return std::nullopt;
  if (!doc.IsObject()) {
    result.is_object = false;
    return result;
  }
  // thingifier JsonPopulator: Gson's `JsonParser` keeps one member per
  // name, the last value at the first place.
  merge_duplicates(doc, false);
  for (auto i = doc.MemberBegin(); i != doc.MemberEnd(); ++i) {
    restore_entity entity;
    entity.key = std::string{view(i->name)};
    if (!text::valid_utf8(entity.key))
      return std::nullopt;
    entity.is_array = i->value.IsArray();
    if (entity.is_array) {
      for (auto& element : i->value.GetArray()) {
        restore_instance instance;
        instance.is_object = element.IsObject();
        if (instance.is_object) {
          for (auto j = element.MemberBegin(); j != element.MemberEnd(); ++j) {
            body_value value;
            if (!text::valid_utf8(view(j->name))
                || !to_body_value(j->value, value))
              return std::nullopt;
            instance.fields.emplace_back(std::string{view(j->name)},
                                         std::move(value));
          }
        }
        entity.instances.push_back(std::move(instance));
      }
    }
    result.entities.push_back(std::move(entity));
  }
  return result;
}

} // namespace payload

} // namespace model
