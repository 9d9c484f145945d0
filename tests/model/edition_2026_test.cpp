// The editions as data (BEHAVIOUR §10): the 2026 catalogue, its sets, its
// names for renamed challenges, and what stays the same for classic.

#include "model/challenge.hpp"
#include "model/edition.hpp"
#include "model/payload.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace model;

namespace {

api_config config(user_mode mode, bool storage) {
  api_config result{mode, storage, false};
  result.edition = edition_id::y2026;
  return result;
}

bool text_has_api(std::string_view name) {
  return name.find("/api/") != std::string_view::npos;
}

} // namespace

TEST_SUITE("model.edition") {
  TEST_CASE("§10 the 2026 catalogue has 99 challenges in 26 sections") {
    const auto& ed = edition_of(edition_id::y2026);
    REQUIRE_EQ(ed.catalogue->size(), 99);
    REQUIRE_EQ(ed.sections->size(), 26);
    CHECK_EQ(all_challenge_count, 99);
    std::set<challenge> keys;
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < ed.catalogue->size(); ++i) {
      const auto& x = (*ed.catalogue)[i];
      CAPTURE(x.key_name);
      keys.insert(x.key);
      names.insert(x.key_name);
      CHECK(text_has_api(x.name));
      CHECK_FALSE(x.description.empty());
      CHECK_LT(x.section, ed.sections->size());
      if (i > 0)
        CHECK_LE((*ed.catalogue)[i - 1].section, x.section);
      CHECK_EQ(ed.find(x.key), &x);
    }
    CHECK_EQ(keys.size(), 99);
    CHECK_EQ(names.size(), 99);
    // Every section holds at least one challenge.
    std::set<std::size_t> used;
    for (const auto& x : *ed.catalogue)
      used.insert(x.section);
    CHECK_EQ(used.size(), 26);
  }

  TEST_CASE("§10 names, descriptions and sections are the original's") {
    const auto& ed = edition_of(edition_id::y2026);
    const auto& first = (*ed.catalogue)[0];
    CHECK_EQ(first.key_name, "CREATE_NEW_CHALLENGER");
    CHECK_EQ(first.name, "POST /api/challenger (201)");
    CHECK_EQ(first.description,
             "Issue a POST request on the `/api/challenger` end point, with "
             "no body, to create a new challenger session. Use the generated "
             "X-CHALLENGER header in future requests to track challenge "
             "completion.");
    CHECK_EQ(ed.find(challenge::DELETE_A_TODO)->name,
             "DELETE /api/todos/{id} (204)");
    CHECK_EQ(ed.find(challenge::POST_ALL_TODOS)->name,
             "POST /api/todos (409) max todos");
    CHECK_EQ(ed.find(challenge::X_CHALLENGER_TOO_LONG_431)->name,
             "GET /api/heartbeat (431) X-CHALLENGER too long");
    CHECK_EQ((*ed.sections)[3].title, "GET Filter Challenges");
    CHECK_EQ((*ed.sections)[25].title, "Miscellaneous Challenges");
    CHECK_EQ(ed.catalogue->back().key, challenge::POST_ALL_TODOS);
  }

  TEST_CASE("§10 ids are positions: 96 single-user, 97 and 99 multi-user") {
    auto s = challenge_set::for_config(config(user_mode::single_user, true));
    auto h = challenge_set::for_config(config(user_mode::multi_user, false));
    auto m = challenge_set::for_config(config(user_mode::multi_user, true));
    CHECK_EQ(s.size(), 96);
    CHECK_EQ(h.size(), 97);
    CHECK_EQ(m.size(), 99);
    CHECK_EQ(m.id_of(challenge::GET_TODOS_FILTERED_ID_GREATER_THAN), 8);
    CHECK_EQ(m.id_of(challenge::GET_HEAD_TODOS), 22);
    CHECK_EQ(m.id_of(challenge::GET_RESTORE_EXISTING_CHALLENGER), 70);
    CHECK_EQ(m.id_of(challenge::X_CHALLENGER_TOO_LONG_431), 84);
    CHECK_EQ(m.id_of(challenge::POST_ALL_TODOS), 99);
    CHECK_EQ(h.id_of(challenge::GET_RESTORE_EXISTING_CHALLENGER), 0);
    CHECK_EQ(h.id_of(challenge::POST_ALL_TODOS), 97);
    CHECK_EQ(s.id_of(challenge::PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS),
             0);
    CHECK_EQ(s.id_of(challenge::POST_ALL_TODOS), 96);
    for (const auto* set : {&s, &h, &m})
      for (std::size_t i = 0; i < set->size(); ++i)
        CHECK_EQ(set->id_of(set->items()[i]), static_cast<int>(i) + 1);
  }

  TEST_CASE("§10 the classic set is unchanged and has no 2026 challenge") {
    api_config cfg{user_mode::multi_user, true, false};
    auto m = challenge_set::for_config(cfg);
    CHECK_EQ(&m.edition(), &edition_of(edition_id::classic));
    CHECK_EQ(m.size(), 61);
    CHECK_FALSE(m.contains(challenge::X_CHALLENGER_TOO_LONG_431));
    CHECK_EQ(m.info(challenge::PUT_TODOS_400).key_name, "PUT_TODOS_400");
    CHECK_EQ(m.info(challenge::DELETE_A_TODO).name, "DELETE /todos/{id} (200)");
  }

  TEST_CASE("§10 renamed challenges read their old keys and the new ones") {
    struct renamed {
      challenge key;
      std::string_view classic;
      std::string_view y2026;
    };
    const renamed xs[] = {
      {challenge::PUT_TODOS_400, "PUT_TODOS_400", "PUT_TODOS_422"},
      {challenge::PUT_TODOS_MISSING_TITLE_400, "PUT_TODOS_MISSING_TITLE_400",
       "PUT_TODOS_MISSING_TITLE_422"},
      {challenge::PUT_TODOS_400_NO_AMEND_ID, "PUT_TODOS_400_NO_AMEND_ID",
       "PUT_TODOS_422_NO_AMEND_ID"},
    };
    auto m = challenge_set::for_config(config(user_mode::multi_user, true));
    for (const auto& x : xs) {
      CAPTURE(x.classic);
      CHECK_EQ(challenge_from_key(x.classic), x.key);
      CHECK_EQ(challenge_from_key(x.y2026), x.key);
      CHECK_EQ(key_name(x.key), x.classic);
      CHECK_EQ(m.info(x.key).key_name, x.y2026);
      for (auto id : all_editions)
        CHECK_EQ(edition_of(id).from_key(x.y2026), x.key);
    }
    // The 2026-only challenges are known by name in both editions.
    CHECK_EQ(challenge_from_key("X_CHALLENGER_TOO_LONG_431"),
             challenge::X_CHALLENGER_TOO_LONG_431);
    CHECK_EQ(key_name(challenge::X_CHALLENGER_TOO_LONG_431),
             "X_CHALLENGER_TOO_LONG_431");
    CHECK_FALSE(challenge_from_key("put_todos_422").has_value());
  }

  TEST_CASE("§10 the progress payload shows the edition's names") {
    auto m = challenge_set::for_config(config(user_mode::multi_user, true));
    progress done;
    done.set(index_of(challenge::PUT_TODOS_400));
    done.set(index_of(challenge::X_CHALLENGER_TOO_LONG_431));
    auto text = payload::progress("t", "g", "", done, m);
    CHECK_NE(text.find("\"PUT_TODOS_422\":true"), std::string::npos);
    CHECK_NE(text.find("\"X_CHALLENGER_TOO_LONG_431\":true"),
             std::string::npos);
    CHECK_EQ(text.find("PUT_TODOS_400"), std::string::npos);
    CHECK_NE(text.find("\"GET_TODOS\":false"), std::string::npos);
    api_config classic{user_mode::multi_user, true, false};
    auto c = payload::progress("t", "g", "", done,
                               challenge_set::for_config(classic));
    CHECK_NE(c.find("\"PUT_TODOS_400\":true"), std::string::npos);
    CHECK_EQ(c.find("X_CHALLENGER_TOO_LONG_431"), std::string::npos);
  }

  TEST_CASE("§10 editions by name, and their differing statuses") {
    CHECK_EQ(parse_edition("classic"), edition_id::classic);
    CHECK_EQ(parse_edition("2026"), edition_id::y2026);
    CHECK_FALSE(parse_edition("2025").has_value());
    CHECK_FALSE(parse_edition("Classic").has_value());
    CHECK_FALSE(parse_edition("").has_value());
    const auto& c = edition_of(edition_id::classic);
    const auto& n = edition_of(edition_id::y2026);
    CHECK_EQ(c.status.validation, 400);
    CHECK_EQ(n.status.validation, 422);
    CHECK_EQ(c.status.max_todos, 400);
    CHECK_EQ(n.status.max_todos, 409);
    CHECK_EQ(c.status.deleted, 200);
    CHECK_EQ(n.status.deleted, 204);
    CHECK_EQ(c.status.guid_mismatch, 400);
    CHECK_EQ(n.status.guid_mismatch, 409);
    CHECK_EQ(c.max_challenger_header, 0);
    CHECK_EQ(n.max_challenger_header, 100);
    CHECK_EQ(c.docs_path, "/docs");
    CHECK_EQ(n.docs_path, "/api/docs");
  }

  TEST_CASE("§10 the /api prefix is taken off API paths only") {
    const auto& c = edition_of(edition_id::classic);
    const auto& n = edition_of(edition_id::y2026);
    CHECK_EQ(api_path(n, "/api/todos"), "/todos");
    CHECK_EQ(api_path(n, "/api/todos/3"), "/todos/3");
    CHECK_EQ(api_path(n, "/api/challenger/database/x"),
             "/challenger/database/x");
    CHECK_EQ(api_path(n, "/todos"), "/todos");
    CHECK_EQ(api_path(n, "/api/docs"), "/api/docs");
    CHECK_EQ(api_path(n, "/api"), "/api");
    CHECK_EQ(api_path(n, "/apitodos"), "/apitodos");
    CHECK_EQ(api_path(n, "/api/api/todos"), "/api/api/todos");
    CHECK(is_edition_api_path(n, "/api/heartbeat"));
    CHECK(is_edition_api_path(n, "/heartbeat"));
    CHECK_FALSE(is_edition_api_path(n, "/api/docs"));
    // Classic has no prefix: /api/todos is no API path there.
    CHECK_EQ(api_path(c, "/api/todos"), "/api/todos");
    CHECK_FALSE(is_edition_api_path(c, "/api/todos"));
    CHECK(is_edition_api_path(c, "/todos"));
  }
}
