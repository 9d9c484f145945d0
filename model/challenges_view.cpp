#include "model/challenges_view.hpp"

#include "model/json_codec.hpp"
#include "model/query.hpp"
#include "model/xml_codec.hpp"

#include <vector>

namespace model::challenges_view {

namespace {

/// The fields of the `challenge` entity, in definition order (BEHAVIOUR §2.9).
enum column : std::size_t {
  id_column,
  name_column,
  description_column,
  status_column
};

const std::vector<query::field_def>& fields() {
  static const std::vector<query::field_def> result = {
    {"id", query::field_type::integer},
    {"name", query::field_type::string},
    {"description", query::field_type::string},
    {"status", query::field_type::boolean},
  };
  return result;
}

const char* status_text(const progress& done, challenge x) {
  return done.test(index_of(x)) ? "true" : "false";
}

/// The defined challenges that `raw_query` selects, in output order.
std::vector<challenge> rows(const challenge_set& defined, const progress& done,
                            std::string_view raw_query) {
  const auto& items = defined.items();
  auto value = [&](std::size_t row, std::size_t field) -> std::string {
    auto x = items[row];
    switch (field) {
      case id_column: return std::to_string(defined.id_of(x));
      case name_column: return std::string{defined.info(x).name};
      case description_column: return std::string{defined.info(x).description};
      default: return status_text(done, x);
    }
  };
  std::vector<challenge> result;
  for (auto row : query::select(raw_query, fields(), items.size(), value))
    result.push_back(items[row]);
  return result;
}

} // namespace

std::string json(const challenge_set& defined, const progress& done,
                 std::string_view raw_query) {
  auto shown = rows(defined, done, raw_query);
  std::string result = R"({"challenges":[)";
  // About the body's size: one allocation instead of a dozen.
  std::size_t size = 16;
  for (auto x : shown)
    size += 64 + defined.info(x).name.size()
            + defined.info(x).description.size();
  result.reserve(size);
  auto first = true;
  for (auto x : shown) {
    if (!first)
      result += ',';
    first = false;
    result += R"({"id":)";
    result += std::to_string(defined.id_of(x));
    result += R"(,"name":)";
    json::append_quoted(result, defined.info(x).name);
    result += R"(,"description":)";
    json::append_quoted(result, defined.info(x).description);
    result += R"(,"status":)";
    result += status_text(done, x);
    result += '}';
  }
  result += "]}";
  return result;
}

std::string xml(const challenge_set& defined, const progress& done,
                std::string_view raw_query) {
  std::string result = "<challenges>";
  for (auto x : rows(defined, done, raw_query)) {
    result += "<challenge><name>";
    result += xml::escape(defined.info(x).name);
    result += "</name><description>";
    result += xml::escape(defined.info(x).description);
    result += "</description><id>";
    result += std::to_string(defined.id_of(x));
    result += "</id><status>";
    result += status_text(done, x);
    result += "</status></challenge>";
  }
  result += "</challenges>";
  return result;
}

} // namespace model::challenges_view
