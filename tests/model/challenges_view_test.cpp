#include "model/challenges_view.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace model;

namespace {

challenge_set single_user_set() {
  return challenge_set::for_config(
    api_config{user_mode::single_user, true, false});
}

challenge_set hosted_set() {
  return challenge_set::for_config(
    api_config{user_mode::multi_user, false, false});
}

progress done_of(std::initializer_list<challenge> xs) {
  progress result;
  for (auto x : xs)
    result.set(index_of(x));
  return result;
}

std::size_t count(const std::string& haystack, std::string_view needle) {
  std::size_t result = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1))
    ++result;
  return result;
}

} // namespace

TEST_SUITE("model.challenges_view") {
  TEST_CASE("§2.9 JSON for a small selection is byte-exact") {
    auto done = done_of({challenge::CREATE_NEW_CHALLENGER});
    CHECK_EQ(
      challenges_view::json(single_user_set(), done, "id<=2"),
      R"x({"challenges":[{"id":1,"name":"POST /challenger (201)",)x"
      R"x("description":"Issue a POST request on the `/challenger` end )x"
      R"x(point, with no body, to create a new challenger session. Use )x"
      R"x(the generated X-CHALLENGER header in future requests to track )x"
      R"x(challenge completion.","status":true},{"id":2,"name":"GET )x"
      R"x(/challenges (200)","description":"Issue a GET request on the )x"
      R"x(`/challenges` end point","status":false}]})x");
  }

  TEST_CASE("§2.9 XML for a small selection is byte-exact") {
    auto done = done_of({challenge::GET_CHALLENGES});
    CHECK_EQ(challenges_view::xml(single_user_set(), done, "id<=2"),
             "<challenges><challenge><name>POST /challenger (201)</name>"
             "<description>Issue a POST request on the `/challenger` end "
             "point, with no body, to create a new challenger session. Use the "
             "generated X-CHALLENGER header in future requests to track "
             "challenge completion.</description><id>1</id>"
             "<status>false</status></challenge><challenge>"
             "<name>GET /challenges (200)</name><description>Issue a GET "
             "request on the `/challenges` end point</description><id>2</id>"
             "<status>true</status></challenge></challenges>");
  }

  TEST_CASE("§2.9 quotes in descriptions are escaped for JSON and XML") {
    auto set = single_user_set();
    auto id = std::to_string(set.id_of(challenge::POST_SECRET_NOTE_200));
    auto json = challenges_view::json(set, progress{}, "id=" + id);
    CHECK_NE(json.find(R"(note payload e.g. {\"note\":\"my note\"} and)"),
             std::string::npos);
    CHECK_EQ(count(json, R"("id":)"), 1u);
    auto xml = challenges_view::xml(set, progress{}, "id=" + id);
    CHECK_NE(xml.find("{&quot;note&quot;:&quot;my note&quot;}"),
             std::string::npos);
  }

  TEST_CASE("§2.9 every defined challenge is listed, ids ascending") {
    auto set = hosted_set();
    auto json = challenges_view::json(set, progress{}, "");
    CHECK_EQ(count(json, R"("id":)"), 59u);
    CHECK_EQ(count(json, R"("status":false)"), 59u);
    CHECK_LT(json.find(R"("id":1,)"), json.find(R"("id":2,)"));
    CHECK_LT(json.find(R"("id":58,)"), json.find(R"("id":59,)"));
    CHECK_EQ(json.find("GET /challenger/guid (200)"), std::string::npos);
    auto xml = challenges_view::xml(set, progress{}, "");
    CHECK_EQ(count(xml, "<challenge>"), 59u);
    std::string tail = "<id>59</id><status>false</status></challenge></"
                       "challenges>";
    REQUIRE_GT(xml.size(), tail.size());
    CHECK_EQ(xml.substr(xml.size() - tail.size()), tail);
  }

  TEST_CASE("§2.9 ?status=true lists only completed challenges") {
    auto set = single_user_set();
    auto done = done_of({challenge::CREATE_NEW_CHALLENGER, challenge::GET_TODOS,
                         challenge::POST_ALL_TODOS});
    auto json = challenges_view::json(set, done, "status=true");
    CHECK_EQ(count(json, R"("id":)"), 3u);
    CHECK_NE(json.find(R"x({"id":1,"name":"POST /challenger (201)")x"),
             std::string::npos);
    CHECK_NE(json.find(R"x({"id":3,"name":"GET /todos (200)")x"),
             std::string::npos);
    CHECK_NE(json.find(R"x({"id":58,"name":"POST /todos (201) all")x"),
             std::string::npos);
    CHECK_EQ(count(json, R"("status":true)"), 3u);
    auto xml = challenges_view::xml(set, done, "status=true");
    CHECK_EQ(count(xml, "<challenge>"), 3u);
    CHECK_EQ(count(challenges_view::json(set, done, "status=false"),
                   R"("id":)"),
             55u);
  }

  TEST_CASE("§2.9 an empty selection is an empty list") {
    auto set = single_user_set();
    CHECK_EQ(challenges_view::json(set, progress{}, "status=true"),
             R"({"challenges":[]})");
    CHECK_EQ(challenges_view::xml(set, progress{}, "status=true"),
             "<challenges></challenges>");
  }

  TEST_CASE("§2.9 sortBy reorders the list") {
    auto set = single_user_set();
    auto json = challenges_view::json(set, progress{}, "sortBy=-id&id>56");
    CHECK_EQ(json.substr(0, 23), R"({"challenges":[{"id":58)");
    CHECK_LT(json.find(R"("id":58,)"), json.find(R"("id":57,)"));
    CHECK_EQ(count(json, R"("id":)"), 2u);
  }

} // TEST_SUITE
