// The open-files limit is raised at start-up (app/descriptor_limit.cpp):
// every keep-alive connection holds a descriptor.

#include "app/descriptor_limit.hpp"

#include <doctest/doctest.h>

#include <sys/resource.h>

TEST_SUITE("app.descriptor_limit") {
  TEST_CASE("the soft open-files limit is raised to the hard one") {
    rlimit original{};
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &original) == 0);
    // Lower the soft limit (allowed without privileges), then raise it.
    rlimit lowered = original;
    lowered.rlim_cur = 256;
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &lowered) == 0);
    auto got = app::raise_descriptor_limit();
    REQUIRE(got.has_value());
    CHECK(got->before == 256);
    rlimit now{};
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &now) == 0);
    CHECK(now.rlim_cur == got->after);
    CHECK(now.rlim_cur > 256);
    if (original.rlim_max != RLIM_INFINITY)
      CHECK(now.rlim_cur == original.rlim_max);
    // A second call changes nothing.
    auto again = app::raise_descriptor_limit();
    REQUIRE(again.has_value());
    CHECK(again->before == again->after);
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &original) == 0);
  }
}
