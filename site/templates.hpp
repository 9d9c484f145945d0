#pragma once

#include <map>
#include <string>
#include <string_view>

/// A tiny template engine for the embedded page templates
/// (`gui/templates/*.html`).
///
/// - `{{name}}` inserts the value of `name`, HTML-escaped. This is the
///   default, so every piece of user data is escaped unless a template
///   explicitly says otherwise.
/// - `{{{name}}}` inserts the value raw. Only for HTML that we rendered
///   ourselves (other templates) or JSON made safe with `script_json`.
///
/// A name that the values do not define is a programming error: `render`
/// throws `std::logic_error` (the router turns it into a 500, and the page
/// tests render every page).
namespace site::templates {

/// The values of one rendering.
class values {
public:
  /// Sets `name` to plain text (escaped when inserted with `{{...}}`).
  values& set(std::string name, std::string text);

  /// Sets `name` to an integer, rendered in decimal.
  values& set(std::string name, long long number);

  /// Looks `name` up; `nullptr` when unset.
  const std::string* find(std::string_view name) const;

private:
  std::map<std::string, std::string, std::less<>> xs_;
};

/// Renders the embedded template `templates/<name>.html`. Throws
/// `std::logic_error` when the template or a value is missing, or a tag is
/// malformed.
std::string render(std::string_view name, const values& xs);

/// Renders `text` as a template (for tests).
std::string render_text(std::string_view text, const values& xs);

/// Renders a whole page: `content` inside `layout.html`.
std::string page(std::string_view title, std::string_view content);

/// Escapes text for HTML element content and attribute values.
std::string escape(std::string_view x);

/// Makes a JSON text safe inside a `<script>` element: `<`, `>` and `&`
/// become `\u003c`, `\u003e`, `\u0026` (they only occur inside JSON
/// strings, where these escapes mean the same characters).
std::string script_json(std::string_view json);

} // namespace site::templates
