#include "model/export_formats.hpp"

#include "model/json_codec.hpp"
#include "model/text.hpp"
#include "model/xml_codec.hpp"

#include <array>
#include <iterator>

namespace model::export_formats {

namespace {

using accept_q::response_type;

struct format_info {
  format id;
  response_type as;
  std::string_view extension;
  std::vector<std::string_view> names;
};

const std::array<format_info, 10>& formats() {
  static const std::array<format_info, 10> table{{
    {format::json, response_type::json, "json", {"json"}},
    {format::xml, response_type::xml, "xml", {"xml"}},
    {format::text_xml, response_type::text_xml, "xml", {"text-xml", "txml"}},
    {format::csv, response_type::csv, "csv", {"csv"}},
    {format::text, response_type::text, "txt", {"text", "txt", "plain"}},
    {format::html, response_type::html, "html", {"html"}},
    {format::ndjson, response_type::ndjson, "ndjson", {"ndjson"}},
    {format::jsonl, response_type::jsonl, "jsonl", {"jsonl"}},
    {format::json_seq,
     response_type::json_seq,
     "json-seq",
     {"json-seq", "jsonseq"}},
    {format::tsv,
     response_type::tsv,
     "tsv",
     {"tsv", "tab", "tabs", "tab-delimited", "tab-separated"}},
  }};
  return table;
}

const format_info& info(format x) {
  return formats()[static_cast<std::size_t>(x)];
}

constexpr std::string_view field_names[] = {"id", "title", "doneStatus",
                                            "description"};

std::vector<std::string> row_of(const todo& x) {
  return {std::to_string(x.id), x.title, x.done ? "true" : "false",
          x.description};
}

std::string replace_all(std::string x, std::string_view from,
                        std::string_view to) {
  std::size_t pos = 0;
  while ((pos = x.find(from, pos)) != std::string::npos) {
    x.replace(pos, from.size(), to);
    pos += to.size();
  }
  return x;
}

std::string delimited(std::string_view value, char delimiter) {
  std::string x{value};
  if (delimiter == '\t') {
    x = replace_all(std::move(x), "\\", "\\\\");
    x = replace_all(std::move(x), "\t", "\\t");
    x = replace_all(std::move(x), "\r", "\\r");
    return replace_all(std::move(x), "\n", "\\n");
  }
  if (x.find_first_of("\",\r\n") != std::string::npos)
    return "\"" + replace_all(std::move(x), "\"", "\"\"") + "\"";
  return x;
}

std::string plain(std::string_view value) {
  std::string x{value};
  x = replace_all(std::move(x), "\\", "\\\\");
  x = replace_all(std::move(x), "\r", "\\r");
  return replace_all(std::move(x), "\n", "\\n");
}

std::string html_escape(std::string_view value) {
  std::string out;
  for (auto c : value) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string delimited_table(const std::vector<const todo*>& todos,
                            char delimiter) {
  std::string out;
  for (std::size_t i = 0; i < std::size(field_names); ++i) {
    if (i > 0)
      out += delimiter;
    out += delimited(field_names[i], delimiter);
  }
  for (const auto* t : todos) {
    out += '\n';
    auto row = row_of(*t);
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0)
        out += delimiter;
      out += delimited(row[i], delimiter);
    }
  }
  return out;
}

std::string lines(const std::vector<std::string>& records,
                  std::string_view prefix) {
  std::string out;
  for (const auto& r : records) {
    out += prefix;
    out += r;
    out += '\n';
  }
  return out;
}

std::string join(const std::vector<std::string>& xs, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (i > 0)
      out += sep;
    out += xs[i];
  }
  return out;
}

} // namespace

std::optional<format> from_short_name(std::string_view raw) {
  auto name = text::lower(text::trim(raw));
  if (name.empty())
    return std::nullopt;
  for (const auto& f : formats())
    for (auto n : f.names)
      if (n == name)
        return f.id;
  return std::nullopt;
}

std::string supported_short_names() {
  std::string out;
  for (const auto& f : formats()) {
    if (!out.empty())
      out += ", ";
    out += f.names.front();
  }
  return out;
}

std::string unsupported_message() {
  return "Unsupported export format. Use one of: " + supported_short_names();
}

accept_q::response_type representation(format x) {
  return info(x).as;
}

std::string filename(format x) {
  return "todos." + std::string{info(x).extension};
}

std::string content_disposition(format x) {
  return "attachment; filename=\"" + filename(x) + "\"";
}

std::string render(accept_q::response_type as,
                   const std::vector<const todo*>& todos) {
  switch (as) {
    case response_type::json: return json::todos(todos);
    case response_type::xml:
    case response_type::text_xml: return xml::todos(todos);
    case response_type::csv: return delimited_table(todos, ',');
    case response_type::tsv: return delimited_table(todos, '\t');
    case response_type::text: {
      std::vector<std::string> out;
      for (const auto* t : todos) {
        auto row = row_of(*t);
        std::vector<std::string> pairs;
        for (std::size_t i = 0; i < row.size(); ++i)
          pairs.push_back(std::string{field_names[i]} + "=" + plain(row[i]));
        out.push_back(join(pairs, ", "));
      }
      return join(out, "\n");
    }
    case response_type::html: {
      std::string out = "<table><thead><tr>";
      for (auto name : field_names)
        out += "<th>" + html_escape(name) + "</th>";
      out += "</tr></thead><tbody>";
      for (const auto* t : todos) {
        out += "<tr>";
        for (const auto& v : row_of(*t))
          out += "<td>" + html_escape(v) + "</td>";
        out += "</tr>";
      }
      return out + "</tbody></table>";
    }
    case response_type::ndjson:
    case response_type::jsonl:
    case response_type::json_seq: {
      std::vector<std::string> records;
      for (const auto* t : todos)
        records.push_back(json::todo(*t));
      return lines(records, as == response_type::json_seq
                              ? std::string_view{"\x1E"}
                              : std::string_view{});
    }
  }
  return json::todos(todos);
}

std::string render_errors(accept_q::response_type as,
                          const std::vector<std::string>& messages) {
  switch (as) {
    case response_type::json: return json::errors(messages);
    case response_type::xml:
    case response_type::text_xml: return xml::errors(messages);
    case response_type::csv:
    case response_type::tsv: {
      char d = as == response_type::csv ? ',' : '\t';
      std::vector<std::string> out{delimited("errorMessage", d)};
      for (const auto& m : messages)
        out.push_back(delimited(m, d));
      return join(out, "\n");
    }
    case response_type::text: {
      std::vector<std::string> out;
      for (const auto& m : messages)
        out.push_back(plain(m));
      return join(out, "\n");
    }
    case response_type::html: {
      std::string out = "<ul>";
      for (const auto& m : messages)
        out += "<li>" + html_escape(m) + "</li>";
      return out + "</ul>";
    }
    case response_type::ndjson:
    case response_type::jsonl:
    case response_type::json_seq: {
      std::vector<std::string> records;
      for (const auto& m : messages)
        records.push_back("{\"errorMessage\":" + json::quote(m) + "}");
      return lines(records, as == response_type::json_seq
                              ? std::string_view{"\x1E"}
                              : std::string_view{});
    }
  }
  return json::errors(messages);
}

} // namespace model::export_formats
