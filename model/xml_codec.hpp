#pragma once

#include "model/body.hpp"
#include "model/todo.hpp"

#include <string>
#include <string_view>
#include <vector>

/// XML in and out (BEHAVIOUR §2.3, §2.4). pugixml stays inside the .cpp.
namespace model::xml {

/// The outcome of parsing an XML request body.
struct parse_result {
  bool ok = false;
  /// The fields in document order. When the root element is named `entity`
  /// its children are the fields; otherwise each child's key is
  /// `<root>.<child>` (e.g. `todos.title`).
  body_fields fields;
  /// The parser's description of what is wrong, when `!ok`.
  std::string error;
};

/// Parses an XML request body like org.json's `XML.toJSONObject`: element
/// text `true`/`false` (any case) becomes a boolean, numeric text a number,
/// `null` a null, anything else (including empty) a string. DOCTYPEs and
/// entity declarations are rejected, never expanded or resolved.
parse_result parse_body(std::string_view body, std::string_view entity);

/// Escapes text content: `&amp; &lt; &gt; &quot; &apos;`.
std::string escape(std::string_view x);

/// `<todo><doneStatus>false</doneStatus><description/><id>1</id><title>..
/// </title></todo>`: HashMap element order, empty strings self-closed.
std::string todo(const model::todo& x);

/// `<todos><todo>..</todo>..</todos>`; empty: `<todos></todos>`.
std::string todos(const std::vector<const model::todo*>& xs);

/// `<errorMessages><errorMessage>..</errorMessage>..</errorMessages>`
std::string errors(const std::vector<std::string>& messages);

/// `<secretnote><note>..</note></secretnote>`; empty note: `<note/>`.
std::string note(std::string_view note);

} // namespace model::xml
