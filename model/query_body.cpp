#include "model/query_body.hpp"

#include "model/pattern.hpp"
#include "model/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <limits>

namespace model::query_body {

namespace {

constexpr std::string_view unsafe_selection
  = "JSONPath query must select complete resource objects from the collection";

std::string media_type_of(std::string_view header) {
  auto semi = header.find(';');
  return text::lower(text::trim(header.substr(0, semi)));
}

// -- structured JSON queries
// ---------------------------------------------------

const query::field_def* field_named(const std::vector<query::field_def>& fs,
                                    std::string_view name) {
  for (const auto& f : fs)
    if (text::iequals(f.name, name))
      return &f;
  return nullptr;
}

bool fits_int(const json_value& x) {
  if (!x.is_integral())
    return false;
  auto digits = std::string_view{x.text()};
  bool negative = !digits.empty() && digits.front() == '-';
  if (negative)
    digits.remove_prefix(1);
  digits.remove_prefix(std::min(digits.find_first_not_of('0'), digits.size()));
  if (digits.size() > 10)
    return false;
  auto v = digits.empty() ? 0LL : std::stoll(std::string{digits});
  if (negative)
    v = -v;
  return v >= std::numeric_limits<int32_t>::min()
         && v <= std::numeric_limits<int32_t>::max();
}

/// Jackson's `asText()` of a scalar.
std::string as_text(const json_value& x) {
  if (x.is_bool())
    return x.as_bool() ? "true" : "false";
  if (x.is_null())
    return "null";
  return x.text();
}

struct structured_compiler {
  const std::vector<query::field_def>& fields;
  std::vector<query_params::param> out;

  static failure error(std::string message) {
    return failure{422, std::move(message), false};
  }

  void put(std::string name, query_params::operation op, std::string value) {
    out.push_back(query_params::param{std::move(name), op, std::move(value)});
  }

  std::optional<failure> exact(const query::field_def& f, const json_value& v) {
    bool ok = false;
    switch (f.type) {
      case query::field_type::integer: ok = v.is_integral(); break;
      case query::field_type::boolean: ok = v.is_bool(); break;
      case query::field_type::string: ok = v.is_string(); break;
    }
    if (!ok)
      return error("Invalid exact match value for field "
                   + std::string{f.name});
    put(std::string{f.name}, query_params::operation::exact, as_text(v));
    return std::nullopt;
  }

  std::optional<failure> op(const query::field_def& f, const std::string& name,
                            const json_value& v) {
    if (name == "contains") {
      if (f.type != query::field_type::string || !v.is_string())
        return error("contains is only supported for text field "
                     + std::string{f.name});
      put(std::string{f.name}, query_params::operation::contains, v.text());
      return std::nullopt;
    }
    if (name == "greaterThan" || name == "lessThan") {
      if (!v.is_number() || f.type != query::field_type::integer
          || !v.is_integral())
        return error(name + " is only supported for numeric field "
                     + std::string{f.name});
      put(std::string{f.name},
          name == "greaterThan" ? query_params::operation::greater
                                : query_params::operation::less,
          as_text(v));
      return std::nullopt;
    }
    return error("Unsupported query operator " + name + " for field "
                 + std::string{f.name});
  }

  std::optional<failure> filter(const json_value* x) {
    if (!x)
      return std::nullopt;
    if (!x->is_object())
      return error("filter must be an object");
    for (const auto& [key, value] : x->members()) {
      const auto* f = field_named(fields, key);
      if (!f)
        return error("Unknown query filter field " + key);
      if (!value.is_object()) {
        if (auto e = exact(*f, value))
          return e;
        continue;
      }
      if (value.members().empty())
        return error("Filter operators for field " + std::string{f->name}
                     + " are required");
      for (const auto& [name, operand] : value.members())
        if (auto e = op(*f, name, operand))
          return e;
    }
    return std::nullopt;
  }

  std::optional<failure> sort(const json_value* x) {
    if (!x)
      return std::nullopt;
    if (!x->is_array())
      return error("sort must be an array");
    std::string joined;
    for (const auto& entry : x->items()) {
      if (!entry.is_object())
        return error("sort entries must be objects");
      for (const auto& [key, value] : entry.members())
        if (key != "field" && key != "direction")
          return error("Unknown sort field " + key);
      const auto* field = entry.find("field");
      const auto* direction = entry.find("direction");
      if (!field || !field->is_string())
        return error("sort field must be a string");
      if (!direction || !direction->is_string())
        return error("sort direction must be asc or desc");
      const auto* f = field_named(fields, field->text());
      if (!f)
        return error("Unknown sort field " + field->text());
      if (direction->text() != "asc" && direction->text() != "desc")
        return error("sort direction must be asc or desc");
      if (!joined.empty())
        joined += ',';
      joined += (direction->text() == "asc" ? "+" : "-") + std::string{f->name};
    }
    if (!joined.empty())
      put("_sortBy", query_params::operation::equals, joined);
    return std::nullopt;
  }

  std::optional<failure> paging(const json_value* x, std::string name,
                                std::string_view json_name) {
    if (!x)
      return std::nullopt;
    if (!fits_int(*x) || std::stoll(x->text()) < 0)
      return error(std::string{json_name} + " must be a non-negative integer");
    put(std::move(name), query_params::operation::equals,
        std::to_string(std::stoll(x->text())));
    return std::nullopt;
  }

  std::optional<failure> compile(std::string_view body) {
    json_read_options strict;
    strict.single_quotes = false;
    auto doc = read_json(body, strict);
    if (!doc.doc && !doc.missing)
      return failure{400, "Malformed JSON query body", false};
    if (!doc.doc || !doc.doc->is_object())
      return error("Structured JSON query body must be an object");
    for (const auto& [key, value] : doc.doc->members())
      if (key != "filter" && key != "sort" && key != "limit" && key != "offset")
        return error("Unknown structured query field " + key);
    if (auto e = filter(doc.doc->find("filter")))
      return e;
    if (auto e = sort(doc.doc->find("sort")))
      return e;
    if (auto e = paging(doc.doc->find("limit"), "_limit", "limit"))
      return e;
    if (auto e = paging(doc.doc->find("offset"), "_offset", "offset"))
      return e;
    return std::nullopt;
  }
};

} // namespace

// -- JSONPath
// ------------------------------------------------------------------

struct json_path::impl {
  struct expr;

  /// One step of a path.
  struct step {
    enum class kind : uint8_t { names, wildcard, indexes, slice, filter, scan };
    kind type = kind::names;
    std::vector<std::string> names;
    std::vector<long> indexes;
    std::optional<long> from, to;
    std::shared_ptr<const expr> predicate;
  };

  /// A filter operand.
  struct operand {
    enum class kind : uint8_t { relative, absolute, literal, regex };
    kind type = kind::literal;
    std::vector<step> path;
    json_value literal;
    std::optional<pattern> regex;
  };

  /// A filter expression.
  struct expr {
    enum class kind : uint8_t { or_, and_, not_, compare, exists };
    kind type = kind::exists;
    std::vector<std::shared_ptr<const expr>> children;
    operand lhs, rhs;
    std::string op;
  };

  std::vector<step> steps;
  bool definite = true;
};

namespace {

using path_impl = json_path::impl;
using step = path_impl::step;
using expr = path_impl::expr;
using operand = path_impl::operand;

class path_parser {
public:
  explicit path_parser(std::string_view text) : s_(text) {}

  std::optional<std::string> error;

  /// Parses steps until the end (top level) or a filter delimiter.
  std::vector<step> steps(bool in_filter, bool& definite) {
    std::vector<step> result;
    while (!error && pos_ < s_.size()) {
      auto c = s_[pos_];
      if (in_filter && is_filter_delimiter(c))
        break;
      if (c == '.') {
        if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '.') {
          pos_ += 2;
          result.push_back(step{step::kind::scan, {}, {}, {}, {}, {}});
          definite = false;
          if (pos_ < s_.size() && s_[pos_] == '[')
            continue;
        } else {
          ++pos_;
        }
        if (pos_ >= s_.size()) {
          fail("Path must not end with a '.' or '..'");
          break;
        }
        if (s_[pos_] == '*') {
          ++pos_;
          result.push_back(step{step::kind::wildcard, {}, {}, {}, {}, {}});
          definite = false;
          continue;
        }
        auto name = read_name();
        if (name.empty()) {
          fail("Expected a property name at position " + std::to_string(pos_));
          break;
        }
        result.push_back(step{step::kind::names, {name}, {}, {}, {}, {}});
        continue;
      }
      if (c == '[') {
        ++pos_;
        auto st = bracket(definite);
        if (error)
          break;
        result.push_back(std::move(st));
        continue;
      }
      fail("Unexpected character '" + std::string(1, c) + "' at position "
           + std::to_string(pos_));
    }
    return result;
  }

  std::size_t pos() const {
    return pos_;
  }
  bool at_end() {
    skip_space();
    return pos_ >= s_.size();
  }

private:
  static bool is_filter_delimiter(char c) {
    return c == ' ' || c == ')' || c == '=' || c == '!' || c == '<' || c == '>'
           || c == '&' || c == '|' || c == '\t';
  }

  void fail(std::string message) {
    if (!error)
      error = std::move(message);
  }

  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t'))
      ++pos_;
  }

  std::string read_name() {
    auto start = pos_;
    while (pos_ < s_.size() && s_[pos_] != '.' && s_[pos_] != '['
           && !is_filter_delimiter(s_[pos_]) && s_[pos_] != ']'
           && s_[pos_] != ',')
      ++pos_;
    return std::string{s_.substr(start, pos_ - start)};
  }

  std::optional<std::string> quoted() {
    char q = s_[pos_++];
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != q) {
      if (s_[pos_] == '\\' && pos_ + 1 < s_.size())
        ++pos_;
      out += s_[pos_++];
    }
    if (pos_ >= s_.size()) {
      fail("Unterminated quoted string");
      return std::nullopt;
    }
    ++pos_;
    return out;
  }

  std::optional<long> integer() {
    auto start = pos_;
    if (pos_ < s_.size() && s_[pos_] == '-')
      ++pos_;
    auto digits = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9')
      ++pos_;
    if (pos_ == digits || pos_ - digits > 9) {
      pos_ = start;
      return std::nullopt;
    }
    return std::strtol(std::string{s_.substr(start, pos_ - start)}.c_str(),
                       nullptr, 10);
  }

  bool expect(char c) {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    fail(std::string{"Expected '"} + c + "' at position "
         + std::to_string(pos_));
    return false;
  }

  step bracket(bool& definite) {
    step st;
    skip_space();
    if (pos_ >= s_.size()) {
      fail("Unterminated bracket");
      return st;
    }
    auto c = s_[pos_];
    if (c == '*') {
      ++pos_;
      st.type = step::kind::wildcard;
      definite = false;
    } else if (c == '?') {
      ++pos_;
      if (!expect('('))
        return st;
      st.type = step::kind::filter;
      st.predicate = disjunction();
      if (error || !expect(')'))
        return st;
      definite = false;
    } else if (c == '\'' || c == '"') {
      st.type = step::kind::names;
      for (;;) {
        skip_space();
        if (pos_ >= s_.size() || (s_[pos_] != '\'' && s_[pos_] != '"')) {
          fail("Expected a quoted property name");
          return st;
        }
        auto name = quoted();
        if (!name)
          return st;
        st.names.push_back(std::move(*name));
        skip_space();
        if (pos_ < s_.size() && s_[pos_] == ',') {
          ++pos_;
          continue;
        }
        break;
      }
      if (st.names.size() > 1)
        definite = false;
    } else {
      skip_space();
      auto first = integer();
      skip_space();
      if (pos_ < s_.size() && s_[pos_] == ':') {
        ++pos_;
        skip_space();
        st.type = step::kind::slice;
        st.from = first;
        st.to = integer();
        definite = false;
      } else if (first) {
        st.type = step::kind::indexes;
        st.indexes.push_back(*first);
        skip_space();
        while (pos_ < s_.size() && s_[pos_] == ',') {
          ++pos_;
          skip_space();
          auto next = integer();
          if (!next) {
            fail("Expected an array index");
            return st;
          }
          st.indexes.push_back(*next);
          skip_space();
          definite = false;
        }
      } else {
        fail("Could not parse token starting at position "
             + std::to_string(pos_));
        return st;
      }
    }
    expect(']');
    return st;
  }

  std::shared_ptr<const expr> disjunction() {
    auto left = conjunction();
    skip_space();
    while (!error && s_.substr(pos_, 2) == "||") {
      pos_ += 2;
      auto e = std::make_shared<expr>();
      e->type = expr::kind::or_;
      e->children = {left, conjunction()};
      left = e;
      skip_space();
    }
    return left;
  }

  std::shared_ptr<const expr> conjunction() {
    auto left = unary();
    skip_space();
    while (!error && s_.substr(pos_, 2) == "&&") {
      pos_ += 2;
      auto e = std::make_shared<expr>();
      e->type = expr::kind::and_;
      e->children = {left, unary()};
      left = e;
      skip_space();
    }
    return left;
  }

  std::shared_ptr<const expr> unary() {
    // Bounded nesting: a filter is short, but fuzzers are not.
    if (++depth_ > 64) {
      fail("Filter nested too deeply");
      return std::make_shared<expr>();
    }
    skip_space();
    std::shared_ptr<const expr> result;
    if (pos_ < s_.size() && s_[pos_] == '!' && s_.substr(pos_, 2) != "!=") {
      ++pos_;
      auto e = std::make_shared<expr>();
      e->type = expr::kind::not_;
      e->children = {unary()};
      result = e;
    } else if (pos_ < s_.size() && s_[pos_] == '(') {
      ++pos_;
      result = disjunction();
      expect(')');
    } else {
      result = comparison();
    }
    --depth_;
    return result;
  }

  std::optional<operand> value() {
    skip_space();
    operand o;
    if (pos_ >= s_.size()) {
      fail("Expected a value in the filter");
      return std::nullopt;
    }
    auto c = s_[pos_];
    if (c == '@' || c == '$') {
      ++pos_;
      o.type = c == '@' ? operand::kind::relative : operand::kind::absolute;
      bool definite = true;
      o.path = steps(true, definite);
      if (error)
        return std::nullopt;
      return o;
    }
    if (c == '\'' || c == '"') {
      auto s = quoted();
      if (!s)
        return std::nullopt;
      o.literal = json_value::string(std::move(*s));
      return o;
    }
    if (c == '/') {
      auto end = s_.find('/', pos_ + 1);
      if (end == std::string_view::npos) {
        fail("Unterminated regular expression");
        return std::nullopt;
      }
      auto source = s_.substr(pos_ + 1, end - pos_ - 1);
      pos_ = end + 1;
      bool icase = false;
      while (pos_ < s_.size()
             && std::isalpha(static_cast<unsigned char>(s_[pos_]))) {
        icase = icase || s_[pos_] == 'i';
        ++pos_;
      }
      o.type = operand::kind::regex;
      o.regex = pattern::compile(source, icase);
      if (o.regex->status() == pattern::state::invalid) {
        fail("Invalid regular expression: " + std::string{source});
        return std::nullopt;
      }
      return o;
    }
    for (auto word : {"true", "false", "null"}) {
      std::string_view w{word};
      if (s_.substr(pos_, w.size()) == w) {
        pos_ += w.size();
        o.literal = w == "null" ? json_value::null()
                                : json_value::boolean(w == "true");
        return o;
      }
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      auto start = pos_;
      ++pos_;
      while (pos_ < s_.size()
             && (std::isdigit(static_cast<unsigned char>(s_[pos_]))
                 || s_[pos_] == '.' || s_[pos_] == 'e' || s_[pos_] == 'E'))
        ++pos_;
      auto number = read_json(s_.substr(start, pos_ - start));
      if (!number.doc || !number.doc->is_number()) {
        fail("Invalid number in the filter");
        return std::nullopt;
      }
      o.literal = std::move(*number.doc);
      return o;
    }
    fail("Unexpected character '" + std::string(1, c)
         + "' in the filter at position " + std::to_string(pos_));
    return std::nullopt;
  }

  std::shared_ptr<const expr> comparison() {
    auto e = std::make_shared<expr>();
    auto lhs = value();
    if (!lhs)
      return e;
    e->lhs = std::move(*lhs);
    skip_space();
    for (std::string_view op : {"==", "!=", "<=", ">=", "=~", "<", ">"}) {
      if (s_.substr(pos_, op.size()) == op) {
        pos_ += op.size();
        e->op = std::string{op};
        break;
      }
    }
    if (e->op.empty()) {
      if (e->lhs.type != operand::kind::relative
          && e->lhs.type != operand::kind::absolute)
        fail("Expected a comparison operator at position "
             + std::to_string(pos_));
      e->type = expr::kind::exists;
      return e;
    }
    e->type = expr::kind::compare;
    auto rhs = value();
    if (!rhs)
      return e;
    if ((rhs->type == operand::kind::regex) != (e->op == "=~"))
      fail("A regular expression needs =~");
    e->rhs = std::move(*rhs);
    return e;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

using node_list = std::vector<const json_value*>;

node_list run_steps(const std::vector<step>& steps, const json_value& start,
                    const json_value& root);

/// Preorder: the node, then its descendants.
void descendants_or_self(const json_value& x, node_list& out) {
  std::vector<const json_value*> stack{&x};
  while (!stack.empty()) {
    auto* top = stack.back();
    stack.pop_back();
    out.push_back(top);
    if (top->is_array()) {
      for (auto it = top->items().rbegin(); it != top->items().rend(); ++it)
        stack.push_back(&*it);
    } else if (top->is_object()) {
      for (auto it = top->members().rbegin(); it != top->members().rend(); ++it)
        stack.push_back(&it->second);
    }
  }
}

/// A filter operand's value at `current`; `nullptr` when undefined.
const json_value* operand_value(const operand& o, const json_value& current,
                                const json_value& root) {
  switch (o.type) {
    case operand::kind::literal: return &o.literal;
    case operand::kind::regex: return nullptr;
    case operand::kind::relative:
    case operand::kind::absolute: {
      auto found = run_steps(o.path,
                             o.type == operand::kind::relative ? current : root,
                             root);
      return found.empty() ? nullptr : found.front();
    }
  }
  return nullptr;
}

bool numbers_compare(const json_value& x, const json_value& y, int& cmp) {
  if (!x.is_number() || !y.is_number())
    return false;
  auto a = std::strtod(x.text().c_str(), nullptr);
  auto b = std::strtod(y.text().c_str(), nullptr);
  cmp = a < b ? -1 : (b < a ? 1 : 0);
  return true;
}

bool equal(const json_value& x, const json_value& y) {
  int cmp = 0;
  if (numbers_compare(x, y, cmp))
    return cmp == 0;
  return x == y;
}

bool evaluate(const expr& e, const json_value& current,
              const json_value& root) {
  switch (e.type) {
    case expr::kind::or_:
      return evaluate(*e.children[0], current, root)
             || evaluate(*e.children[1], current, root);
    case expr::kind::and_:
      return evaluate(*e.children[0], current, root)
             && evaluate(*e.children[1], current, root);
    case expr::kind::not_: return !evaluate(*e.children[0], current, root);
    case expr::kind::exists:
      return operand_value(e.lhs, current, root) != nullptr;
    case expr::kind::compare: break;
  }
  const auto* left = operand_value(e.lhs, current, root);
  if (e.op == "=~") {
    if (!left || !e.rhs.regex || left->is_array() || left->is_object())
      return false;
    return e.rhs.regex->full_match(as_text(*left));
  }
  const auto* right = operand_value(e.rhs, current, root);
  if (e.op == "!=")
    return !left || !right || !equal(*left, *right);
  if (!left || !right)
    return false;
  if (e.op == "==")
    return equal(*left, *right);
  int cmp = 0;
  if (!numbers_compare(*left, *right, cmp)) {
    if (!left->is_string() || !right->is_string())
      return false;
    cmp = left->text().compare(right->text());
    cmp = cmp < 0 ? -1 : (cmp > 0 ? 1 : 0);
  }
  if (e.op == "<")
    return cmp < 0;
  if (e.op == "<=")
    return cmp <= 0;
  if (e.op == ">")
    return cmp > 0;
  return cmp >= 0;
}

void apply_step(const step& st, const json_value& x, const json_value& root,
                node_list& out) {
  switch (st.type) {
    case step::kind::names:
      if (x.is_object())
        for (const auto& n : st.names)
          if (const auto* v = x.find(n))
            out.push_back(v);
      return;
    case step::kind::wildcard:
      if (x.is_array())
        for (const auto& v : x.items())
          out.push_back(&v);
      else if (x.is_object())
        for (const auto& m : x.members())
          out.push_back(&m.second);
      return;
    case step::kind::indexes:
      if (x.is_array()) {
        auto n = static_cast<long>(x.items().size());
        for (auto i : st.indexes) {
          auto k = i < 0 ? n + i : i;
          if (k >= 0 && k < n)
            out.push_back(&x.items()[static_cast<std::size_t>(k)]);
        }
      }
      return;
    case step::kind::slice:
      if (x.is_array()) {
        auto n = static_cast<long>(x.items().size());
        auto clamp = [n](long v) {
          if (v < 0)
            v += n;
          return std::max(0L, std::min(v, n));
        };
        auto from = st.from ? clamp(*st.from) : 0;
        auto to = st.to ? clamp(*st.to) : n;
        for (auto k = from; k < to; ++k)
          out.push_back(&x.items()[static_cast<std::size_t>(k)]);
      }
      return;
    case step::kind::filter:
      if (x.is_array()) {
        for (const auto& v : x.items())
          if (evaluate(*st.predicate, v, root))
            out.push_back(&v);
      } else if (x.is_object() && evaluate(*st.predicate, x, root)) {
        out.push_back(&x);
      }
      return;
    case step::kind::scan: descendants_or_self(x, out); return;
  }
}

node_list run_steps(const std::vector<step>& steps, const json_value& start,
                    const json_value& root) {
  node_list current{&start};
  bool scanned = false;
  for (const auto& st : steps) {
    node_list next;
    for (const auto* x : current)
      apply_step(st, *x, root, next);
    if (scanned && st.type != step::kind::scan) {
      // A filter after `..` meets some nodes twice: keep the first.
      node_list unique;
      for (const auto* x : next)
        if (std::find(unique.begin(), unique.end(), x) == unique.end())
          unique.push_back(x);
      next.swap(unique);
    }
    scanned = st.type == step::kind::scan;
    current.swap(next);
  }
  return current;
}

} // namespace

json_path json_path::parse(std::string_view expression) {
  json_path result;
  auto text = std::string{text::trim(expression)};
  if (text.empty()) {
    result.error_ = "Path may not be null empty";
    return result;
  }
  if (text.front() != '$' && text.front() != '@')
    text = "$." + text;
  auto parsed = std::make_shared<impl>();
  // After the leading `$` or `@`.
  path_parser body{std::string_view{text}.substr(1)};
  parsed->steps = body.steps(false, parsed->definite);
  if (body.error) {
    result.error_ = std::move(body.error);
    return result;
  }
  result.impl_ = std::move(parsed);
  return result;
}

bool json_path::definite() const noexcept {
  return impl_ && impl_->definite;
}

std::vector<const json_value*> json_path::select(const json_value& doc) const {
  if (!impl_)
    return {};
  return run_steps(impl_->steps, doc, doc);
}

// -- the module's entry points
// -------------------------------------------------

check_result check(const std::string* content_type, std::string_view body) {
  check_result result;
  if (!content_type || text::trim(*content_type).empty()) {
    result.error = failure{400, "Missing Content-Type for QUERY request",
                           false};
    return result;
  }
  auto media = media_type_of(*content_type);
  if (media == "application/x-www-form-urlencoded") {
    result.body_format = format::form;
    auto parsed = query_params::parse_strict(body);
    if (parsed.error)
      result.error = failure{400, *parsed.error, false};
  } else if (media == "application/jsonpath") {
    result.body_format = format::jsonpath;
    if (text::trim(body).empty()) {
      result.error = failure{400,
                             "Missing JSONPath expression for QUERY request",
                             false};
    } else if (auto p = json_path::parse(body); p.error()) {
      result.error = failure{400, *p.error(), false};
    }
  } else if (media == "application/vnd.thingifier.query+json") {
    result.body_format = format::structured;
    json_read_options strict;
    strict.single_quotes = false;
    auto doc = read_json(body, strict);
    if (!doc.doc && !doc.missing)
      result.error = failure{400, "Malformed JSON query body", false};
  } else {
    result.error = failure{415,
                           "Unsupported QUERY Content Type - " + *content_type,
                           true};
  }
  return result;
}

compiled params_for(format body_format, std::string_view raw_url_query,
                    std::string_view body,
                    const std::vector<query::field_def>& fields) {
  compiled result;
  result.params = query_params::parse(raw_url_query);
  switch (body_format) {
    case format::form: {
      auto parsed = query_params::parse_strict(body);
      if (parsed.error) {
        result.error = failure{400, *parsed.error, false};
        return result;
      }
      for (auto& p : parsed.params)
        result.params.push_back(std::move(p));
      return result;
    }
    case format::jsonpath: return result;
    case format::structured: {
      structured_compiler c{fields, {}};
      if (auto e = c.compile(body)) {
        result.params.clear();
        result.error = std::move(e);
        return result;
      }
      for (auto& p : c.out)
        result.params.push_back(std::move(p));
      return result;
    }
  }
  return result;
}

selection select_jsonpath(std::string_view expression,
                          const json_value& listing, std::string_view plural) {
  selection result;
  auto path = json_path::parse(expression);
  if (path.error()) {
    result.error = failure{400, *path.error(), false};
    return result;
  }
  const auto* rows = listing.find(plural);
  auto index_of = [rows](const json_value* x) -> std::optional<std::size_t> {
    if (!rows || !rows->is_array())
      return std::nullopt;
    const auto& items = rows->items();
    for (std::size_t i = 0; i < items.size(); ++i)
      if (&items[i] == x)
        return i;
    return std::nullopt;
  };
  auto selected = path.select(listing);
  if (selected.empty() && path.definite()) {
    // A definite path that finds nothing (Jayway's PathNotFoundException).
    result.error = failure{422, std::string{unsafe_selection}, false};
    return result;
  }
  std::vector<const json_value*> resources;
  for (const auto* x : selected) {
    if (x->is_array()) {
      for (const auto& item : x->items())
        resources.push_back(&item);
      continue;
    }
    if (x->is_object()) {
      const auto* wrapped = x->find(plural);
      if (wrapped && wrapped->is_array()) {
        for (const auto& item : wrapped->items())
          resources.push_back(&item);
        continue;
      }
    }
    resources.push_back(x);
  }
  for (const auto* r : resources) {
    auto i = index_of(r);
    if (!i) {
      result.rows.clear();
      result.error = failure{422, std::string{unsafe_selection}, false};
      return result;
    }
    result.rows.push_back(*i);
  }
  return result;
}

} // namespace model::query_body
