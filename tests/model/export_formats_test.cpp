#include "model/export_formats.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace model::export_formats;
using model::todo;
using rt = model::accept_q::response_type;

namespace {

std::vector<todo> sample() {
  todo a;
  a.id = 1;
  a.title = "scan \"paperwork\", today";
  a.done = true;
  a.description = "line1\nline2\tx\\y <b>&'";
  todo b;
  b.id = 2;
  b.title = "plain";
  return {a, b};
}

std::string render_of(rt as) {
  auto xs = sample();
  std::vector<const todo*> ptrs{&xs[0], &xs[1]};
  return render(as, ptrs);
}

} // namespace

TEST_SUITE("model.export_formats") {
  TEST_CASE("§11.6 format names, file names, the 400 message") {
    CHECK_EQ(from_short_name(" CSV "), format::csv);
    CHECK_EQ(from_short_name("txml"), format::text_xml);
    CHECK_EQ(from_short_name("plain"), format::text);
    CHECK_EQ(from_short_name("jsonseq"), format::json_seq);
    CHECK_EQ(from_short_name("tab-separated"), format::tsv);
    CHECK_FALSE(from_short_name(""));
    CHECK_FALSE(from_short_name("yaml"));
    CHECK_EQ(unsupported_message(),
             "Unsupported export format. Use one of: json, xml, text-xml, "
             "csv, text, html, ndjson, jsonl, json-seq, tsv");
    CHECK_EQ(content_disposition(format::csv),
             "attachment; filename=\"todos.csv\"");
    CHECK_EQ(filename(format::text_xml), "todos.xml");
    CHECK_EQ(filename(format::text), "todos.txt");
    CHECK_EQ(filename(format::json_seq), "todos.json-seq");
    CHECK_EQ(representation(format::text_xml), rt::text_xml);
    CHECK_EQ(model::accept_q::media_type(representation(format::tsv)),
             "text/tab-separated-values");
  }

  TEST_CASE("§11.6 CSV and TSV") {
    CHECK_EQ(render_of(rt::csv),
             "id,title,doneStatus,description\n"
             "1,\"scan \"\"paperwork\"\", today\",true,\"line1\nline2\tx\\y "
             "<b>&'\"\n"
             "2,plain,false,");
    CHECK_EQ(render_of(rt::tsv),
             "id\ttitle\tdoneStatus\tdescription\n"
             "1\tscan \"paperwork\", today\ttrue\tline1\\nline2\\tx\\\\y "
             "<b>&'\n"
             "2\tplain\tfalse\t");
    CHECK_EQ(render(rt::csv, {}), "id,title,doneStatus,description");
  }

  TEST_CASE("§11.6 text and HTML") {
    CHECK_EQ(render_of(rt::text),
             "id=1, title=scan \"paperwork\", today, doneStatus=true, "
             "description=line1\\nline2\tx\\\\y <b>&'\n"
             "id=2, title=plain, doneStatus=false, description=");
    CHECK_EQ(render(rt::text, {}), "");
    CHECK_EQ(render(rt::html, {}),
             "<table><thead><tr><th>id</th><th>title</th><th>doneStatus</th>"
             "<th>description</th></tr></thead><tbody></tbody></table>");
    auto html = render_of(rt::html);
    CHECK_NE(html.find("<td>line1\nline2\tx\\y &lt;b&gt;&amp;&#39;</td>"),
             std::string::npos);
    CHECK_NE(html.find("<tr><td>2</td><td>plain</td><td>false</td><td></td>"
                       "</tr></tbody></table>"),
             std::string::npos);
  }

  TEST_CASE("§11.6 NDJSON, JSON Lines and JSON text sequences") {
    auto one = std::string{
      R"({"id":2,"title":"plain","doneStatus":false,"description":""})"};
    auto nd = render_of(rt::ndjson);
    CHECK_EQ(nd, render_of(rt::jsonl));
    CHECK_EQ(nd.back(), '\n');
    CHECK_NE(nd.find("\n" + one + "\n"), std::string::npos);
    auto seq = render_of(rt::json_seq);
    CHECK_EQ(seq.front(), '\x1E');
    CHECK_NE(seq.find("\n\x1E" + one + "\n"), std::string::npos);
    CHECK_EQ(render(rt::ndjson, {}), "");
  }

  TEST_CASE("§11.6 JSON and XML are the API's own, errors in every format") {
    CHECK_EQ(render(rt::json, {}), R"({"todos":[]})");
    CHECK_EQ(render_errors(rt::csv, {"a,b", "c"}), "errorMessage\n\"a,b\"\nc");
    CHECK_EQ(render_errors(rt::html, {"<x>"}), "<ul><li>&lt;x&gt;</li></ul>");
    CHECK_EQ(render_errors(rt::jsonl, {"bad"}), "{\"errorMessage\":\"bad\"}\n");
    CHECK_EQ(render_errors(rt::text, {"a\nb", "c"}), "a\\nb\nc");
    CHECK_EQ(render_errors(rt::json, {"x"}), R"({"errorMessages":["x"]})");
  }
}
