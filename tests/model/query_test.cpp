#include "model/query.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace model::query;

namespace {

struct row {
  int id;
  std::string title;
  bool done;
};

const std::vector<field_def> fields = {
  {"id", field_type::integer},
  {"title", field_type::string},
  {"doneStatus", field_type::boolean},
};

const std::vector<row> default_rows = {
  {1, "alpha", false}, {2, "beta", true},  {3, "gamma", false},
  {10, "Beta", true},  {4, "delta", true},
};

/// Runs `select` over `rows` and returns the ids of the selected rows.
std::vector<int> ids(std::string_view raw_query,
                     const std::vector<row>& rows = default_rows) {
  auto value = [&rows](std::size_t i, std::size_t field) -> std::string {
    switch (field) {
      case 0: return std::to_string(rows[i].id);
      case 1: return rows[i].title;
      default: return rows[i].done ? "true" : "false";
    }
  };
  std::vector<int> result;
  for (auto i : select(raw_query, fields, rows.size(), value))
    result.push_back(rows[i].id);
  return result;
}

using v = std::vector<int>;

const v all = {1, 2, 3, 10, 4};

} // namespace

TEST_SUITE("model.query") {
  TEST_CASE("§2.7 an empty query selects every row in input order") {
    CHECK_EQ(ids(""), all);
    CHECK_EQ(ids("   "), all);
    CHECK_EQ(ids("&&"), all);
  }

  TEST_CASE("§2.7 equality on integer, string and boolean fields") {
    CHECK_EQ(ids("id=3"), v{3});
    CHECK_EQ(ids("title=beta"), v{2});
    CHECK_EQ(ids("doneStatus=true"), v{2, 10, 4});
    CHECK_EQ(ids("doneStatus=FALSE"), v{1, 3});
    CHECK_EQ(ids("id=99"), v{});
  }

  TEST_CASE("§2.7 every comparison operator") {
    CHECK_EQ(ids("id<3"), v{1, 2});
    CHECK_EQ(ids("id>3"), v{10, 4});
    CHECK_EQ(ids("id<=3"), v{1, 2, 3});
    CHECK_EQ(ids("id>=4"), v{10, 4});
    CHECK_EQ(ids("id!=3"), v{1, 2, 10, 4});
    CHECK_EQ(ids("id!3"), v{1, 2, 10, 4});
  }

  TEST_CASE("§2.7 comparisons follow the field type") {
    // Numerically, not "10" < "4".
    CHECK_EQ(ids("id>4"), v{10});
    // Strings lexicographically, byte-wise: "Beta" < "alpha" < "beta".
    CHECK_EQ(ids("title<beta"), v{1, 10});
    CHECK_EQ(ids("title>delta"), v{3});
    // Booleans: false < true.
    CHECK_EQ(ids("doneStatus<true"), v{1, 3});
    CHECK_EQ(ids("doneStatus>false"), v{2, 10, 4});
    CHECK_EQ(ids("doneStatus>=false"), all);
  }

  TEST_CASE("§2.7 values that do not parse as the field type match nothing") {
    CHECK_EQ(ids("id=abc"), v{});
    CHECK_EQ(ids("id!=abc"), v{});
    CHECK_EQ(ids("id="), v{});
    CHECK_EQ(ids("id=3.0"), v{});
    CHECK_EQ(ids("id=99999999999"), v{});
    CHECK_EQ(ids("doneStatus=yes"), v{});
    // Java's Integer.valueOf accepts a sign.
    CHECK_EQ(ids("id=%2B3"), v{3});
    CHECK_EQ(ids("id>-1"), all);
  }

  TEST_CASE("§2.7 operators are found in priority order, not position") {
    CHECK_EQ(ids("id>=3"), v{3, 10, 4});
    // `>` is found before `=` can be: the field name becomes `id=`.
    CHECK_EQ(ids("id=>3"), all);
    CHECK_EQ(ids("id=<3"), all);
    // `<=` anywhere wins over an earlier `=`: the field name is `title=a`.
    CHECK_EQ(ids("title=a<=b"), all);
    // The value keeps whatever follows the operator.
    CHECK_EQ(ids("title=beta=x"), v{});
  }

  TEST_CASE("§2.7 conditions are ANDed") {
    CHECK_EQ(ids("doneStatus=true&id>2"), v{10, 4});
    CHECK_EQ(ids("id>1&id<4"), v{2, 3});
    CHECK_EQ(ids("id>1&id<4&title=gamma"), v{3});
  }

  TEST_CASE("§2.7 names that are not fields are ignored") {
    CHECK_EQ(ids("priority=high"), all);
    CHECK_EQ(ids("priority=high&id=2"), v{2});
    // A part without an operator is ignored too.
    CHECK_EQ(ids("doneStatus"), all);
    CHECK_EQ(ids("doneStatus&id=2"), v{2});
    // Field names compare case-insensitively, as in the original.
    CHECK_EQ(ids("ID=2"), v{2});
    CHECK_EQ(ids("donestatus=true"), v{2, 10, 4});
    // Surrounding white space is trimmed from each part, not inner space.
    CHECK_EQ(ids("%20id=2%20"), v{2});
    CHECK_EQ(ids("id%20=2"), all);
  }

  TEST_CASE("§2.7 ~= is a full regex match") {
    CHECK_EQ(ids("title~=b.*"), v{2});
    CHECK_EQ(ids("title~=[bB]eta"), v{2, 10});
    CHECK_EQ(ids("title~=et"), v{});
    CHECK_EQ(ids("id~=1.*"), v{1, 10});
    CHECK_EQ(ids("doneStatus~=t.*"), v{2, 10, 4});
  }

  TEST_CASE("§2.7 an invalid or oversized regex matches nothing") {
    CHECK_EQ(ids("title~=("), v{});
    CHECK_EQ(ids("title~=[a"), v{});
    // 200 characters compile, 201 do not.
    std::string pattern = ".*";
    while (pattern.size() < 200)
      pattern += "()";
    CHECK_EQ(ids("title~=" + pattern), all);
    CHECK_EQ(ids("title~=" + pattern + "x"), v{});
    // Repetition counts that would blow up the automaton are refused.
    CHECK_EQ(ids("title~=.{0,100}"), all);
    CHECK_EQ(ids("title~=(.{0,20}){0,20}"), v{});
  }

  TEST_CASE("§2.7 a catastrophic regex does not hang") {
    std::vector<row> rows = {{1, std::string(40, 'a'), false}};
    auto start = std::chrono::steady_clock::now();
    CHECK_EQ(ids("title~=(a*)*b", rows), v{});
    CHECK_EQ(ids("title~=(a|aa)*c", rows), v{});
    CHECK_EQ(ids("title~=(a|aa)*", rows), v{1});
    auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK_LT(elapsed, std::chrono::seconds(2));
  }

  TEST_CASE("§2.7 *= is a full wildcard match") {
    CHECK_EQ(ids("title*=?eta"), v{2, 10});
    CHECK_EQ(ids("title*=*a"), all);
    CHECK_EQ(ids("title*=b*"), v{2});
    CHECK_EQ(ids("title*=*l*"), v{1, 4});
    CHECK_EQ(ids("title*=ta"), v{});
    CHECK_EQ(ids("title*=?????"), v{1, 3, 4});
    CHECK_EQ(ids("title*=*"), all);
    // Everything but `*` and `?` is literal.
    CHECK_EQ(ids("title*=b.*"), v{});
    CHECK_EQ(ids("title*=(beta"), v{});
    std::vector<row> rows = {{1, "a.b", false},
                             {2, "\xC3\xA9t\xC3\xA9", false}};
    CHECK_EQ(ids("title*=a.b", rows), v{1});
    // `?` is one character, not one byte.
    CHECK_EQ(ids("title*=?t?", rows), v{2});
    // Like Java's `.`, neither crosses a line break.
    std::vector<row> lines = {{1, "a\nb", false}, {2, "a-b", false}};
    CHECK_EQ(ids("title*=a*", lines), v{2});
    CHECK_EQ(ids("title*=a?b", lines), v{2});
  }

  TEST_CASE("§2.7 quirk: ~= and *= decide alone and skip later conditions") {
    CHECK_EQ(ids("title~=.*a&id=1"), all);
    CHECK_EQ(ids("title*=*a&id=1"), all);
    // Earlier conditions still apply.
    CHECK_EQ(ids("id=1&title~=.*a"), v{1});
    CHECK_EQ(ids("doneStatus=true&title*=*a"), v{2, 10, 4});
    // A failed match rejects the row whatever follows.
    CHECK_EQ(ids("title~=zzz&id=1"), v{});
    // Unknown names before the pattern are still skipped.
    CHECK_EQ(ids("priority=x&title*=b*&id=3"), v{2});
  }

  TEST_CASE("§2.7 the whole query is URL-decoded before it is split") {
    CHECK_EQ(ids("id%3E3"), v{10, 4});
    CHECK_EQ(ids("id%3D2%26doneStatus%3Dtrue"), v{2});
    CHECK_EQ(ids("title=%62eta"), v{2});
    CHECK_EQ(ids("title%7E%3D%5BbB%5Deta"), v{2, 10});
  }

  TEST_CASE("§2.7 `+` decodes to a space, as with Java's URLDecoder") {
    std::vector<row> rows = {{1, "a b", false}, {2, "a+b", false}};
    CHECK_EQ(ids("title=a+b", rows), v{1});
    CHECK_EQ(ids("title=a%20b", rows), v{1});
    CHECK_EQ(ids("title=a%2Bb", rows), v{2});
  }

  TEST_CASE("§2.7 sortBy sorts ascending or descending") {
    CHECK_EQ(ids("sortBy=id"), v{1, 2, 3, 4, 10});
    CHECK_EQ(ids("sortBy=-id"), v{10, 4, 3, 2, 1});
    CHECK_EQ(ids("sortBy=%2Bid"), v{1, 2, 3, 4, 10});
    CHECK_EQ(ids("sort_by=-id"), v{10, 4, 3, 2, 1});
    CHECK_EQ(ids("SORTBY=-id"), v{10, 4, 3, 2, 1});
    CHECK_EQ(ids("Sort_By=-id"), v{10, 4, 3, 2, 1});
    // Strings byte-wise, booleans false first; the sort is stable.
    CHECK_EQ(ids("sortBy=title"), v{10, 1, 2, 4, 3});
    CHECK_EQ(ids("sortBy=doneStatus"), v{1, 3, 2, 10, 4});
    CHECK_EQ(ids("sortBy=-doneStatus"), v{2, 10, 4, 1, 3});
  }

  TEST_CASE("§2.7 unknown sort fields are ignored") {
    CHECK_EQ(ids("sortBy=priority"), all);
    CHECK_EQ(ids("sortBy=-"), all);
    CHECK_EQ(ids("sortBy="), all);
    // An unencoded `+` is a space, so the field is " id" (as in the original).
    CHECK_EQ(ids("sortBy=+id"), all);
  }

  TEST_CASE("§2.7 sorting is stable") {
    std::vector<row> rows;
    v expected_false;
    v expected_true;
    for (int id = 1; id <= 60; ++id) {
      auto done = (id * 7) % 3 == 0;
      rows.push_back(row{id, "same", done});
      (done ? expected_true : expected_false).push_back(id);
    }
    auto expected = expected_false;
    expected.insert(expected.end(), expected_true.begin(), expected_true.end());
    CHECK_EQ(ids("sortBy=doneStatus", rows), expected);
    CHECK_EQ(ids("sortBy=title", rows), ids("", rows));
  }

  TEST_CASE("§2.7 several sort parameters are applied in sequence") {
    // Stable sorts: the last parameter is the primary key.
    CHECK_EQ(ids("sortBy=-id&sortBy=doneStatus"), v{3, 1, 10, 4, 2});
    CHECK_EQ(ids("sortBy=doneStatus&sortBy=-id"), v{10, 4, 3, 2, 1});
    CHECK_EQ(ids("sortBy=title&sortBy=-doneStatus"), v{10, 2, 4, 1, 3});
  }

  TEST_CASE("§2.7 filtering and sorting combine") {
    CHECK_EQ(ids("doneStatus=true&sortBy=-id"), v{10, 4, 2});
    CHECK_EQ(ids("sortBy=id&id>2"), v{3, 4, 10});
  }

  TEST_CASE("§2.7 first_value finds the first exact `name=` parameter") {
    CHECK_EQ(first_value("doneStatus=true", "doneStatus"), "true");
    CHECK_EQ(first_value("doneStatus=true&doneStatus=false", "doneStatus"),
             "true");
    CHECK_EQ(first_value("a=1&doneStatus=%74rue", "doneStatus"), "true");
    CHECK_EQ(first_value("doneStatus=", "doneStatus"), "");
    CHECK_EQ(first_value("doneStatus==true", "doneStatus"), "=true");
    CHECK_FALSE(first_value("doneStatus>=true", "doneStatus").has_value());
    CHECK_FALSE(first_value("donestatus=true", "doneStatus").has_value());
    CHECK_FALSE(first_value("doneStatus", "doneStatus").has_value());
    CHECK_FALSE(first_value("", "doneStatus").has_value());
    CHECK_EQ(first_value("doneStatus>x&doneStatus=false", "doneStatus"),
             "false");
  }

} // TEST_SUITE
