// actors/inline_scheduler: a thread that waits for an answer runs the idle
// actors it wakes; everything else stays on CAF's threads. Real threads.

#include "actors/inline_scheduler.hpp"
#include "support/wait.hpp"

#include <caf/all.hpp>
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

using where_atom = caf::atom_constant<caf::atom("where")>;
using bump_atom = caf::atom_constant<caf::atom("bump")>;
using total_atom = caf::atom_constant<caf::atom("total")>;

std::string this_thread() {
  std::ostringstream out;
  out << std::this_thread::get_id();
  return out.str();
}

/// Answers with the thread it runs on.
caf::behavior reporter() {
  return {[](where_atom) { return this_thread(); }};
}

/// Hands every question to `next`, as the front actor does.
caf::behavior forwarder(caf::event_based_actor* self, caf::actor next) {
  return {[self, next](where_atom x) { return self->delegate(next, x); }};
}

/// Counts bumps.
caf::behavior counter(caf::stateful_actor<int>* self) {
  return {
    [self](bump_atom) { ++self->state; },
    [self](total_atom) { return self->state; },
  };
}

/// State that only one thread may touch at a time: `overlaps` counts
/// messages that found another thread inside the actor.
struct exclusive_state {
  std::atomic<bool> inside{false};
  std::atomic<int> overlaps{0};
  int count = 0;
};

/// Counts bumps, checking that no two threads ever run it at once.
caf::behavior exclusive_counter(caf::stateful_actor<exclusive_state>* self) {
  return {
    [self](bump_atom) {
      auto& st = self->state;
      if (st.inside.exchange(true))
        ++st.overlaps;
      ++st.count;
      std::this_thread::yield(); // widen the window for a second thread
      st.inside = false;
    },
    [self](total_atom) {
      return std::vector<int>{self->state.count, self->state.overlaps.load()};
    },
  };
}

caf::actor_system_config inline_config() {
  caf::actor_system_config cfg;
  cfg.set("scheduler.max-threads", 2);
  actors::use_inline_scheduler(cfg, 8);
  return cfg;
}

std::string ask_where(caf::scoped_actor& self, const caf::actor& dest) {
  std::string out;
  self->request(dest, caf::infinite, where_atom::value)
    .receive([&](std::string& x) { out = std::move(x); },
             [&](caf::error& err) { FAIL(caf::to_string(err)); });
  return out;
}

} // namespace

TEST_SUITE("actors.inline_scheduler") {
  TEST_CASE("a waiting thread runs the actors it wakes, and no others") {
    auto cfg = inline_config();
    caf::actor_system sys{cfg};
    auto last = sys.spawn(reporter);
    auto first = sys.spawn(forwarder, last);
    caf::scoped_actor self{sys};
    // Outside an inline_execution: CAF's threads answer.
    CHECK(ask_where(self, first) != this_thread());
    {
      actors::inline_execution here;
      // The message wakes `first`, which wakes `last`: both run here, and
      // the answer is waiting before the receive starts. Only once both
      // are idle again: CAF's threads may still be ending their last turn.
      REQUIRE(test::wait_until(
        [&] { return ask_where(self, first) == this_thread(); }));
      for (int i = 0; i < 10; ++i)
        CHECK(ask_where(self, first) == this_thread());
    }
    CHECK(ask_where(self, first) != this_thread());
  }

  TEST_CASE("inline and pooled execution together lose no message") {
    auto cfg = inline_config();
    caf::actor_system sys{cfg};
    auto count = sys.spawn(counter);
    constexpr int per_thread = 5000;
    std::vector<std::thread> senders;
    for (int t = 0; t < 4; ++t)
      senders.emplace_back([&sys, &count, t] {
        caf::scoped_actor self{sys};
        // Two threads run the counter inline whenever they find it idle;
        // two leave it to CAF's threads. A turn over its budget of 8
        // messages goes back to the pool.
        std::optional<actors::inline_execution> here;
        if (t % 2 == 0)
          here.emplace();
        for (int i = 0; i < per_thread; ++i)
          self->send(count, bump_atom::value);
      });
    for (auto& x : senders)
      x.join();
    caf::scoped_actor self{sys};
    int total = 0;
    self->request(count, caf::infinite, total_atom::value)
      .receive([&](int x) { total = x; },
               [&](caf::error& err) { FAIL(caf::to_string(err)); });
    CHECK(total == 4 * per_thread);
  }

  TEST_CASE("an actor never runs on two threads at once, inline or pooled") {
    auto cfg = inline_config();
    caf::actor_system sys{cfg};
    auto count = sys.spawn(exclusive_counter);
    constexpr int per_thread = 2000;
    std::vector<std::thread> senders;
    for (int t = 0; t < 6; ++t)
      senders.emplace_back([&sys, &count, t] {
        caf::scoped_actor self{sys};
        std::optional<actors::inline_execution> here;
        if (t % 3 != 0)
          here.emplace();
        for (int i = 0; i < per_thread; ++i)
          self->send(count, bump_atom::value);
      });
    for (auto& x : senders)
      x.join();
    caf::scoped_actor self{sys};
    std::vector<int> got;
    self->request(count, caf::infinite, total_atom::value)
      .receive([&](std::vector<int>& x) { got = std::move(x); },
               [&](caf::error& err) { FAIL(caf::to_string(err)); });
    REQUIRE(got.size() == 2);
    CHECK(got[0] == 6 * per_thread);
    CHECK(got[1] == 0);
  }
}
