#pragma once

#include "model/todo.hpp"

#include <string>
#include <string_view>
#include <vector>

/// JSON in and out, byte-exact with the original (Gson) where clients can
/// see it (BEHAVIOUR §2.3). RapidJSON stays inside the .cpp.
namespace model::json {

/// Quotes `x` as a JSON string the way Gson does: `"` `\` and control
/// characters escaped (`\n`, `\u001f`, ...), U+2028/U+2029 escaped; with
/// `html_safe` also `<` `>` `&` `=` `'` as `\u003c` `\u003e` `\u0026`
/// `\u003d` `\u0027` (default Gson, used for error bodies).
std::string quote(std::string_view x, bool html_safe = false);

/// Appends `quote(x, html_safe)` to `out`.
void append_quoted(std::string& out, std::string_view x,
                   bool html_safe = false);

/// `{"id":1,"title":"..","doneStatus":false,"description":""}`
std::string todo(const model::todo& x);

/// `{"todos":[...]}` of the given todos in the given order.
std::string todos(const std::vector<const model::todo*>& xs);

/// `{"errorMessages":["..",".."]}` with default Gson (HTML-safe) escaping.
std::string errors(const std::vector<std::string>& messages);

/// `{"note":".."}`
std::string note(std::string_view note);

} // namespace model::json
