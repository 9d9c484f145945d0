// Repeated JSON member names are read the way the original's Gson 2.8.6
// read them (BEHAVIOUR §2.4). Todo and note bodies went through
// `new Gson().fromJson(body, Map.class)` (thingifier 6e296c47,
// thingifier/.../api/http/bodyparser/BodyParser.java:138 and 175), whose
// top-level map adapter throws `duplicate key` when a repeat replaces a
// value that is not null (gson MapTypeAdapterFactory.java:186-191), caught
// as `Invalid Json Payload` (BodyParser.java:139-142). Nested objects are
// read by ObjectTypeAdapter.java:67-73 into a LinkedTreeMap: the last value
// wins at the first place, never an error. The progress payload's
// `challengeStatus` is a `Map<CHALLENGE, Boolean>` (challenger/.../
// ChallengerAuthData.java:20) and the restore document a `JsonParser` tree
// (thingifier/.../api/ermodelconversion/JsonPopulator.java:36).

#include "support/api_fixture.hpp"

#include <doctest/doctest.h>

#include <string>

using test::api_fixture;
using test::json_headers;

namespace {

constexpr auto invalid_json
  = R"({"errorMessages":["Invalid Json Payload: please check the syntax of )"
    R"(the request body"]})";

model::api_config multi_user() {
  model::api_config cfg;
  cfg.mode = model::user_mode::multi_user;
  return cfg;
}

model::header_list json_in_out() {
  return json_headers({{"Accept", "application/json"}});
}

} // namespace

TEST_SUITE("model.duplicate_keys") {
  TEST_CASE("BEHAVIOUR 2.4 a repeated top-level key is invalid JSON") {
    api_fixture f;
    for (const char* body :
         {R"({"title":"a","title":"b"})", R"({"title":"a","title":null})",
          R"({"title":null,"title":"b","title":"c"})",
          R"({"title":"a","\u0074itle":"b"})",
          R"({"title":"a","tags":1,"tags":2})"}) {
      CAPTURE(body);
      auto res = f.send("POST", "/todos", json_in_out(), body);
      CHECK(res.status == 400);
      CHECK(res.body == invalid_json);
      res = f.send("POST", "/todos/1", json_in_out(), body);
      CHECK(res.status == 400);
      CHECK(res.body == invalid_json);
      res = f.send("PUT", "/todos/1", json_in_out(), body);
      CHECK(res.status == 400);
      CHECK(res.body == invalid_json);
    }
    // Nothing was created, and no id was burned: the next one is 11.
    auto res = f.create(R"({"title":"x"})");
    CHECK(res.status == 201);
    CHECK(res.body.find(R"("id":11)") != std::string::npos);
  }

  TEST_CASE("BEHAVIOUR 2.4 a repeat that replaces a null is read") {
    api_fixture f;
    auto res = f.send("POST", "/todos", json_in_out(),
                      R"({"title":null,"description":"d","title":"b"})");
    CHECK(res.status == 201);
    CHECK(res.body.find(R"("title":"b")") != std::string::npos);
    res = f.send("POST", "/todos/1", json_in_out(),
                 R"({"doneStatus":null,"doneStatus":true})");
    CHECK(res.status == 200);
    CHECK(res.body.find(R"("doneStatus":true)") != std::string::npos);
    res = f.send("POST", "/todos", json_in_out(),
                 R"({"title":"a","x":null,"x":null})");
    CHECK(res.status == 201);
  }

  TEST_CASE("BEHAVIOUR 2.4 nested repeats: the last value at the first place") {
    api_fixture f;
    // `description.` is `description`; the null replaces "d", so nothing is
    // assigned (each occurrence kept would assign "d").
    auto res = f.send("POST", "/todos", json_in_out(),
                      R"({"title":"t","description":{"":"d","":null}})");
    CHECK(res.status == 201);
    CHECK(res.body.find(R"("description":"")") != std::string::npos);
    res = f.send("POST", "/todos", json_in_out(),
                 R"({"title":{"":"a","":"b"}})");
    CHECK(res.status == 201);
    CHECK(res.body.find(R"("title":"b")") != std::string::npos);
    res = f.send("POST", "/todos", json_in_out(),
                 R"({"title":"t","tags":{"a":1,"a":2}})");
    CHECK(res.status == 400);
    CHECK(res.body == R"({"errorMessages":["Could not find field: tags"]})");
  }

  TEST_CASE("BEHAVIOUR 4.3 the secret note refuses a repeated key") {
    api_fixture f;
    auto headers = json_in_out();
    headers.push_back({"X-AUTH-TOKEN", f.me.auth_token});
    auto res = f.send("POST", "/secret/note", headers,
                      R"({"note":"a","note":"b"})");
    CHECK(res.status == 400);
    CHECK(res.body == invalid_json);
    res = f.send("POST", "/secret/note", headers,
                 R"({"note":null,"note":"b"})");
    CHECK(res.status == 200);
    CHECK(res.body == R"({"note":"b"})");
  }

  TEST_CASE("BEHAVIOUR 5.5 a restore document keeps the last repeat") {
    api_fixture m{multi_user()};
    auto path = "/challenger/database/" + m.me.guid;
    auto res = m.send("PUT", path, json_headers(),
                      R"({"todos":[{"title":"a"}],"todos":[{"title":"b",)"
                      R"("title":"c"}]})");
    CHECK(res.status == 204);
    res = m.send("GET", "/todos", {{"Accept", "application/json"}});
    CHECK(res.body
          == R"({"todos":[{"id":11,"title":"c","doneStatus":false,)"
             R"("description":""}]})");
  }

  TEST_CASE("BEHAVIOUR 5.5 a progress payload with a repeated challenge key") {
    api_fixture m{multi_user()};
    auto path = "/challenger/" + m.me.guid;
    auto payload = [&](const std::string& status) {
      return R"({"xAuthToken":")" + m.me.auth_token + R"(","xChallenger":")"
             + m.me.guid + R"(","secretNote":"","challengeStatus":{)" + status
             + "}}";
    };
    auto res = m.send("PUT", path, json_headers(),
                      payload(R"("GET_TODOS":true,"GET_TODOS":false)"));
    CHECK(res.status == 400);
    CHECK(res.body == R"({"errorMessages":["duplicate key: GET_TODOS"]})");
    // Names that are no challenge key all become the key null.
    res = m.send("PUT", path, json_headers(),
                 payload(R"("NOT_ONE":true,"NOT_TWO":false)"));
    CHECK(res.status == 400);
    CHECK(res.body == R"({"errorMessages":["duplicate key: null"]})");
    res = m.send("PUT", path, json_headers(),
                 payload(
                   R"("GET_TODOS":null,"GET_TODOS":true,"NOT_ONE":true)"));
    CHECK(res.status == 200);
    CHECK(m.done(model::challenge::GET_TODOS));
  }
}
