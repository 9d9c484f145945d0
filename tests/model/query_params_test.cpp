#include "model/query_params.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace model::query_params;
using model::query::field_def;
using model::query::field_type;

namespace {

struct row {
  int id;
  std::string title;
  bool done;
  std::string description;
};

const std::vector<field_def> fields = {
  {"id", field_type::integer},
  {"title", field_type::string},
  {"doneStatus", field_type::boolean},
  {"description", field_type::string},
};

std::vector<row> make_rows(int n) {
  std::vector<row> result;
  for (int i = 1; i <= n; ++i)
    result.push_back(row{i, "todo " + std::to_string(i), i % 2 == 0,
                         i % 3 == 0 ? "" : "desc " + std::to_string(i)});
  return result;
}

struct outcome {
  std::vector<int> ids;
  std::optional<failure> error;
};

outcome run(std::string_view query, const std::vector<row>& rows,
            const paging* pages) {
  auto value = [&rows](std::size_t i, std::size_t field) -> std::string {
    switch (field) {
      case 0: return std::to_string(rows[i].id);
      case 1: return rows[i].title;
      case 2: return rows[i].done ? "true" : "false";
      default: return rows[i].description;
    }
  };
  auto sel = select(parse(query), fields, rows.size(), value, pages);
  outcome result;
  for (auto i : sel.rows)
    result.ids.push_back(rows[i].id);
  result.error = sel.error;
  return result;
}

const paging standard{};

/// Ids selected from 15 rows with the standard paging.
std::vector<int> ids(std::string_view query) {
  auto out = run(query, make_rows(15), &standard);
  REQUIRE_FALSE(out.error);
  return out.ids;
}

/// The 400 message of a read of 15 rows.
std::string error_of(std::string_view query) {
  auto out = run(query, make_rows(15), &standard);
  REQUIRE(out.error);
  CHECK_EQ(out.error->status, 400);
  CHECK(out.ids.empty());
  return out.error->message;
}

using v = std::vector<int>;

} // namespace

TEST_SUITE("model.query_params") {
  TEST_CASE("§11.1 a plain read is cut to the default limit of 10") {
    CHECK_EQ(ids(""), v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    auto out = run("", make_rows(15), nullptr);
    CHECK_EQ(out.ids.size(), 15);
  }

  TEST_CASE("§11.1 _limit and _offset page the result, capped at 20") {
    CHECK_EQ(ids("_limit=8").size(), 8);
    CHECK_EQ(ids("_limit=5&_offset=5"), v{6, 7, 8, 9, 10});
    CHECK_EQ(ids("_offset=12"), v{13, 14, 15});
    CHECK_EQ(ids("_offset=15"), v{});
    CHECK_EQ(ids("_limit=0"), v{});
    auto thirty = run("_limit=25", make_rows(30), &standard);
    CHECK_EQ(thirty.ids.size(), 20);
    // The last of repeated names wins; surrounding blanks are trimmed.
    CHECK_EQ(ids("_limit=3&_limit=2"), v{1, 2});
    CHECK_EQ(ids("_limit=%202%20"), v{1, 2});
    CHECK_EQ(ids("_limit=+2"), v{1, 2});
  }

  TEST_CASE("§11.1 bad paging values are 400 with the original's message") {
    CHECK_EQ(error_of("_limit=abc"), "_limit must be a non-negative integer");
    CHECK_EQ(error_of("_limit=-1"), "_limit must be a non-negative integer");
    CHECK_EQ(error_of("_offset=1.5"), "_offset must be a non-negative integer");
    CHECK_EQ(error_of("_limit>2"), "_limit must be a non-negative integer");
    CHECK_EQ(error_of("_limit"), "_limit must be a non-negative integer");
    CHECK_EQ(error_of("_limit=99999999999"),
             "_limit must be a non-negative integer");
    // The first bad one is reported.
    CHECK_EQ(error_of("_offset=x&_limit=y"),
             "_offset must be a non-negative integer");
  }

  TEST_CASE("§11.1 the request check refuses _limit above the maximum") {
    auto e = limit_too_high("_limit=21", 20);
    REQUIRE(e);
    CHECK_EQ(e->status, 400);
    CHECK_EQ(e->message, "_limit must be no more than 20");
    CHECK(limit_too_high("doneStatus=true&_limit=%2B50", 20));
    CHECK_FALSE(limit_too_high("_limit=20", 20));
    CHECK_FALSE(limit_too_high("_limit=abc", 20));
    CHECK_FALSE(limit_too_high("_limit=-50", 20));
    CHECK_FALSE(limit_too_high("_limit=99999999999", 20));
    // Only the first _limit counts.
    CHECK_FALSE(limit_too_high("_limit=5&_limit=50", 20));
    CHECK_FALSE(limit_too_high("", 20));
  }

  TEST_CASE("§11.1 filters: every operator") {
    CHECK_EQ(ids("id>12"), v{13, 14, 15});
    CHECK_EQ(ids("id<3"), v{1, 2});
    CHECK_EQ(ids("id>=14"), v{14, 15});
    CHECK_EQ(ids("id<=2"), v{1, 2});
    CHECK_EQ(ids("id=7"), v{7});
    CHECK_EQ(ids("id==7"), v{7});
    CHECK_EQ(ids("_limit=20&id!=2").size(), 14);
    CHECK_EQ(ids("_limit=20&id!2").size(), 14);
    CHECK_EQ(ids("title%25=todo 1"), v{1, 10, 11, 12, 13, 14, 15});
    // Unescaped, `%=` is a bad escape: the whole query is dropped.
    CHECK_EQ(ids("title%=todo 1").size(), 10);
    // After `=`, a leading operator counts: id=>13 is id > 13.
    CHECK_EQ(ids("id=>13"), v{14, 15});
    // Conditions are ANDed.
    CHECK_EQ(ids("id>3&id<6"), v{4, 5});
    CHECK_EQ(ids("doneStatus=true&id<7"), v{2, 4, 6});
    // Field names in any case; unknown names are ignored.
    CHECK_EQ(ids("ID=3&nosuch=1"), v{3});
  }

  TEST_CASE("§11.1 regex and wildcard filters match the whole value") {
    CHECK_EQ(ids("description~=desc 1.*"), v{1, 10, 11, 13, 14});
    CHECK_EQ(ids("description*=desc 1?"), v{10, 11, 13, 14});
    CHECK_EQ(ids("description*=*5"), v{5});
    // Either one decides alone: the later id filter is never reached.
    CHECK_EQ(ids("description~=desc 1&id>100"), v{1});
  }

  TEST_CASE("§11.1 a value the field cannot read fails the read") {
    CHECK_EQ(error_of("doneStatus=maybe"), "maybe is not boolean");
    CHECK_EQ(error_of("id>abc"),
             "Character a is neither a decimal digit number, decimal point, "
             "nor \"e\" notation exponential mark.");
    CHECK_EQ(error_of("id=1.5"), "java.lang.NumberFormatException");
    CHECK_EQ(error_of("id"), "java.lang.NumberFormatException");
    CHECK(error_of("title~=(").find("(") != std::string::npos);
    // Numbers as BigDecimal reads them.
    CHECK_EQ(ids("id=7.0"), v{7});
    CHECK_EQ(ids("id=0.7e1"), v{7});
    CHECK_EQ(ids("id<%2B2"), v{1});
    // `+` is a space, which BigDecimal refuses.
    CHECK_EQ(error_of("id<+2"),
             "Character   is neither a decimal digit number, decimal point, "
             "nor \"e\" notation exponential mark.");
    // No row, no comparison, no error.
    auto empty = run("id>abc", {}, &standard);
    CHECK_FALSE(empty.error);
  }

  TEST_CASE("§11.1 _sortBy: ascending, descending, several fields, stable") {
    CHECK_EQ(ids("_sortBy=-id&_limit=3"), v{15, 14, 13});
    CHECK_EQ(ids("_sortBy=id&_limit=3"), v{1, 2, 3});
    CHECK_EQ(ids("_sortBy=%2Bid&_limit=3"), v{1, 2, 3});
    // doneStatus false first, then id descending within each.
    CHECK_EQ(ids("_sortBy=doneStatus,-id&_limit=4"), v{15, 13, 11, 9});
    CHECK_EQ(ids("_sortBy=-doneStatus&_sortBy=-id&_limit=3"), v{14, 12, 10});
    // Unknown sort fields are ignored, input order kept.
    CHECK_EQ(ids("_sortBy=nosuch&_limit=2"), v{1, 2});
    // Filter, then sort, then page.
    CHECK_EQ(ids("doneStatus=false&_sortBy=-id&_limit=2&_offset=1"), v{13, 11});
    auto keys = sort_keys(parse("_sortBy=-title, +ID ,,-"), fields);
    REQUIRE_EQ(keys.size(), 2);
    CHECK_EQ(keys[0].field, 1);
    CHECK(keys[0].descending);
    CHECK_EQ(keys[1].field, 0);
    CHECK_FALSE(keys[1].descending);
  }

  TEST_CASE("§11.1 parsing: decoding, earliest operator, malformed input") {
    auto ps = parse("a%3D1&b<=2&c=<3&%20d%20");
    REQUIRE_EQ(ps.size(), 4);
    CHECK_EQ(ps[0].name, "a");
    CHECK_EQ(ps[0].op, operation::equals);
    CHECK_EQ(ps[0].value, "1");
    CHECK_EQ(ps[1].op, operation::less_equal);
    CHECK_EQ(ps[2].op, operation::less);
    CHECK_EQ(ps[2].value, "3");
    CHECK_EQ(ps[3].name, "d");
    CHECK_EQ(ps[3].value, "");
    CHECK_EQ(parse("title=a+b")[0].value, "a b");
    // A bad escape or a missing name drops the whole query...
    CHECK(parse("id=3&x=%zz").empty());
    CHECK(parse("=3&id=4").empty());
    // ...so that only the default paging applies.
    CHECK_EQ(ids("id=3&x=%zz").size(), 10);
    auto strict = parse_strict("id=%zz");
    REQUIRE(strict.error);
    CHECK_EQ(*strict.error,
             "URLDecoder: Illegal hex characters in escape (%) pattern - "
             "Error at index 0 in: \"zz\"");
    CHECK_EQ(*parse_strict("id=%4").error,
             "URLDecoder: Incomplete trailing escape (%) pattern");
    CHECK_EQ(*parse_strict("id=%-1").error,
             "URLDecoder: Illegal hex characters in escape (%) pattern - "
             "negative value");
    CHECK_EQ(*parse_strict("<3").error,
             "Malformed query content: field name is missing");
    // Bytes that are not UTF-8 decode to U+FFFD.
    CHECK_EQ(java_url_decode("%C3%A9%FF").text, "\xC3\xA9\xEF\xBF\xBD");
  }
}
