// Tier 3: complete every challenge over real HTTP against the real server
// (storage, actors, HTTP), checking after each step via GET /challenges
// that exactly the step's challenges became true (BEHAVIOUR §1.2).

#include "support/server_fixture.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"
#include "tools/walk/walk.hpp"

#include <doctest/doctest.h>

namespace {

// Walks every step; `earnable`: how many challenges the walk completes
// (all that the configuration defines unless told).
void walk_every_challenge(const app::options& opts, std::size_t earnable = 0) {
  test::running_server srv{opts};
  // The walk's challenger is the only session: stopped once none is live.
  auto idle_stop = [&srv](const walk::walk_state&) {
    REQUIRE(test::wait_until([&] { return srv.app().live_sessions() == 0; }));
  };
  auto c = srv.make_client();
  auto defined = model::challenge_set::for_config(opts.api);
  walk::walk_state st;
  model::progress before; // a fresh challenger has nothing done
  for (auto& step : walk::walk_steps(opts.api, idle_stop)) {
    CAPTURE(step.what);
    if (step.before)
      step.before(c, st);
    auto r = walk::send_step(c, st, step.request(st));
    CHECK(r.status == step.status);
    if (step.after)
      step.after(st, r);
    auto now = walk::read_status(c, st, defined);
    REQUIRE(now.ok);
    auto expected = before;
    for (auto x : step.credits) {
      CAPTURE(model::info(x).key_name);
      CHECK_FALSE(before.test(model::index_of(x)));
      expected.set(model::index_of(x));
    }
    CHECK(now.done == expected);
    before = now.done;
  }
  if (earnable == 0) {
    CHECK(before == defined.mask());
    CHECK(before.count() == defined.size());
  } else {
    CHECK((before & ~defined.mask()).none());
    CHECK(before.count() == earnable);
  }
}

app::options edition_2026(app::options opts) {
  opts.api.edition = model::edition_id::y2026;
  return opts;
}

} // namespace

TEST_SUITE("http.walk") {
  TEST_CASE("§1.2 single-user: all 58 challenges, one by one") {
    test::temp_dir dir;
    auto opts = test::options(model::user_mode::single_user, true,
                              dir.file("s.db"));
    CHECK(model::challenge_set::for_config(opts.api).size() == 58);
    walk_every_challenge(opts);
  }

  TEST_CASE("§1.2 multi-user without storage: all 59 challenges") {
    auto opts = test::options(model::user_mode::multi_user, false);
    opts.idle_timeout = std::chrono::seconds(1);
    CHECK(model::challenge_set::for_config(opts.api).size() == 59);
    walk_every_challenge(opts);
  }

  TEST_CASE("§1.2 multi-user with SQLite: all 61, restoring idle sessions") {
    test::temp_dir dir;
    auto opts = test::options(model::user_mode::multi_user, true,
                              dir.file("m.db"));
    opts.idle_timeout = std::chrono::seconds(1);
    CHECK(model::challenge_set::for_config(opts.api).size() == 61);
    walk_every_challenge(opts);
  }

  // The 2026 edition through its /api paths: every challenge.
  TEST_CASE("§10 2026 single-user: 96 of 96") {
    test::temp_dir dir;
    auto opts = edition_2026(
      test::options(model::user_mode::single_user, true, dir.file("s.db")));
    CHECK(model::challenge_set::for_config(opts.api).size() == 96);
    walk_every_challenge(opts, 96);
  }

  TEST_CASE("§10 2026 multi-user without storage: 97 of 97") {
    auto opts = edition_2026(
      test::options(model::user_mode::multi_user, false));
    opts.idle_timeout = std::chrono::seconds(1);
    CHECK(model::challenge_set::for_config(opts.api).size() == 97);
    walk_every_challenge(opts, 97);
  }

  TEST_CASE("§10 2026 multi-user with SQLite: 99 of 99") {
    test::temp_dir dir;
    auto opts = edition_2026(
      test::options(model::user_mode::multi_user, true, dir.file("m.db")));
    opts.idle_timeout = std::chrono::seconds(1);
    CHECK(model::challenge_set::for_config(opts.api).size() == 99);
    walk_every_challenge(opts, 99);
  }
}
