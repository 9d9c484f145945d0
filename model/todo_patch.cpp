#include "model/todo_patch.hpp"

#include "model/text.hpp"

#include <vector>

namespace model::todo_patch {

namespace {

/// The media type of a Content-Type: before `;`, trimmed, lower-cased.
std::string media_type_of(std::string_view header) {
  auto semi = header.find(';');
  return text::lower(text::trim(header.substr(0, semi)));
}

/// A parsed JSON Pointer; nothing when malformed.
std::optional<std::vector<std::string>> parse_pointer(std::string_view p) {
  std::vector<std::string> tokens;
  if (p.empty())
    return tokens;
  if (p.front() != '/')
    return std::nullopt;
  p.remove_prefix(1);
  for (;;) {
    auto slash = p.find('/');
    auto raw = p.substr(0, slash);
    std::string token;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '~') {
        token += raw[i];
        continue;
      }
      if (i + 1 < raw.size() && raw[i + 1] == '0')
        token += '~';
      else if (i + 1 < raw.size() && raw[i + 1] == '1')
        token += '/';
      else
        return std::nullopt;
      ++i;
    }
    tokens.push_back(std::move(token));
    if (slash == std::string_view::npos)
      return tokens;
    p.remove_prefix(slash + 1);
  }
}

/// An array index token: decimal digits, no leading zero.
std::optional<std::size_t> index_of(const std::string& token) {
  if (token.empty() || token.size() > 9
      || (token.size() > 1 && token.front() == '0'))
    return std::nullopt;
  std::size_t n = 0;
  for (auto c : token) {
    if (c < '0' || c > '9')
      return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

/// The value at tokens [0, n) of `doc`, or `nullptr`.
json_value* walk(json_value& doc, const std::vector<std::string>& tokens,
                 std::size_t n) {
  json_value* at = &doc;
  for (std::size_t i = 0; i < n; ++i) {
    if (at->is_object()) {
      at = at->find(tokens[i]);
    } else if (at->is_array()) {
      auto index = index_of(tokens[i]);
      if (!index || *index >= at->items().size())
        return nullptr;
      at = &at->items()[*index];
    } else {
      return nullptr;
    }
    if (!at)
      return nullptr;
  }
  return at;
}

bool add(json_value& doc, const std::vector<std::string>& path,
         json_value value) {
  if (path.empty()) {
    doc = std::move(value);
    return true;
  }
  auto* parent = walk(doc, path, path.size() - 1);
  if (!parent)
    return false;
  const auto& last = path.back();
  if (parent->is_object()) {
    parent->set(last, std::move(value));
    return true;
  }
  if (!parent->is_array())
    return false;
  auto& items = parent->items();
  if (last == "-") {
    items.push_back(std::move(value));
    return true;
  }
  auto index = index_of(last);
  if (!index || *index > items.size())
    return false;
  items.insert(items.begin() + static_cast<long>(*index), std::move(value));
  return true;
}

bool remove(json_value& doc, const std::vector<std::string>& path) {
  if (path.empty())
    return false; // the document root cannot be removed
  auto* parent = walk(doc, path, path.size() - 1);
  if (!parent)
    return false;
  if (parent->is_object()) {
    parent->erase(path.back()); // a missing member is no error
    return true;
  }
  if (!parent->is_array())
    return false;
  auto index = index_of(path.back());
  auto& items = parent->items();
  if (!index || *index >= items.size())
    return false;
  items.erase(items.begin() + static_cast<long>(*index));
  return true;
}

bool replace(json_value& doc, const std::vector<std::string>& path,
             json_value value) {
  if (path.empty()) {
    doc = std::move(value);
    return true;
  }
  auto* target = walk(doc, path, path.size());
  if (!target)
    return false;
  *target = std::move(value);
  return true;
}

const json_value* member(const json_value& op, std::string_view name) {
  return op.find(name);
}

std::optional<std::vector<std::string>> pointer_member(const json_value& op,
                                                       std::string_view name) {
  auto* p = member(op, name);
  if (!p || !p->is_string())
    return std::nullopt;
  return parse_pointer(p->text());
}

bool apply_one(json_value& doc, const json_value& op) {
  if (!op.is_object())
    return false;
  auto* name = member(op, "op");
  if (!name || !name->is_string())
    return false;
  auto path = pointer_member(op, "path");
  if (!path)
    return false;
  const auto& what = name->text();
  if (what == "add" || what == "replace" || what == "test") {
    auto* value = member(op, "value");
    if (!value)
      return false;
    if (what == "add")
      return add(doc, *path, *value);
    if (what == "replace")
      return replace(doc, *path, *value);
    auto* actual = walk(doc, *path, path->size());
    return actual && *actual == *value;
  }
  if (what == "remove")
    return remove(doc, *path);
  if (what == "move" || what == "copy") {
    auto from = pointer_member(op, "from");
    if (!from)
      return false;
    auto* source = walk(doc, *from, from->size());
    if (!source)
      return false;
    json_value value = *source;
    if (what == "move" && !remove(doc, *from))
      return false;
    return add(doc, *path, std::move(value));
  }
  return false;
}

outcome refuse(int status, std::string message) {
  outcome result;
  result.error = failure{status, std::move(message)};
  return result;
}

} // namespace

std::optional<style> style_of(const std::string* content_type) {
  if (!content_type)
    return std::nullopt;
  auto media = media_type_of(*content_type);
  if (media == "application/json")
    return style::partial_json;
  if (media == "application/merge-patch+json")
    return style::merge_patch;
  if (media == "application/json-patch+json")
    return style::json_patch;
  return std::nullopt;
}

failure unsupported_content_type() {
  return failure{415, "Unsupported PATCH Content Type"};
}

std::string not_found_message(std::string_view id) {
  return "No such todo entity instance with id == " + std::string{id}
         + " found";
}

json_value document_of(const todo& x) {
  auto doc = json_value::object();
  doc.set("id", json_value::number(std::to_string(x.id)));
  doc.set("title", json_value::string(x.title));
  doc.set("doneStatus", json_value::boolean(x.done));
  doc.set("description", json_value::string(x.description));
  return doc;
}

json_value merge_patch(const json_value& target, const json_value& patch) {
  if (!patch.is_object())
    return patch;
  json_value result = target.is_object() ? target : json_value::object();
  for (const auto& [key, value] : patch.members()) {
    if (value.is_null()) {
      result.erase(key);
      continue;
    }
    const auto* existing = result.find(key);
    auto merged = merge_patch(existing ? *existing : json_value{}, value);
    result.set(key, std::move(merged));
  }
  return result;
}

std::optional<json_value> json_patch(json_value doc,
                                     const json_value& operations) {
  if (!operations.is_array())
    return std::nullopt;
  for (const auto& op : operations.items())
    if (!apply_one(doc, op))
      return std::nullopt;
  return doc;
}

outcome apply(style how, const todo& current, std::string_view body) {
  if (how == style::partial_json) {
    auto trimmed = text::trim(body);
    if (trimmed.empty()) {
      outcome result;
      result.document = "{}";
      return result;
    }
    auto parsed = read_json(trimmed);
    if (!parsed.doc)
      return refuse(400, "Malformed JSON document");
    if (!parsed.doc->is_object())
      return refuse(400,
                    "PATCH partial JSON update document must be an object");
    outcome result;
    result.document = write_json(*parsed.doc);
    return result;
  }
  auto parsed = read_json(body);
  bool merge = how == style::merge_patch;
  if (!parsed.doc && !parsed.missing)
    return refuse(400, merge ? "Malformed JSON Merge Patch document"
                             : "Malformed JSON Patch document");
  auto document = parsed.doc ? std::move(*parsed.doc) : json_value{};
  json_value patched;
  if (merge) {
    if (!parsed.doc || !document.is_object())
      return refuse(422,
                    "JSON Merge Patch for entity resources must be an object");
    patched = merge_patch(document_of(current), document);
  } else {
    if (!parsed.doc || !document.is_array())
      return refuse(400, "JSON Patch document must be an array of operations");
    auto result = json_patch(document_of(current), document);
    if (!result)
      return refuse(409, "JSON Patch could not be applied");
    patched = std::move(*result);
  }
  if (!patched.is_object())
    return refuse(422, "PATCH result for entity resources must be an object");
  outcome result;
  result.document = write_json(patched);
  result.replace = true;
  return result;
}

} // namespace model::todo_patch
