// Fuzz target: the 2026 edition's parsers (BEHAVIOUR §11): query strings
// with paging, Accept q-values, PATCH documents, QUERY bodies (form,
// structured JSON, JSONPath) and the JSON document reader. The first byte
// picks the parser; the rest is its input.

#include "fuzz.hpp"
#include "model/accept_q.hpp"
#include "model/export_formats.hpp"
#include "model/icalendar.hpp"
#include "model/json_value.hpp"
#include "model/query_body.hpp"
#include "model/query_params.hpp"
#include "model/todo_patch.hpp"

namespace {

const std::vector<model::query::field_def> fields{
  {"id", model::query::field_type::integer},
  {"title", model::query::field_type::string},
  {"doneStatus", model::query::field_type::boolean},
  {"description", model::query::field_type::string},
};

/// Seeded todos with some odd values.
const std::vector<model::todo>& rows() {
  static const auto result = [] {
    auto db = model::todo_store::seeded();
    std::vector<model::todo> xs{db.items().begin(), db.items().end()};
    xs[1].done = true;
    xs[2].description = "a, \"description\"; with\r\nbreaks\\";
    xs[3].title = "UPPER lower 123 \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    xs[5].title = "*?.[]()\\^$|+{}<>&'";
    return xs;
  }();
  return result;
}

std::string value_of(std::size_t row, std::size_t field) {
  const auto& x = rows()[row];
  switch (field) {
    case 0: return std::to_string(x.id);
    case 1: return x.title;
    case 2: return x.done ? "true" : "false";
    default: return x.description;
  }
}

/// The rows' listing as the QUERY's JSONPath sees it.
const model::json_value& listing() {
  static const auto result = [] {
    auto list = model::json_value::array();
    for (const auto& x : rows())
      list.items().push_back(model::todo_patch::document_of(x));
    auto doc = model::json_value::object();
    doc.set("todos", std::move(list));
    return doc;
  }();
  return result;
}

void check_selection(const std::vector<std::size_t>& selected,
                     std::size_t limit) {
  FUZZ_REQUIRE(selected.size() <= limit);
  for (auto i : selected)
    FUZZ_REQUIRE(i < rows().size());
}

void query_strings(std::string_view input) {
  namespace qp = model::query_params;
  qp::paging pages;
  auto params = qp::parse(input);
  auto paged = qp::select(params, fields, rows().size(), value_of, &pages);
  if (paged.error)
    FUZZ_REQUIRE(paged.rows.empty() && paged.error->status == 400);
  check_selection(paged.rows, pages.max_limit);
  auto all = qp::select(params, fields, rows().size(), value_of, nullptr);
  check_selection(all.rows, rows().size());
  if (auto e = qp::limit_too_high(input, pages.max_limit))
    FUZZ_REQUIRE(e->status == 400);
  auto strict = qp::parse_strict(input);
  FUZZ_REQUIRE(!strict.error || strict.params.empty());
}

void accept_headers(std::string_view input) {
  namespace aq = model::accept_q;
  std::string header{input};
  const std::vector<std::string> names{"todo", "todos"};
  auto choice = aq::negotiate(&header, names);
  auto problem = aq::validate(&header, names);
  if (!problem)
    FUZZ_REQUIRE(choice.has_value());
  if (choice)
    FUZZ_REQUIRE(!choice->content_type.empty());
  (void)aq::prefers_text_calendar(&header);
  (void)aq::prefers_xml(&header);
  for (const auto& r : aq::parse(header))
    FUZZ_REQUIRE(!r.q_valid || (r.q >= 0.0 && r.q <= 1.0));
}

void patches(std::string_view input) {
  namespace tp = model::todo_patch;
  for (auto how : {tp::style::partial_json, tp::style::merge_patch,
                   tp::style::json_patch}) {
    auto out = tp::apply(how, rows()[0], input);
    if (out.error) {
      FUZZ_REQUIRE(out.document.empty());
      continue;
    }
    auto doc = model::read_json(out.document);
    FUZZ_REQUIRE(doc.doc && doc.doc->is_object());
  }
}

void query_bodies(std::string_view input) {
  namespace qb = model::query_body;
  for (const char* type :
       {"application/x-www-form-urlencoded", "application/jsonpath",
        "application/vnd.thingifier.query+json"}) {
    std::string content_type{type};
    (void)qb::check(&content_type, input);
  }
  for (auto f : {qb::format::form, qb::format::structured}) {
    auto c = qb::params_for(f, "", input, fields);
    if (!c.error) {
      model::query_params::paging pages;
      auto s = model::query_params::select(c.params, fields, rows().size(),
                                           value_of, &pages);
      check_selection(s.rows, pages.max_limit);
    }
  }
  auto s = qb::select_jsonpath(input, listing(), "todos");
  if (s.error)
    FUZZ_REQUIRE(s.rows.empty());
  for (auto i : s.rows)
    FUZZ_REQUIRE(i < rows().size());
}

void json_documents(std::string_view input) {
  auto first = model::read_json(input);
  if (!first.doc)
    return;
  auto written = model::write_json(*first.doc);
  auto second = model::read_json(written);
  FUZZ_REQUIRE(second.doc && *second.doc == *first.doc);
  FUZZ_REQUIRE(model::write_json(*second.doc) == written);
  if (model::text::valid_utf8(input))
    FUZZ_REQUIRE(fuzz::valid_json(written));
}

void renderings(std::string_view input) {
  model::todo x;
  x.id = 3;
  x.title = std::string{input.substr(0, input.size() / 2)};
  x.description = std::string{input.substr(input.size() / 2)};
  std::vector<const model::todo*> xs{&x, &rows()[1]};
  for (auto t : model::accept_q::all_types) {
    (void)model::export_formats::render(t, xs);
    (void)model::export_formats::render_errors(t, {x.title});
  }
  auto v = model::icalendar::vtodo(x);
  // Escaping leaves no bare line break inside a property.
  auto lines = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (v[i] == '\n') {
      FUZZ_REQUIRE(i > 0 && v[i - 1] == '\r');
      ++lines;
    }
  if (x.title.find('\r') == std::string::npos
      && x.description.find('\r') == std::string::npos)
    FUZZ_REQUIRE(lines == 9);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  auto input = fuzz::as_text(data + 1, size - 1);
  switch (data[0] % 6) {
    case 0: query_strings(input); break;
    case 1: accept_headers(input); break;
    case 2: patches(input); break;
    case 3: query_bodies(input); break;
    case 4: json_documents(input); break;
    default: renderings(input); break;
  }
  return 0;
}
