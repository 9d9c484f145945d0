#pragma once

#include "model/body.hpp"
#include "model/todo.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// JSON in and out, byte-exact with the original (Gson) where clients can
/// see it (spec §2.3, §11.5). RapidJSON stays inside the .cpp.
namespace model::json {

/// Parses a request body as the original did (Gson into an insertion-ordered
/// map). An empty or all-white-space body is valid and has no fields. Any
/// other body must be one JSON object; nested objects are flattened into
/// dotted keys. Returns `std::nullopt` when the body is not valid JSON or
/// not an object (the caller answers `Invalid Json Payload: ...`).
std::optional<body_fields> parse_body(std::string_view body);

/// Quotes `x` as a JSON string the way Gson does: `"` `\` and control
/// characters escaped (`\n`, `\u001f`, ...), U+2028/U+2029 escaped; with
/// `html_safe` also `<` `>` `&` `=` `'` as `\u003c` `\u003e` `\u0026`
/// `\u003d` `\u0027` (default Gson, used for error bodies).
std::string quote(std::string_view x, bool html_safe = false);

/// `{"id":1,"title":"..","doneStatus":false,"description":""}`
std::string todo(const model::todo& x);

/// `{"todos":[...]}` of the given todos in the given order.
std::string todos(const std::vector<const model::todo*>& xs);

/// `{"errorMessages":["..",".."]}` with default Gson (HTML-safe) escaping.
std::string errors(const std::vector<std::string>& messages);

/// `{"note":".."}`
std::string note(std::string_view note);

} // namespace model::json
