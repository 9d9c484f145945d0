#include "storage/null_store.hpp"

#include <doctest/doctest.h>

TEST_SUITE("storage.null_store") {
  TEST_CASE("--storage none keeps nothing") {
    storage::null_store st;
    CHECK_FALSE(st.persistent());
    REQUIRE(st.save({{"a", "{}", storage::clock::now()}}));
    auto res = st.load("a");
    REQUIRE(res.has_value());
    CHECK_FALSE(res->has_value());
    CHECK(st.erase("a").has_value());
    auto n = st.expire(storage::clock::now());
    REQUIRE(n.has_value());
    CHECK(*n == 0);
  }

} // TEST_SUITE
