#include "model/json_reader.hpp"
#include "model/payload.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace std::string_literals;
using model::body_value;
using model::challenge;

namespace {

model::todo make_todo(int64_t id, std::string title) {
  model::todo result;
  result.id = id;
  result.title = std::move(title);
  return result;
}

model::challenge_set multi_user_set() {
  model::api_config cfg;
  cfg.mode = model::user_mode::multi_user;
  cfg.storage = false;
  return model::challenge_set::for_config(cfg);
}

} // namespace

TEST_SUITE("model.payload") {
  // -- progress payload -------------------------------------------------------

  TEST_CASE("§5.5 the progress payload lists every defined challenge") {
    auto defined = multi_user_set();
    REQUIRE_EQ(defined.size(), 59u);
    model::progress done;
    done.set(model::index_of(challenge::CREATE_NEW_CHALLENGER));
    done.set(model::index_of(challenge::GET_TODOS));
    done.set(model::index_of(challenge::POST_ALL_TODOS));
    auto out = model::payload::progress("tok-1", "guid-2", "my note", done,
                                        defined);
    std::string expected = R"({"xAuthToken":"tok-1","xChallenger":"guid-2",)"
                           R"("secretNote":"my note","challengeStatus":{)"
                           R"("CREATE_NEW_CHALLENGER":true,)"
                           R"("GET_CHALLENGES":false,"GET_TODOS":true,)"
                           R"("GET_TODOS_NOT_PLURAL_404":false,)";
    CHECK_EQ(out.substr(0, expected.size()), expected);
    std::string tail = R"("DELETE_ALL_TODOS":false,"POST_ALL_TODOS":true}})";
    REQUIRE_GT(out.size(), tail.size());
    CHECK_EQ(out.substr(out.size() - tail.size()), tail);
    // One entry per defined challenge; the excluded ones are absent.
    std::size_t entries = 0;
    for (std::size_t pos = 0; (pos = out.find("\":true", pos)) != out.npos;)
      ++entries, ++pos;
    for (std::size_t pos = 0; (pos = out.find("\":false", pos)) != out.npos;)
      ++entries, ++pos;
    CHECK_EQ(entries, 59u);
    CHECK_EQ(out.find("GET_RESTORE_EXISTING_CHALLENGER"), std::string::npos);
    CHECK_NE(out.find("PUT_NEW_RESTORED_CHALLENGER_PROGRESS_STATUS"),
             std::string::npos);
  }

  TEST_CASE("§5.5 the progress payload is Gson without HTML escaping") {
    model::api_config cfg;
    auto out = model::payload::progress("t", "g", "a<b>&c='d' \"q\" \\ \n",
                                        model::progress{},
                                        model::challenge_set::for_config(cfg));
    std::string expected
      = R"({"xAuthToken":"t","xChallenger":"g",)"
        R"("secretNote":"a<b>&c='d' \"q\" \\ \n",)"
        R"("challengeStatus":{"CREATE_NEW_CHALLENGER":false,)";
    CHECK_EQ(out.substr(0, expected.size()), expected);
  }

  TEST_CASE("§5.5 a progress payload parses back") {
    auto res = model::payload::parse_progress(
      R"({"xAuthToken":"tok","xChallenger":"guid","secretNote":"n",)"
      R"("challengeStatus":{"GET_TODOS":true,"POST_TODOS":false,)"
      R"("UNKNOWN_ONE":true,"GET_CHALLENGES":"TRUE","GET_TODO":"yes"}})");
    REQUIRE(res.data.has_value());
    CHECK(res.error.empty());
    CHECK_EQ(res.data->x_auth_token, std::optional<std::string>{"tok"});
    CHECK_EQ(res.data->x_challenger, std::optional<std::string>{"guid"});
    CHECK_EQ(res.data->secret_note, std::optional<std::string>{"n"});
    // Strings are read as Java's Boolean.parseBoolean reads them.
    using entry = std::pair<std::string, bool>;
    CHECK_EQ(res.data->status, std::vector<entry>{entry{"GET_TODOS", true},
                                                  entry{"POST_TODOS", false},
                                                  entry{"UNKNOWN_ONE", true},
                                                  entry{"GET_CHALLENGES", true},
                                                  entry{"GET_TODO", false}});
  }

  TEST_CASE("§5.5 progress round trip through render and parse") {
    auto defined = multi_user_set();
    model::progress done;
    done.set(model::index_of(challenge::GET_HEARTBEAT_204));
    auto text = model::payload::progress("a\"b", "g", "\xC3\xA9\n", done,
                                         defined);
    auto res = model::payload::parse_progress(text);
    REQUIRE(res.data.has_value());
    CHECK_EQ(*res.data->x_auth_token, "a\"b");
    CHECK_EQ(*res.data->secret_note, "\xC3\xA9\n");
    REQUIRE_EQ(res.data->status.size(), 59u);
    for (auto& [key, value] : res.data->status)
      CHECK_EQ(value, key == "GET_HEARTBEAT_204");
  }

  TEST_CASE("§5.5 missing or mistyped progress members are absent") {
    auto res = model::payload::parse_progress(
      R"({"xAuthToken":5,"xChallenger":null,"challengeStatus":[true]})");
    REQUIRE(res.data.has_value());
    CHECK_FALSE(res.data->x_auth_token.has_value());
    CHECK_FALSE(res.data->x_challenger.has_value());
    CHECK_FALSE(res.data->secret_note.has_value());
    CHECK(res.data->status.empty());
    res = model::payload::parse_progress("{}");
    REQUIRE(res.data.has_value());
    CHECK_FALSE(res.data->x_challenger.has_value());
  }

  TEST_CASE("§5.5 a null progress payload is an Invalid Payload") {
    for (auto body : {"null", " null ", "", "  ", "[]", "\"x\"", "5", "true"}) {
      INFO("body: ", body);
      auto res = model::payload::parse_progress(body);
      CHECK_FALSE(res.data.has_value());
      CHECK_EQ(res.error, "Invalid Payload");
    }
  }

  TEST_CASE("§5.5 an unparsable progress payload reports the syntax error") {
    auto res = model::payload::parse_progress(R"({"xChallenger":})");
    CHECK_FALSE(res.data.has_value());
    CHECK_EQ(res.error, "Invalid value. at offset 15");
    res = model::payload::parse_progress(R"({"a":1} x)");
    CHECK_FALSE(res.data.has_value());
    CHECK_EQ(res.error,
             "The document root must not be followed by other values. at "
             "offset 8");
    res = model::payload::parse_progress("{\"secretNote\":\"\xFF\"}");
    CHECK_FALSE(res.data.has_value());
    CHECK_EQ(res.error, "Invalid encoding in string. at offset 15");
    res = model::payload::parse_progress("{}\0"s);
    CHECK_FALSE(res.data.has_value());
    CHECK_EQ(res.error, "Invalid value. at offset 2");
    // Deep nesting fails cleanly.
    res = model::payload::parse_progress(std::string(100000, '['));
    CHECK_FALSE(res.data.has_value());
    CHECK_FALSE(res.error.empty());
  }

  // -- todos database export --------------------------------------------------

  TEST_CASE("§5.5 the database export has the exporter's exact text format") {
    model::todo_store store;
    store.insert(make_todo(1, "scan paperwork"));
    auto x = make_todo(11, "x");
    x.done = true;
    x.done_assigned = true;
    x.description = "d";
    x.description_assigned = true;
    store.insert(x);
    CHECK_EQ(model::payload::database(store),
             R"({"todos" : [{"id": 1, "title": "scan paperwork"}, )"
             R"({"id": 11, "title": "x", "doneStatus": true, )"
             R"("description": "d"}]})");
  }

  TEST_CASE("§5.5 the database export writes only assigned optional fields") {
    model::todo_store store;
    auto a = make_todo(2, "a");
    a.done_assigned = true; // false, but assigned
    store.insert(a);
    auto b = make_todo(3, "b");
    b.description_assigned = true; // empty, but assigned
    store.insert(b);
    CHECK_EQ(model::payload::database(store),
             R"({"todos" : [{"id": 2, "title": "a", "doneStatus": false}, )"
             R"({"id": 3, "title": "b", "description": ""}]})");
    CHECK_EQ(model::payload::database(model::todo_store{}),
             R"({"todos" : []})");
  }

  TEST_CASE("§5.5 the database export keeps id order") {
    model::todo_store store;
    store.insert(make_todo(7, "seven"));
    store.insert(make_todo(3, "three"));
    CHECK_EQ(model::payload::database(store),
             R"({"todos" : [{"id": 3, "title": "three"}, )"
             R"({"id": 7, "title": "seven"}]})");
  }

  TEST_CASE("§5.5 the database export escapes strings as valid JSON") {
    model::todo_store store;
    auto x = make_todo(1, "a\"b\\c\nd\x01<=>&'");
    x.description = "\xC3\xA9/";
    x.description_assigned = true;
    store.insert(x);
    CHECK_EQ(model::payload::database(store),
             R"({"todos" : [{"id": 1, "title": "a\"b\\c\nd\u0001<=>&'", )"
             "\"description\": \"\xC3\xA9/\"}]}");
    // And it restores.
    auto doc = model::payload::parse_database(model::payload::database(store));
    REQUIRE(doc.has_value());
    REQUIRE_EQ(doc->entities.size(), 1u);
    REQUIRE_EQ(doc->entities[0].instances.size(), 1u);
    auto& fields = doc->entities[0].instances[0].fields;
    REQUIRE_EQ(fields.size(), 3u);
    CHECK_EQ(fields[1].second.text, x.title);
    CHECK_EQ(fields[2].second.text, x.description);
  }

  // -- todos database restore -------------------------------------------------

  TEST_CASE("§5.5 a database restore document parses in document order") {
    auto doc = model::payload::parse_database(
      R"({"todos" : [{"id": 1, "title": "scan paperwork"}, )"
      R"({"id": 11, "title": "x", "doneStatus": true, "description": "d"}, )"
      R"(5, {"id": 2.5, "tags": [1, "a"], "n": {"k": null}, "z": null}]})");
    REQUIRE(doc.has_value());
    CHECK(doc->is_object);
    REQUIRE_EQ(doc->entities.size(), 1u);
    auto& e = doc->entities[0];
    CHECK_EQ(e.key, "todos");
    CHECK(e.is_array);
    REQUIRE_EQ(e.instances.size(), 4u);
    auto& first = e.instances[0];
    CHECK(first.is_object);
    REQUIRE_EQ(first.fields.size(), 2u);
    CHECK_EQ(first.fields[0].first, "id");
    CHECK(first.fields[0].second.type == body_value::kind::number);
    CHECK_EQ(first.fields[0].second.text, "1.0");
    CHECK_EQ(first.fields[0].second.number, 1.0);
    CHECK_EQ(first.fields[1].first, "title");
    CHECK(first.fields[1].second.type == body_value::kind::string);
    CHECK_EQ(first.fields[1].second.text, "scan paperwork");
    auto& second = e.instances[1];
    REQUIRE_EQ(second.fields.size(), 4u);
    CHECK_EQ(second.fields[0].second.number, 11.0);
    CHECK_EQ(second.fields[2].first, "doneStatus");
    CHECK(second.fields[2].second.type == body_value::kind::boolean);
    CHECK_EQ(second.fields[2].second.boolean, true);
    CHECK_EQ(second.fields[3].first, "description");
    CHECK_EQ(second.fields[3].second.text, "d");
    CHECK_FALSE(e.instances[2].is_object);
    CHECK(e.instances[2].fields.empty());
    auto& fourth = e.instances[3];
    REQUIRE_EQ(fourth.fields.size(), 4u);
    CHECK_EQ(fourth.fields[0].second.text, "2.5");
    CHECK(fourth.fields[1].second.type == body_value::kind::other);
    CHECK_EQ(fourth.fields[1].second.text, R"([1.0,"a"])");
    CHECK(fourth.fields[2].second.type == body_value::kind::other);
    CHECK_EQ(fourth.fields[2].second.text, R"({"k":null})");
    CHECK(fourth.fields[3].second.type == body_value::kind::null);
  }

  TEST_CASE("§5.5 database restore shapes: non-objects and non-arrays") {
    using model::payload::parse_database;
    auto doc = parse_database("{}");
    REQUIRE(doc.has_value());
    CHECK(doc->is_object);
    CHECK(doc->entities.empty());
    doc = parse_database(R"({"todos":"x","bob":[],"other":{}})");
    REQUIRE(doc.has_value());
    REQUIRE_EQ(doc->entities.size(), 3u);
    CHECK_EQ(doc->entities[0].key, "todos");
    CHECK_FALSE(doc->entities[0].is_array);
    CHECK_EQ(doc->entities[1].key, "bob");
    CHECK(doc->entities[1].is_array);
    CHECK(doc->entities[1].instances.empty());
    CHECK_FALSE(doc->entities[2].is_array);
    // A repeated key is one entity: the last value at the first place.
    doc = parse_database(R"({"todos":"x","bob":[],"todos":[]})");
    REQUIRE(doc.has_value());
    REQUIRE_EQ(doc->entities.size(), 2u);
    CHECK_EQ(doc->entities[0].key, "todos");
    CHECK(doc->entities[0].is_array);
    for (auto body : {"[]", "null", "5", "\"x\"", "", " "}) {
      INFO("body: ", body);
      doc = parse_database(body);
      REQUIRE(doc.has_value());
      CHECK_FALSE(doc->is_object);
      CHECK(doc->entities.empty());
    }
  }

  TEST_CASE("§5.5 an invalid database restore body is not JSON") {
    using model::payload::parse_database;
    for (auto body : {R"({"todos":[})", R"({"todos":[]} x)", "{", "nul",
                      "{\"todos\":[{\"title\":\"\xFF\"}]}",
                      R"({"todos":[{"title":"\udc00"}]})"}) {
      INFO("body: ", body);
      CHECK_FALSE(parse_database(body).has_value());
    }
    CHECK_FALSE(parse_database(std::string(100000, '[')).has_value());
    auto deep = R"({"todos":[{"t":)" + std::string(100000, '[')
                + std::string(100000, ']') + "}]}";
    auto doc = parse_database(deep);
    REQUIRE(doc.has_value());
    CHECK_EQ(doc->entities[0].instances[0].fields[0].second.text.size(),
             200000u);
  }

} // TEST_SUITE
