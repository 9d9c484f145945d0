#include "actors/errors.hpp"
#include "actors/fwd.hpp"

#include <caf/error.hpp>
#include <caf/sec.hpp>
#include <doctest/doctest.h>

using model::failure;

TEST_SUITE("actors.errors") {
  TEST_CASE("each error of the actor layer maps to one failure kind") {
    CHECK(actors::failure_of(caf::sec::request_timeout) == failure::timeout);
    CHECK(actors::failure_of(actors::app_ec::shutting_down)
          == failure::shutting_down);
    CHECK(actors::failure_of(actors::app_ec::storage_failed)
          == failure::unavailable);
    CHECK(actors::failure_of(actors::app_ec::session_busy) == failure::busy);
    CHECK(actors::failure_of(caf::sec::request_receiver_down)
          == failure::unavailable);
    CHECK(actors::failure_of(actors::app_ec::corrupt_snapshot)
          == failure::internal);
    CHECK(actors::failure_of(caf::sec::unexpected_message)
          == failure::internal);
  }

  TEST_CASE("the actor layer answers with the shared failure responses") {
    for (auto err : {caf::error{caf::sec::request_timeout},
                     caf::error{actors::app_ec::shutting_down},
                     caf::error{actors::app_ec::storage_failed},
                     caf::error{actors::app_ec::corrupt_snapshot}}) {
      CAPTURE(actors::describe(err));
      auto res = actors::error_response(err);
      auto expected = model::failure_response(actors::failure_of(err));
      CHECK(res.status == expected.status);
      CHECK(res.body == expected.body);
      CHECK(res.headers.size() == expected.headers.size());
    }
  }
}
