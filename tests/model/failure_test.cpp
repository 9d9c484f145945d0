#include "model/failure.hpp"

#include <doctest/doctest.h>

#include <iterator>
#include <set>
#include <string>

using model::failure;

TEST_SUITE("model.failure") {
  TEST_CASE("every failure kind maps to its documented status") {
    CHECK(model::status_of(failure::internal) == 500);
    CHECK(model::status_of(failure::timeout) == 503);
    CHECK(model::status_of(failure::unavailable) == 503);
    CHECK(model::status_of(failure::busy) == 503);
    CHECK(model::status_of(failure::shutting_down) == 503);
    CHECK(model::status_of(failure::request_timeout) == 408);
    CHECK(model::status_of(failure::headers_too_large) == 431);
    CHECK(model::status_of(failure::body_too_large) == 413);
    // The list covers the enum: the last enumerator is its last entry.
    CHECK(std::size(model::all_failures) == 8);
    CHECK(static_cast<int>(model::all_failures[7])
          == static_cast<int>(failure::body_too_large));
  }

  TEST_CASE("every failure response is JSON with one text of its own, and "
            "Retry-After exactly where retrying helps") {
    std::set<std::string> bodies;
    std::set<std::string> names;
    for (auto x : model::all_failures) {
      CAPTURE(model::to_string(x));
      auto res = model::failure_response(x, 42);
      CHECK(res.status == model::status_of(x));
      CHECK(res.content_type == "application/json");
      CHECK(res.body.rfind(R"({"errorMessages":[")", 0) == 0);
      bodies.insert(res.body);
      names.insert(std::string{model::to_string(x)});
      auto retry = res.header("Retry-After");
      CHECK(model::retry_helps(x) == (res.status == 503));
      if (model::retry_helps(x)) {
        REQUIRE(retry != nullptr);
        CHECK(*retry == "1");
      } else {
        CHECK(retry == nullptr);
      }
    }
    CHECK(bodies.size() == std::size(model::all_failures));
    CHECK(names.size() == std::size(model::all_failures));
  }

  TEST_CASE("a failure with a limit names it") {
    CHECK(model::failure_response(failure::body_too_large, 1024).body
          == R"({"errorMessages":["Error: request body too large, max )"
             R"(allowed is 1024 bytes"]})");
    CHECK(model::failure_response(failure::headers_too_large, 8192).body
          == R"({"errorMessages":["Error: request headers too large, max )"
             R"(allowed is 8192 bytes"]})");
    CHECK(model::failure_response(failure::request_timeout, 5).body
          == R"({"errorMessages":["Error: request not received in time, )"
             R"(send the whole request within 5 seconds"]})");
    CHECK(model::failure_response(failure::internal).body
          == R"({"errorMessages":["Internal Server Error"]})");
  }
}
