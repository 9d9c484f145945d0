#include "model/todo_rules.hpp"

#include "model/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace model::todo_rules {

namespace {

enum class field : uint8_t { title, description, done, id, unknown };

field field_of(std::string_view key) {
  // The original lower-cases body keys before matching field names.
  if (text::iequals(key, "title"))
    return field::title;
  if (text::iequals(key, "description"))
    return field::description;
  if (text::iequals(key, "doneStatus"))
    return field::done;
  if (text::iequals(key, "id"))
    return field::id;
  return field::unknown;
}

// Gson keeps one entry per top-level key: the first position, the last
// value (with the nested entries that value flattened to).
body_fields normalize(const body_fields& body, key_order order) {
  std::vector<body_fields> groups;
  std::size_t current = 0; // the group nested entries belong to
  for (auto& field : body) {
    if (field.second.nested && !groups.empty()) {
      groups[current].push_back(field);
      continue;
    }
    // No structured binding here: C++17 lambdas cannot capture one (clang).
    auto i = std::find_if(groups.begin(), groups.end(), [&](auto& g) {
      return g.front().first == field.first;
    });
    if (i == groups.end())
      i = groups.insert(groups.end(), body_fields{});
    i->assign(1, field);
    current = static_cast<std::size_t>(i - groups.begin());
  }
  if (order == key_order::xml_hash) {
    auto rank = [](const std::string& key) {
      switch (field_of(key)) {
        case field::done: return 0;
        case field::description: return 1;
        case field::id: return 2;
        case field::title: return 3;
        default: return 4;
      }
    };
    std::stable_sort(groups.begin(), groups.end(), [&](auto& a, auto& b) {
      return rank(a.front().first) < rank(b.front().first);
    });
  }
  body_fields result;
  result.reserve(body.size());
  for (auto& g : groups)
    result.insert(result.end(), g.begin(), g.end());
  return result;
}

std::string max_length_message(std::string_view name, std::size_t max) {
  return "Failed Validation: Maximum allowable length exceeded for "
         + std::string{name} + " - maximum allowed is " + std::to_string(max);
}

std::optional<std::string> check_title(const std::string& x) {
  if (text::utf16_length(x) > todo_limits::max_title)
    return max_length_message("title", todo_limits::max_title);
  if (text::trim(x).empty())
    return std::string{"Failed Validation: title : can not be empty"};
  return std::nullopt;
}

std::optional<std::string> check_description(const std::string& x) {
  if (text::utf16_length(x) > todo_limits::max_description)
    return max_length_message("description", todo_limits::max_description);
  return std::nullopt;
}

// doneStatus on amend, replace and restore: a boolean, or the strings
// "true"/"false" in any case (the 2025 engine applied values as strings).
std::optional<bool> as_boolean(const body_value& v) {
  if (v.type == body_value::kind::boolean)
    return v.boolean;
  if (v.type == body_value::kind::string) {
    if (text::iequals(v.text, "true"))
      return true;
    if (text::iequals(v.text, "false"))
      return false;
  }
  return std::nullopt;
}

std::string not_boolean_message(const body_value& v) {
  return "Failed Validation: doneStatus : " + v.text
         + " does not match type BOOLEAN (true, false)";
}

const char* source_type(const body_value& v) {
  switch (v.type) {
    case body_value::kind::string: return "STRING";
    case body_value::kind::number: return "NUMERIC";
    case body_value::kind::boolean: return "BOOLEAN";
    default: return "Something Else";
  }
}

// Java's `(int) Float.parseFloat(text)`: float precision, saturating.
std::optional<int64_t> java_int_of_float(const body_value& v) {
  double d = 0;
  if (v.type == body_value::kind::number) {
    d = v.number;
  } else if (v.type == body_value::kind::string) {
    auto t = std::string{text::trim(v.text)};
    if (t.empty())
      return std::nullopt;
    char* end = nullptr;
    d = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size())
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  auto f = static_cast<float>(d);
  if (std::isnan(f))
    return 0;
  if (f >= 2147483647.0f)
    return std::numeric_limits<int32_t>::max();
  if (f <= -2147483648.0f)
    return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(f);
}

// Applies one known, non-null field value to `x`.
std::optional<std::string> apply(todo& x, field f, const body_value& v,
                                 bool& has_title) {
  switch (f) {
    case field::title:
      if (auto err = check_title(v.text))
        return err;
      x.title = v.text;
      has_title = true;
      return std::nullopt;
    case field::description:
      if (auto err = check_description(v.text))
        return err;
      x.description = v.text;
      x.description_assigned = true;
      return std::nullopt;
    case field::done: {
      auto b = as_boolean(v);
      if (!b)
        return not_boolean_message(v);
      x.done = *b;
      x.done_assigned = true;
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

// Assigns one flattened entry through its dotted path, as the original's
// `InstanceFields.setFieldNameAsPath` did (ercoremodel InstanceFields.java
// lines 162-210 at thingifier 6e296c47): the first part names the field
// (`Could not find field: tags` for `tags.badge`), and a todo has no object
// fields to go further into. BEHAVIOUR §2.6.
std::optional<std::string> assign(todo& x, const std::string& key,
                                  const body_value& v, bool& has_title) {
  if (auto err = path_error(key, [](std::string_view head) {
        return field_of(head) != field::unknown;
      }))
    return err;
  return apply(x, field_of(path_head(key)), v, has_title);
}

std::string limit_message(std::size_t limit) {
  return "ERROR: Cannot add instance, maximum limit of " + std::to_string(limit)
         + " reached";
}

std::string duplicate_message(int64_t id) {
  return "ERROR: Cannot add instance, another instance with primary key "
         "value exists: "
         + std::to_string(id);
}

// The shared part of amend and replace: id check first, then every key in
// order; `y` is the todo to fill.
std::optional<std::string> update(const todo& x, todo& y,
                                  const body_fields& fields, bool& has_title) {
  for (auto& [key, value] : fields) {
    if (!assigned(value) || field_of(key) != field::id)
      continue;
    auto n = java_int_of_float(value);
    if (!n || *n != x.id)
      return "Can not amend id from " + std::to_string(x.id) + " to "
             + (n ? std::to_string(*n) : value.text);
  }
  for (auto& [key, value] : fields) {
    if (!assigned(value))
      continue;
    if (auto err = assign(y, key, value, has_title))
      return err;
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> create(todo_store& db, const body_fields& body,
                                  key_order order, std::size_t limit,
                                  int64_t& created) {
  auto fields = normalize(body, order);
  // Checked on the top-level members, whatever their value (even null).
  for (auto& kv : fields)
    if (!kv.second.nested && field_of(kv.first) == field::id)
      return std::string{
        "Invalid Creation: Failed Validation: Not allowed to create with id"};
  // The 2025 engine allocated the id here, so every later failure burns it.
  todo x;
  x.id = db.take_id();
  std::string type_errors;
  for (auto& [key, value] : fields) {
    if (value.nested || field_of(key) != field::done
        || value.type == body_value::kind::boolean)
      continue;
    if (!type_errors.empty())
      type_errors += ", ";
    type_errors += "doneStatus should be BOOLEAN but was ";
    type_errors += source_type(value);
  }
  if (!type_errors.empty())
    return "Failed Validation: " + type_errors;
  bool has_title = false;
  for (auto& [key, value] : fields) {
    if (!assigned(value))
      continue;
    if (auto err = assign(x, key, value, has_title))
      return err;
  }
  if (!has_title)
    return std::string{"title : field is mandatory"};
  if (limit != 0 && db.size() >= limit)
    return limit_message(limit);
  if (db.find(x.id) != nullptr)
    return duplicate_message(x.id);
  created = x.id;
  db.insert(std::move(x));
  return std::nullopt;
}

std::optional<std::string> amend(todo& x, const body_fields& body,
                                 key_order order) {
  auto fields = normalize(body, order);
  todo y = x;
  bool has_title = true;
  if (auto err = update(x, y, fields, has_title))
    return err;
  x = std::move(y);
  return std::nullopt;
}

std::optional<std::string> replace(todo& x, const body_fields& body,
                                   key_order order) {
  auto fields = normalize(body, order);
  todo y;
  y.id = x.id;
  bool has_title = false;
  if (auto err = update(x, y, fields, has_title))
    return err;
  if (!has_title)
    return std::string{"title : field is mandatory"};
  x = std::move(y);
  return std::nullopt;
}

std::optional<std::string> restore(todo_store& db,
                                   const payload::restore_document& doc,
                                   std::size_t limit) {
  if (!doc.is_object)
    return std::string{"ERROR: Data is not an object of instantiated entities"};
  for (auto& entity : doc.entities) {
    // Checked per key, before the clear: bad documents leave todos alone.
    if (entity.key != "todos")
      return "ERROR: Unknown entity found: " + entity.key;
    if (!entity.is_array)
      return std::string{"ERROR: Expected array of instances as todos value"};
    db.clear();
    for (auto& instance : entity.instances) {
      if (!instance.is_object)
        return std::string{"ERROR: Expected array of todos to contain objects"};
      todo x;
      std::optional<int64_t> id;
      bool has_title = false;
      for (auto& [key, value] : instance.fields) {
        auto f = field_of(key);
        if (f == field::unknown)
          return "ERROR: Unknown property " + key + " for todo";
        if (value.type == body_value::kind::null)
          continue;
        if (f == field::id) {
          if (value.type != body_value::kind::number
              || value.number != std::floor(value.number)
              || std::fabs(value.number)
                   > static_cast<double>(todo_store::max_id))
            return "ERROR: Invalid id " + value.text + " for todo";
          id = static_cast<int64_t>(value.number);
          continue;
        }
        if (auto err = apply(x, f, value, has_title))
          return err;
      }
      if (!has_title)
        return std::string{"ERROR: Invalid todo entity instance because "
                           "Failed Validation: title : field is mandatory"};
      if (limit != 0 && db.size() >= limit)
        return limit_message(limit);
      if (!id) {
        // As a POST: the id is taken (burned) first, and may be one that a
        // restored todo already has (the quirk below), BEHAVIOUR §2.2.
        x.id = db.take_id();
        if (db.find(x.id) != nullptr)
          return duplicate_message(x.id);
      } else if (db.find(*id) != nullptr) {
        return duplicate_message(*id);
      } else {
        // Quirk kept from the original: an id equal to the next value
        // leaves the counter there (BEHAVIOUR §2.2).
        db.note_restored_id(*id);
        x.id = *id;
      }
      db.insert(std::move(x));
    }
  }
  return std::nullopt;
}

} // namespace model::todo_rules
