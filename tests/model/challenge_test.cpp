#include "model/challenge.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace model;

namespace {

api_config single_user() {
  return api_config{user_mode::single_user, true, false};
}

api_config hosted() {
  return api_config{user_mode::multi_user, false, false};
}

api_config multi_user_storage() {
  return api_config{user_mode::multi_user, true, false};
}

/// The id of each challenge in the three configurations of BEHAVIOUR §1.2
/// (0 = not defined).
struct expected_ids {
  challenge key;
  int hosted;
  int single;
  int multi;
};

const expected_ids spec_ids[] = {
  {challenge::CREATE_NEW_CHALLENGER, 1, 1, 1},
  {challenge::GET_CHALLENGES, 2, 2, 2},
  {challenge::GET_TODOS, 3, 3, 3},
  {challenge::GET_TODOS_NOT_PLURAL_404, 4, 4, 4},
  {challenge::GET_TODO, 5, 5, 5},
  {challenge::GET_TODO_404, 6, 6, 6},
  {challenge::GET_TODOS_FILTERED, 7, 7, 7},
  {challenge::GET_HEAD_TODOS, 8, 8, 8},
  {challenge::POST_TODOS, 9, 9, 9},
  {challenge::POST_TODOS_BAD_DONE_STATUS, 10, 10, 10},
  {challenge::POST_TODOS_TOO_LONG_TITLE_LENGTH, 11, 11, 11},
  {challenge::POST_TODOS_TOO_LONG_DESCRIPTION_LENGTH, 12, 12, 12},
  {challenge::POST_MAX_OUT_TITLE_DESCRIPTION_LENGTH, 13, 13, 13},
  {challenge::POST_TODOS_TOO_LONG_PAYLOAD_SIZE, 14, 14, 14},
  {challenge::POST_TODOS_INVALID_EXTRA_FIELD, 15, 15, 15},
  {challenge::PUT_TODOS_400, 16, 16, 16},
  {challenge::POST_UPDATE_TODO, 17, 17, 17},
  {challenge::POST_TODOS_404, 18, 18, 18},
  {challenge::PUT_TODOS_FULL_200, 19, 19, 19},
  {challenge::PUT_TODOS_PARTIAL_200, 20, 20, 20},
  {challenge::PUT_TODOS_MISSING_TITLE_400, 21, 21, 21},
  {challenge::PUT_TODOS_400_NO_AMEND_ID, 22, 22, 22},
  {challenge::DELETE_A_TODO, 23, 23, 23},
  {challenge::OPTIONS_TODOS, 24, 24, 24},
  {challenge::GET_ACCEPT_XML, 25, 25, 25},
  {challenge::GET_ACCEPT_JSON, 26, 26, 26},
  {challenge::GET_ACCEPT_ANY_DEFAULT_JSON, 27, 27, 27},
  {challenge::GET_ACCEPT_XML_PREFERRED, 28, 28, 28},
  {challenge::GET_JSON_BY_DEFAULT_NO_ACCEPT, 29, 29, 29},
  {challenge::GET_UNSUPPORTED_ACCEPT_406, 30, 30, 30},
  {challenge::POST_CREATE_XML, 31, 31, 31},
  {challenge::POST_CREATE_JSON, 32, 32, 32},
  {challenge::POST_TODOS_415, 33, 33, 33},
  {challenge::GET_RESTORE_EXISTING_CHALLENGER, 0, 0, 34},
  {challenge::POST_RESTORE_EXISTING_CHALLENGER, 0, 0, 35},
  {challenge::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS, 34, 34, 36},
  {challenge::PUT_RESTORABLE_CHALLENGER_PROGRESS_STATUS, 35, 35, 37},
  {challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS, 36, 0, 38},
  {challenge::GET_RESTORABLE_TODOS, 37, 36, 39},
  {challenge::PUT_RESTORABLE_TODOS, 38, 37, 40},
  {challenge::POST_CREATE_XML_ACCEPT_JSON, 39, 38, 41},
  {challenge::POST_CREATE_JSON_ACCEPT_XML, 40, 39, 42},
  {challenge::DELETE_HEARTBEAT_405, 41, 40, 43},
  {challenge::PATCH_HEARTBEAT_500, 42, 41, 44},
  {challenge::TRACE_HEARTBEAT_501, 43, 42, 45},
  {challenge::GET_HEARTBEAT_204, 44, 43, 46},
  {challenge::OVERRIDE_DELETE_HEARTBEAT_405, 45, 44, 47},
  {challenge::OVERRIDE_PATCH_HEARTBEAT_500, 46, 45, 48},
  {challenge::OVERRIDE_TRACE_HEARTBEAT_501, 47, 46, 49},
  {challenge::CREATE_SECRET_TOKEN_401, 48, 47, 50},
  {challenge::CREATE_SECRET_TOKEN_201, 49, 48, 51},
  {challenge::GET_SECRET_NOTE_403, 50, 49, 52},
  {challenge::GET_SECRET_NOTE_401, 51, 50, 53},
  {challenge::GET_SECRET_NOTE_200, 52, 51, 54},
  {challenge::POST_SECRET_NOTE_200, 53, 52, 55},
  {challenge::POST_SECRET_NOTE_401, 54, 53, 56},
  {challenge::POST_SECRET_NOTE_403, 55, 54, 57},
  {challenge::GET_SECRET_NOTE_BEARER_200, 56, 55, 58},
  {challenge::POST_SECRET_NOTE_BEARER_200, 57, 56, 59},
  {challenge::DELETE_ALL_TODOS, 58, 57, 60},
  {challenge::POST_ALL_TODOS, 59, 58, 61},
};

} // namespace

TEST_SUITE("model.challenge") {
  TEST_CASE("§1.2 single-user defines 58 challenges") {
    auto set = challenge_set::for_config(single_user());
    CHECK_EQ(set.size(), 58u);
    CHECK_EQ(set.mask().count(), 58u);
    CHECK_FALSE(set.contains(challenge::GET_RESTORE_EXISTING_CHALLENGER));
    CHECK_FALSE(set.contains(challenge::POST_RESTORE_EXISTING_CHALLENGER));
    CHECK_FALSE(
      set.contains(challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS));
    CHECK(set.contains(challenge::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS));
    // Storage does not matter in single-user mode.
    auto no_storage = single_user();
    no_storage.storage = false;
    CHECK_EQ(challenge_set::for_config(no_storage).size(), 58u);
  }

  TEST_CASE("§1.2 hosted multi-user without storage defines 59 challenges") {
    auto set = challenge_set::for_config(hosted());
    CHECK_EQ(set.size(), 59u);
    CHECK_FALSE(set.contains(challenge::GET_RESTORE_EXISTING_CHALLENGER));
    CHECK_FALSE(set.contains(challenge::POST_RESTORE_EXISTING_CHALLENGER));
    CHECK(set.contains(challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS));
  }

  TEST_CASE("§1.2 multi-user with storage defines all 61 challenges") {
    auto set = challenge_set::for_config(multi_user_storage());
    CHECK_EQ(set.size(), 61u);
    CHECK_EQ(set.size(), challenge_count);
    CHECK(set.contains(challenge::GET_RESTORE_EXISTING_CHALLENGER));
    CHECK(set.contains(challenge::POST_RESTORE_EXISTING_CHALLENGER));
    CHECK(set.contains(challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS));
  }

  TEST_CASE("§1.2 ids shift between configurations") {
    auto s = challenge_set::for_config(single_user());
    auto h = challenge_set::for_config(hosted());
    auto m = challenge_set::for_config(multi_user_storage());
    auto key = challenge::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS;
    CHECK_EQ(h.id_of(key), 34);
    CHECK_EQ(s.id_of(key), 34);
    CHECK_EQ(m.id_of(key), 36);
    CHECK_EQ(h.id_of(challenge::DELETE_ALL_TODOS), 58);
    CHECK_EQ(s.id_of(challenge::DELETE_ALL_TODOS), 57);
    CHECK_EQ(m.id_of(challenge::DELETE_ALL_TODOS), 60);
    CHECK_EQ(h.id_of(challenge::POST_ALL_TODOS), 59);
    CHECK_EQ(s.id_of(challenge::POST_ALL_TODOS), 58);
    CHECK_EQ(m.id_of(challenge::POST_ALL_TODOS), 61);
    CHECK_EQ(s.id_of(challenge::CREATE_NEW_CHALLENGER), 1);
    CHECK_EQ(s.id_of(challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS),
             0);
    CHECK_EQ(h.id_of(challenge::GET_RESTORE_EXISTING_CHALLENGER), 0);
  }

  TEST_CASE("§1.2 every id matches its position in each configuration") {
    auto s = challenge_set::for_config(single_user());
    auto h = challenge_set::for_config(hosted());
    auto m = challenge_set::for_config(multi_user_storage());
    for (const auto& row : spec_ids) {
      CAPTURE(info(row.key).key_name);
      CHECK_EQ(h.id_of(row.key), row.hosted);
      CHECK_EQ(s.id_of(row.key), row.single);
      CHECK_EQ(m.id_of(row.key), row.multi);
    }
  }

  TEST_CASE("§1.2 an id is the 1-based position in the defined list") {
    for (const auto& cfg : {single_user(), hosted(), multi_user_storage()}) {
      auto set = challenge_set::for_config(cfg);
      for (std::size_t i = 0; i < set.items().size(); ++i) {
        auto x = set.items()[i];
        CHECK(set.contains(x));
        CHECK_EQ(set.id_of(x), static_cast<int>(i) + 1);
        // Catalogue order is kept.
        if (i > 0)
          CHECK_LT(index_of(set.items()[i - 1]), index_of(x));
      }
    }
  }

  TEST_CASE("§1.2 every key round-trips through challenge_from_key") {
    for (std::size_t i = 0; i < challenge_count; ++i) {
      auto x = static_cast<challenge>(i);
      const auto& entry = info(x);
      CAPTURE(entry.key_name);
      CHECK_EQ(entry.key, x);
      REQUIRE_FALSE(entry.key_name.empty());
      auto found = challenge_from_key(entry.key_name);
      REQUIRE(found.has_value());
      CHECK_EQ(*found, x);
    }
    CHECK_EQ(info(challenge::POST_MAX_OUT_TITLE_DESCRIPTION_LENGTH).key_name,
             "POST_MAX_OUT_TITLE_DESCRIPTION_LENGTH");
    CHECK_EQ(challenge_from_key("POST_ALL_TODOS"), challenge::POST_ALL_TODOS);
    CHECK_FALSE(challenge_from_key("post_all_todos").has_value());
    CHECK_FALSE(challenge_from_key("POST_ALL_TODOS ").has_value());
    // The pre-2024-07 typo is not an alias.
    CHECK_FALSE(
      challenge_from_key("POST_MAX_OUT_TITILE_DESCRIPTION_LENGTH").has_value());
    CHECK_FALSE(challenge_from_key("").has_value());
  }

  TEST_CASE("§1.2 every challenge has a name, a description and a section") {
    for (std::size_t i = 0; i < challenge_count; ++i) {
      const auto& entry = info(static_cast<challenge>(i));
      CAPTURE(entry.key_name);
      CHECK_FALSE(entry.name.empty());
      CHECK_FALSE(entry.description.empty());
      CHECK_LT(entry.section, sections().size());
      for (auto hint : entry.hints)
        CHECK_FALSE(hint.empty());
      // Sections appear in display order.
      if (i > 0)
        CHECK_LE(info(static_cast<challenge>(i - 1)).section, entry.section);
    }
  }

  TEST_CASE("§1.2 names are byte-exact") {
    CHECK_EQ(info(challenge::CREATE_NEW_CHALLENGER).name,
             "POST /challenger (201)");
    CHECK_EQ(info(challenge::GET_TODOS_NOT_PLURAL_404).name,
             "GET /todo (404) not plural");
    CHECK_EQ(info(challenge::GET_TODOS_FILTERED).name,
             "GET /todos (200) ?filter");
    CHECK_EQ(info(challenge::POST_RESTORE_EXISTING_CHALLENGER).name,
             "POST /challenger (existing X-CHALLENGER)");
    CHECK_EQ(info(challenge::GET_RESTORABLE_CHALLENGER_PROGRESS_STATUS).name,
             "GET /challenger/guid (existing X-CHALLENGER)");
    CHECK_EQ(info(challenge::PUT_RESTORABLE_TODOS).name,
             "PUT /challenger/database/guid (Update)");
    CHECK_EQ(info(challenge::OVERRIDE_TRACE_HEARTBEAT_501).name,
             "POST /heartbeat as Trace (501)");
    CHECK_EQ(info(challenge::GET_SECRET_NOTE_BEARER_200).name,
             "GET /secret/note (Bearer)");
    CHECK_EQ(info(challenge::DELETE_ALL_TODOS).name,
             "DELETE /todos/{id} (200) all");
    CHECK_EQ(info(challenge::POST_ALL_TODOS).name, "POST /todos (201) all");
  }

  TEST_CASE("§1.2 descriptions are byte-exact") {
    CHECK_EQ(info(challenge::CREATE_NEW_CHALLENGER).description,
             "Issue a POST request on the `/challenger` end point, with no "
             "body, to create a new challenger session. Use the generated "
             "X-CHALLENGER header in future requests to track challenge "
             "completion.");
    CHECK_EQ(info(challenge::GET_CHALLENGES).description,
             "Issue a GET request on the `/challenges` end point");
    CHECK_EQ(info(challenge::GET_TODOS_FILTERED).description,
             "Issue a GET request on the `/todos` end point with a query "
             "filter "
             "to get only todos which are 'done'. There must exist both 'done' "
             "and 'not done' todos, to pass this challenge.");
    CHECK_EQ(info(challenge::GET_ACCEPT_ANY_DEFAULT_JSON).description,
             "Issue a GET request on the `/todos` end point with an `Accept` "
             "header of `*/*` to receive results in default JSON format");
    CHECK_EQ(info(challenge::GET_RESTORE_EXISTING_CHALLENGER).description,
             "Issue a GET request on the `/challenger` end point with an "
             "existing challenger GUID to restore that challenger's progress "
             "into memory.");
    CHECK_EQ(info(challenge::POST_SECRET_NOTE_200).description,
             "Issue a POST request on the `/secret/note` end point with a note "
             "payload e.g. {\"note\":\"my note\"} and receive 200 when valid "
             "X-AUTH-TOKEN used. Note is maximum length 100 chars and will be "
             "truncated when stored.");
    CHECK_EQ(info(challenge::POST_SECRET_NOTE_403).description,
             "Issue a POST request on the `/secret/note` end point with a note "
             "payload {\"note\":\"my note\"} and receive 403 when X-AUTH-TOKEN "
             "does not match a valid token");
    CHECK_EQ(info(challenge::POST_ALL_TODOS).description,
             "Issue as many POST requests as it takes to add the maximum "
             "number "
             "of TODOS allowed for a user. The maximum number should be listed "
             "in the documentation.");
  }

  TEST_CASE("§1.2 hints are byte-exact") {
    using hints = std::vector<std::string_view>;
    CHECK_EQ(info(challenge::GET_CHALLENGES).hints,
             hints{"Remember to add the X-CHALLENGER header so you see the "
                   "progress of the challenges for your session.",
                   "If you issue a GET request without an X-CHALLENGER header "
                   "you will see the default challenge values.",
                   "By default the response body will be JSON format."});
    CHECK_EQ(info(challenge::POST_TODOS_BAD_DONE_STATUS).hints,
             hints{"doneStatus should be boolean, an invalid status would be a "
                   "String or a number e.g. \"invalid\""});
    CHECK_EQ(info(challenge::GET_TODOS_FILTERED).hints.at(2),
             "To filter on 'done' we use the 'doneStatus' field  ? e.g. "
             "?doneStatus=true");
    CHECK_EQ(info(challenge::PUT_TODOS_400).hints.size(), 5u);
    CHECK_EQ(info(challenge::PUT_TODOS_400).hints.at(3),
             "The id in the URL should not exist");
    CHECK_EQ(info(challenge::DELETE_ALL_TODOS).hints.at(2),
             "You have to delete all the todo items in the system to complete "
             "this challenge");
    CHECK(info(challenge::GET_TODOS_NOT_PLURAL_404).hints.empty());
    CHECK(info(challenge::GET_HEAD_TODOS).hints.empty());
    CHECK(info(challenge::POST_ALL_TODOS).hints.empty());
    // 42 challenges show hints, 77 in all.
    std::size_t with_hints = 0;
    std::size_t total = 0;
    for (std::size_t i = 0; i < challenge_count; ++i) {
      const auto& entry = info(static_cast<challenge>(i));
      with_hints += entry.hints.empty() ? 0 : 1;
      total += entry.hints.size();
    }
    CHECK_EQ(with_hints, 42u);
    CHECK_EQ(total, 77u);
  }

  TEST_CASE("§1.2 the OVERRIDE_* hint says 'POST Request'") {
    for (auto x : {challenge::OVERRIDE_DELETE_HEARTBEAT_405,
                   challenge::OVERRIDE_PATCH_HEARTBEAT_500,
                   challenge::OVERRIDE_TRACE_HEARTBEAT_501}) {
      CAPTURE(info(x).key_name);
      CHECK_EQ(info(x).hints,
               std::vector<std::string_view>{
                 "Use a normal POST Request, but add an X-HTTP-Method-Override "
                 "header"});
    }
  }

  TEST_CASE("§1.2 sections in display order") {
    const auto& all = sections();
    std::vector<std::string_view> titles;
    for (const auto& x : all)
      titles.push_back(x.title);
    CHECK_EQ(titles, std::vector<std::string_view>{
                       "Getting Started",
                       "First Real Challenge",
                       "GET Challenges",
                       "HEAD Challenges",
                       "Creation Challenges with POST",
                       "Creation Challenges with PUT",
                       "Update Challenges with POST",
                       "Update Challenges with PUT",
                       "DELETE Challenges",
                       "OPTIONS Challenges",
                       "Accept Challenges",
                       "Content-Type Challenges",
                       "Fancy a Break? Restore your session",
                       "Mix Accept and Content-Type Challenges",
                       "Status Code Challenges",
                       "HTTP Method Override Challenges",
                       "Authentication Challenges",
                       "Authorization Challenges",
                       "Miscellaneous Challenges",
                     });
    for (const auto& x : all)
      CHECK_FALSE(x.description.empty());
    CHECK_EQ(all.at(1).description,
             "For your first challenge, get the list of challenges. You'll be "
             "able to use this to see your progress in your API Client, as "
             "well "
             "as using the GUI.");
    CHECK_EQ(all.at(18).description,
             "We left these challenges to the end because they seemed fun, "
             "but... different.");
    CHECK_EQ(info(challenge::CREATE_NEW_CHALLENGER).section, 0u);
    CHECK_EQ(info(challenge::GET_RESTORABLE_TODOS).section, 12u);
    CHECK_EQ(info(challenge::OVERRIDE_DELETE_HEARTBEAT_405).section, 15u);
    CHECK_EQ(info(challenge::POST_ALL_TODOS).section, 18u);
  }

} // TEST_SUITE
