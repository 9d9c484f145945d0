#include "model/json_value.hpp"

#include "model/text.hpp"

#include <algorithm>

namespace model {

// -- the value ---------------------------------------------------------------

json_value::json_value(const json_value& other)
    : kind_(other.kind_), boolean_(other.boolean_), text_(other.text_),
      items_(other.items_), members_(other.members_) {
  // Recursion here is bounded by the reader's depth limit.
}

json_value& json_value::operator=(const json_value& other) {
  if (this != &other) {
    json_value copy{other};
    *this = std::move(copy);
  }
  return *this;
}

json_value& json_value::operator=(json_value&& other) noexcept {
  if (this != &other) {
    // Release the old children without recursion before taking the new.
    json_value old;
    old.items_ = std::move(items_);
    old.members_ = std::move(members_);
    kind_ = other.kind_;
    boolean_ = other.boolean_;
    text_ = std::move(other.text_);
    items_ = std::move(other.items_);
    members_ = std::move(other.members_);
  }
  return *this;
}

json_value::~json_value() {
  if (items_.empty() && members_.empty())
    return;
  // Moves every descendant onto a flat stack, so that no destructor below
  // has children of its own: destruction never recurses.
  std::vector<json_value> stack;
  auto drain = [&stack](json_value& x) {
    for (auto& item : x.items_)
      stack.push_back(std::move(item));
    x.items_.clear();
    for (auto& m : x.members_)
      stack.push_back(std::move(m.second));
    x.members_.clear();
  };
  drain(*this);
  while (!stack.empty()) {
    json_value top = std::move(stack.back());
    stack.pop_back();
    drain(top);
  }
}

json_value json_value::boolean(bool x) {
  json_value result;
  result.kind_ = kind::boolean;
  result.boolean_ = x;
  return result;
}

json_value json_value::number(std::string text) {
  json_value result;
  result.kind_ = kind::number;
  result.text_ = std::move(text);
  return result;
}

json_value json_value::string(std::string x) {
  json_value result;
  result.kind_ = kind::string;
  result.text_ = std::move(x);
  return result;
}

json_value json_value::array() {
  json_value result;
  result.kind_ = kind::array;
  return result;
}

json_value json_value::object() {
  json_value result;
  result.kind_ = kind::object;
  return result;
}

bool json_value::is_integral() const noexcept {
  return kind_ == kind::number
         && text_.find_first_of(".eE") == std::string::npos;
}

const json_value* json_value::find(std::string_view key) const {
  for (const auto& m : members_)
    if (m.first == key)
      return &m.second;
  return nullptr;
}

json_value* json_value::find(std::string_view key) {
  for (auto& m : members_)
    if (m.first == key)
      return &m.second;
  return nullptr;
}

void json_value::set(std::string key, json_value x) {
  if (auto* existing = find(key)) {
    *existing = std::move(x);
    return;
  }
  members_.emplace_back(std::move(key), std::move(x));
}

bool json_value::erase(std::string_view key) {
  auto it = std::find_if(members_.begin(), members_.end(),
                         [key](const member& m) { return m.first == key; });
  if (it == members_.end())
    return false;
  members_.erase(it);
  return true;
}

bool operator==(const json_value& x, const json_value& y) {
  if (x.kind_ != y.kind_)
    return false;
  switch (x.kind_) {
    case json_value::kind::null: return true;
    case json_value::kind::boolean: return x.boolean_ == y.boolean_;
    case json_value::kind::number:
      return x.is_integral() == y.is_integral() && x.text_ == y.text_;
    case json_value::kind::string: return x.text_ == y.text_;
    case json_value::kind::array: return x.items_ == y.items_;
    case json_value::kind::object: {
      if (x.members_.size() != y.members_.size())
        return false;
      for (const auto& m : x.members_) {
        auto* other = y.find(m.first);
        if (!other || !(m.second == *other))
          return false;
      }
      return true;
    }
  }
  return false;
}

// -- reading -----------------------------------------------------------------

namespace {

class reader {
public:
  reader(std::string_view text, const json_read_options& options)
      : text_(text), options_(options) {}

  json_read_result run() {
    json_read_result result;
    skip_space();
    if (failed_)
      return fail(result);
    if (pos_ == text_.size()) {
      result.missing = true;
      return result;
    }
    auto doc = parse();
    if (failed_)
      return fail(result);
    if (!options_.allow_trailing) {
      skip_space();
      if (pos_ != text_.size()) {
        error("trailing content");
        return fail(result);
      }
    }
    result.doc = std::move(doc);
    return result;
  }

private:
  /// A container being read.
  struct frame {
    json_value value;
    std::string key;
  };

  json_read_result& fail(json_read_result& result) {
    result.doc.reset();
    result.error = message_ + " at offset " + std::to_string(pos_);
    return result;
  }

  void error(std::string message) {
    if (!failed_) {
      failed_ = true;
      message_ = std::move(message);
    }
  }

  bool at_end() const {
    return pos_ >= text_.size();
  }

  void skip_space() {
    while (!at_end()) {
      auto c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos_;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        error("illegal white space character");
        return;
      } else {
        return;
      }
    }
  }

  bool is_quote(char c) const {
    return c == '"' || (options_.single_quotes && c == '\'');
  }

  /// Reads a string at `pos_` (which is a quote).
  std::optional<std::string> parse_string() {
    char quote = text_[pos_++];
    std::string out;
    while (!at_end()) {
      auto c = text_[pos_++];
      if (c == quote)
        return out;
      if (static_cast<unsigned char>(c) < 0x20) {
        error("unescaped control character in string");
        return std::nullopt;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_end())
        break;
      auto e = text_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case '\'':
          if (!options_.single_quotes) {
            error("unrecognised escape");
            return std::nullopt;
          }
          out += '\'';
          break;
        case 'u': {
          auto cp = hex4();
          if (!cp)
            return std::nullopt;
          unsigned code = *cp;
          if (code >= 0xD800 && code <= 0xDBFF && pos_ + 1 < text_.size()
              && text_[pos_] == '\\' && text_[pos_ + 1] == 'u') {
            auto save = pos_;
            pos_ += 2;
            auto low = hex4();
            if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
              code = 0x10000 + ((code - 0xD800) << 10) + (*low - 0xDC00);
            } else {
              pos_ = save;
              if (failed_)
                return std::nullopt;
            }
          }
          append_code_point(out, code);
          break;
        }
        default: error("unrecognised escape"); return std::nullopt;
      }
    }
    error("unterminated string");
    return std::nullopt;
  }

  std::optional<unsigned> hex4() {
    if (pos_ + 4 > text_.size()) {
      error("short unicode escape");
      return std::nullopt;
    }
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      auto c = text_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<unsigned>(c - 'A' + 10);
      else {
        error("bad unicode escape");
        return std::nullopt;
      }
    }
    return v;
  }

  static void append_code_point(std::string& out, unsigned cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      out += text::replacement_character; // a lone surrogate
    } else if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::optional<json_value> parse_number() {
    auto start = pos_;
    auto digit = [this] {
      return !at_end() && text_[pos_] >= '0' && text_[pos_] <= '9';
    };
    if (text_[pos_] == '-')
      ++pos_;
    if (!digit()) {
      error("bad number");
      return std::nullopt;
    }
    if (text_[pos_] == '0') {
      ++pos_;
      if (digit()) {
        error("leading zeroes not allowed");
        return std::nullopt;
      }
    } else {
      while (digit())
        ++pos_;
    }
    if (!at_end() && text_[pos_] == '.') {
      ++pos_;
      if (!digit()) {
        error("bad fraction");
        return std::nullopt;
      }
      while (digit())
        ++pos_;
    }
    if (!at_end() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (!at_end() && (text_[pos_] == '+' || text_[pos_] == '-'))
        ++pos_;
      if (!digit()) {
        error("bad exponent");
        return std::nullopt;
      }
      while (digit())
        ++pos_;
    }
    return json_value::number(std::string{text_.substr(start, pos_ - start)});
  }

  /// Reads a scalar, or opens a container (pushed on `stack_`; then
  /// returns nothing and sets `opened_`).
  std::optional<json_value> scalar_or_open() {
    opened_ = false;
    skip_space();
    if (failed_)
      return std::nullopt;
    if (at_end()) {
      error("unexpected end of input");
      return std::nullopt;
    }
    auto c = text_[pos_];
    if (c == '{' || c == '[') {
      if (stack_.size() >= options_.max_depth) {
        error("nesting too deep");
        return std::nullopt;
      }
      ++pos_;
      stack_.push_back(
        frame{c == '{' ? json_value::object() : json_value::array(), {}});
      opened_ = true;
      return std::nullopt;
    }
    if (is_quote(c)) {
      auto s = parse_string();
      if (!s)
        return std::nullopt;
      return json_value::string(std::move(*s));
    }
    if (c == '-' || (c >= '0' && c <= '9'))
      return parse_number();
    for (auto [word, value] : {std::pair<std::string_view, int>{"true", 1},
                               {"false", 0},
                               {"null", 2}}) {
      if (text_.substr(pos_, word.size()) == word) {
        pos_ += word.size();
        if (value == 2)
          return json_value::null();
        return json_value::boolean(value == 1);
      }
    }
    error("unexpected character");
    return std::nullopt;
  }

  /// Reads an object member name and its colon into the top frame.
  bool read_key() {
    skip_space();
    if (failed_)
      return false;
    if (at_end() || !is_quote(text_[pos_])) {
      error("expected a field name");
      return false;
    }
    auto key = parse_string();
    if (!key)
      return false;
    skip_space();
    if (failed_)
      return false;
    if (at_end() || text_[pos_] != ':') {
      error("expected ':'");
      return false;
    }
    ++pos_;
    stack_.back().key = std::move(*key);
    return true;
  }

  json_value parse() {
    // Each turn reads one value start; a finished value is added to the
    // innermost open container, which may finish in turn.
    for (;;) {
      auto value = scalar_or_open();
      if (failed_)
        return {};
      if (opened_) {
        // An empty container closes at once; else read its first member.
        skip_space();
        if (failed_)
          return {};
        auto& top = stack_.back();
        char close = top.value.is_object() ? '}' : ']';
        if (!at_end() && text_[pos_] == close) {
          ++pos_;
          value = std::move(top.value);
          stack_.pop_back();
        } else {
          if (top.value.is_object() && !read_key())
            return {};
          continue;
        }
      }
      // Attach `value`, closing containers as long as they end here.
      for (;;) {
        if (stack_.empty())
          return std::move(*value);
        auto& top = stack_.back();
        if (top.value.is_object())
          top.value.set(std::move(top.key), std::move(*value));
        else
          top.value.items().push_back(std::move(*value));
        skip_space();
        if (failed_)
          return {};
        char close = top.value.is_object() ? '}' : ']';
        if (!at_end() && text_[pos_] == ',') {
          ++pos_;
          if (top.value.is_object() && !read_key())
            return {};
          break;
        }
        if (!at_end() && text_[pos_] == close) {
          ++pos_;
          value = std::move(top.value);
          stack_.pop_back();
          continue;
        }
        error("expected ',' or a closing bracket");
        return {};
      }
    }
  }

  std::string_view text_;
  const json_read_options& options_;
  std::size_t pos_ = 0;
  bool failed_ = false;
  bool opened_ = false;
  std::string message_;
  std::vector<frame> stack_;
};

void write_string(std::string& out, const std::string& x) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (auto c : x) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += hex[u >> 4];
          out += hex[u & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

} // namespace

json_read_result read_json(std::string_view text,
                           const json_read_options& options) {
  return reader{text, options}.run();
}

std::string write_json(const json_value& root) {
  std::string out;
  // Each frame: a container and the index of its next child.
  struct frame {
    const json_value* value;
    std::size_t next;
  };
  std::vector<frame> stack;
  auto emit = [&out, &stack](const json_value& x) {
    switch (x.type()) {
      case json_value::kind::null: out += "null"; break;
      case json_value::kind::boolean:
        out += x.as_bool() ? "true" : "false";
        break;
      case json_value::kind::number: out += x.text(); break;
      case json_value::kind::string: write_string(out, x.text()); break;
      case json_value::kind::array:
        out += '[';
        stack.push_back(frame{&x, 0});
        break;
      case json_value::kind::object:
        out += '{';
        stack.push_back(frame{&x, 0});
        break;
    }
  };
  emit(root);
  while (!stack.empty()) {
    auto& top = stack.back();
    const auto* x = top.value;
    auto size = x->is_array() ? x->items().size() : x->members().size();
    if (top.next == size) {
      out += x->is_array() ? ']' : '}';
      stack.pop_back();
      continue;
    }
    auto i = top.next++;
    if (i > 0)
      out += ',';
    if (x->is_array()) {
      emit(x->items()[i]);
    } else {
      write_string(out, x->members()[i].first);
      out += ':';
      emit(x->members()[i].second);
    }
  }
  return out;
}

} // namespace model
