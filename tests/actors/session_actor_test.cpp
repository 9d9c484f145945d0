#include "actors/session_actor.hpp"
#include "fixture.hpp"
#include "storage/snapshot.hpp"

#include <doctest/doctest.h>

using namespace std::chrono_literals;
using test::actor_fixture;
using test::contains;
using test::get_todos;
using test::make_request;
using test::post_todo;

namespace {

constexpr const char* stored_guid = "11111111-2222-4333-8444-555555555555";
constexpr const char* unknown_guid = "99999999-2222-4333-8444-555555555555";

struct session_fixture : actor_fixture {
  session_fixture() {
    // A challenger in storage with one extra todo.
    auto c = model::make_challenger(stored_guid,
                                    "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    model::todo t;
    t.id = c.todos.take_id();
    t.title = "persisted todo";
    c.todos.insert(t);
    store->rows[stored_guid] = storage::encode(c);
  }

  /// The live session of `guid` (or null), read from the front's state.
  /// Safe: the test coordinator runs every actor on this thread.
  actors::session_state* session_of(const std::string& guid) {
    auto ptr = caf::actor_cast<caf::abstract_actor*>(front);
    auto& st = dynamic_cast<
                 actors::front_actor::stateful_base<actors::front_state>&>(*ptr)
                 .state;
    auto i = st.sessions.find(guid);
    if (i == st.sessions.end())
      return nullptr;
    auto sptr = caf::actor_cast<caf::abstract_actor*>(i->second.hdl);
    return &dynamic_cast<
              actors::session_actor::stateful_base<actors::session_state>&>(
              *sptr)
              .state;
  }

  /// The challenger stored (committed) for `guid`.
  std::optional<model::challenger> stored(const std::string& guid) {
    auto i = store->rows.find(guid);
    if (i == store->rows.end())
      return std::nullopt;
    auto c = storage::decode(i->second);
    REQUIRE(c.has_value());
    return *c;
  }

  static bool has_todo(const model::challenger& c, const std::string& title) {
    for (const auto& t : c.todos.items())
      if (t.title == title)
        return true;
    return false;
  }

  void flush_storage() {
    auto r = ask<uint64_t>(storage, caf::flush_atom_v);
    run();
    REQUIRE(r->value);
  }
};

} // namespace

TEST_SUITE("actors.session") {
  TEST_CASE_FIXTURE(session_fixture,
                    "requests that arrive while loading are answered in order "
                    "after the load") {
    start();
    auto first = serve(stored_guid, post_todo(stored_guid, "first"));
    auto second = serve(stored_guid, post_todo(stored_guid, "second"));
    auto list = serve(stored_guid, get_todos(stored_guid));
    // Run everything but storage: the session is spawned and stuck loading.
    run_all_but(storage);
    auto st = session_of(stored_guid);
    REQUIRE(st != nullptr);
    CHECK(st->current == actors::session_state::phase::loading);
    CHECK(st->stash.size() == 3);
    CHECK_FALSE(first->done());
    run();
    REQUIRE(first->value);
    REQUIRE(second->value);
    REQUIRE(list->value);
    CHECK(first->value->status == 201);
    CHECK(second->value->status == 201);
    CHECK(list->value->status == 200);
    // The list shows the stored todo, then both new ones in request order.
    auto body = list->value->body;
    auto p = body.find("persisted todo");
    auto a = body.find("\"first\"");
    auto b = body.find("\"second\"");
    CHECK(p != std::string::npos);
    CHECK(a != std::string::npos);
    CHECK(b != std::string::npos);
    CHECK(contains(first->value->body, "\"id\":12"));
    CHECK(contains(second->value->body, "\"id\":13"));
    CHECK(store->loads == 1);
    st = session_of(stored_guid);
    REQUIRE(st != nullptr);
    CHECK(st->challenger.state == model::challenger_state::loaded);
    CHECK(st->challenger.known);
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "every change is written through to the storage actor") {
    start();
    serve_now(stored_guid, get_todos(stored_guid)); // credits GET_TODOS
    flush_storage();
    serve_now(stored_guid, get_todos(stored_guid));
    auto storage_state = [&]() -> actors::storage_state& {
      auto ptr = caf::actor_cast<caf::abstract_actor*>(storage);
      return dynamic_cast<
               actors::storage_actor::stateful_base<actors::storage_state>&>(
               *ptr)
        .state;
    };
    CHECK(storage_state().pending.empty()); // nothing new: nothing to write
    serve_now(stored_guid, post_todo(stored_guid, "written through"));
    REQUIRE(storage_state().pending.count(stored_guid) == 1);
    auto c = storage::decode(storage_state().pending[stored_guid].snapshot);
    REQUIRE(c.has_value());
    CHECK(has_todo(*c, "written through"));
    flush_storage();
    REQUIRE(stored(stored_guid));
    CHECK(has_todo(*stored(stored_guid), "written through"));
  }

  TEST_CASE_FIXTURE(session_fixture, "unknown GUIDs leave no actor behind") {
    start();
    std::vector<test::response_reply> replies;
    for (int i = 0; i < 20; ++i) {
      auto guid = "0000" + std::to_string(1000 + i)
                  + "-2222-4333-8444-555555555555";
      replies.push_back(serve(guid, post_todo(guid, "x")));
    }
    replies.push_back(serve(unknown_guid, get_todos(unknown_guid)));
    run();
    for (auto& r : replies) {
      REQUIRE(r->value);
      CHECK(test::challenger_of(*r->value)
            == "UNKNOWN CHALLENGER - Challenger not found");
    }
    CHECK(replies[0]->value->status == 401);
    CHECK(replies.back()->value->status == 200); // the shared default list
    CHECK(live_sessions() == 0);
    CHECK(sys->registry().running() == baseline);
    flush_storage();
    CHECK(store->rows.size() == 1); // only the stored challenger
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "an unknown GUID made known by PUT /challenger stays") {
    start();
    std::string guid = unknown_guid;
    auto body = R"({"xAuthToken":"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",)"
                R"("xChallenger":")"
                + guid + R"(","secretNote":"restored","challengeStatus":{}})";
    auto res = serve_now(guid, make_request("PUT", "/challenger/" + guid, guid,
                                            body));
    CHECK(res.status == 201);
    CHECK(live_sessions() == 1);
    flush_storage();
    auto c = stored(guid);
    REQUIRE(c);
    CHECK(c->note == "restored");
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "an idle session flushes, quits and is forgotten") {
    start(model::user_mode::multi_user, 1s);
    auto guid = create_challenger();
    CHECK(serve_now(guid, post_todo(guid, "before idle")).status == 201);
    CHECK(live_sessions() == 1);
    CHECK(store->rows.count(guid) == 0); // pending: the tick is an hour
    advance(999ms);
    CHECK(live_sessions() == 1); // the count request re-armed the timer
    advance(1s);
    CHECK(live_sessions() == 0);
    CHECK(sys->registry().running() == baseline);
    auto c = stored(guid);
    REQUIRE(c);
    CHECK(has_todo(*c, "before idle"));
    CHECK(stats->created.value() == 1);
    CHECK(stats->stopped_idle.value() == 1);
    CHECK(stats->live.value() == 0);
    CHECK(stats->restored.value() == 0);
    SUBCASE("the next request reloads the stored state") {
      auto res = serve_now(guid, get_todos(guid));
      CHECK(res.status == 200);
      CHECK(contains(res.body, "before idle"));
      auto st = session_of(guid);
      REQUIRE(st != nullptr);
      CHECK(st->challenger.state == model::challenger_state::loaded);
      CHECK(stats->restored.value() == 1);
      CHECK(stats->live.value() == 1);
      CHECK(stats->created.value() == 1);
    }
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "requests keep a session alive, and it stops a timeout "
                    "after the last one") {
    start(model::user_mode::multi_user, 1s);
    auto guid = create_challenger();
    for (int i = 0; i < 5; ++i) {
      advance(600ms);
      CHECK(serve_now(guid, get_todos(guid)).status == 200);
    }
    // 3 s since the first request, and the last one just now.
    CHECK(live_sessions() == 1);
    CHECK(stats->stopped_idle.value() == 0);
    advance(999ms);
    CHECK(live_sessions() == 1);
    advance(1ms);
    CHECK(live_sessions() == 0);
    CHECK(stats->stopped_idle.value() == 1);
    CHECK(sys->registry().running() == baseline);
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "an idle session whose state is not stored stays alive "
                    "until storage is back") {
    start(model::user_mode::multi_user, 1s);
    auto guid = create_challenger();
    serve_now(guid, post_todo(guid, "not stored yet"));
    store->broken = true;
    advance(1s); // the idle stop's flush fails
    CHECK(live_sessions() == 1);
    CHECK(stats->stops_deferred.value() == 1);
    CHECK(stats->stopped_idle.value() == 0);
    CHECK(stats->storage_healthy.value() == 0);
    CHECK(store->rows.count(guid) == 0);
    REQUIRE(session_of(guid) != nullptr);
    CHECK(session_of(guid)->current == actors::session_state::phase::ready);
    SUBCASE("it keeps serving from memory meanwhile") {
      auto res = serve_now(guid, get_todos(guid));
      CHECK(res.status == 200);
      CHECK(contains(res.body, "not stored yet"));
      CHECK(store->loads == 0);
    }
    SUBCASE("it retries the stop, and stops once the flush succeeds") {
      advance(1s); // still failing
      CHECK(live_sessions() == 1);
      CHECK(stats->stops_deferred.value() == 2);
      store->broken = false;
      advance(1s);
      CHECK(live_sessions() == 0);
      CHECK(stats->stopped_idle.value() == 1);
      CHECK(stats->storage_healthy.value() == 1);
      CHECK(stats->storage_queue.value() == 0);
      auto c = stored(guid);
      REQUIRE(c);
      CHECK(has_todo(*c, "not stored yet"));
      CHECK(sys->registry().running() == baseline);
    }
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "beyond max_live the least recently used sessions are "
                    "stopped and later reloaded") {
    start(model::user_mode::multi_user, std::chrono::minutes(10), 4);
    std::vector<std::string> g;
    for (int i = 0; i < 5; ++i) {
      g.push_back(create_challenger());
      serve_now(g.back(), post_todo(g.back(), "todo " + std::to_string(i)));
    }
    CHECK(live_sessions() == 5); // within the slack: no pass yet
    g.push_back(create_challenger()); // 6 > 4 + 1: one pass stops two
    CHECK(live_sessions() == 4);
    CHECK(stats->evicted.value() == 2);
    CHECK(stats->stopped_idle.value() == 2);
    CHECK(session_of(g[0]) == nullptr);
    CHECK(session_of(g[1]) == nullptr);
    REQUIRE(stored(g[0]));
    CHECK(has_todo(*stored(g[0]), "todo 0"));
    CHECK(has_todo(*stored(g[1]), "todo 1"));
    // Recency, not creation order: g[2] is used again and survives.
    serve_now(g[2], get_todos(g[2]));
    g.push_back(create_challenger());
    g.push_back(create_challenger());
    CHECK(live_sessions() == 4);
    CHECK(session_of(g[2]) != nullptr);
    CHECK(session_of(g[3]) == nullptr);
    CHECK(session_of(g[4]) == nullptr);
    // A stopped session comes back transparently.
    auto res = serve_now(g[0], get_todos(g[0]));
    CHECK(res.status == 200);
    CHECK(contains(res.body, "todo 0"));
    CHECK(session_of(g[0])->challenger.state
          == model::challenger_state::loaded);
    SUBCASE("storage down: evicted sessions stay until it is back") {
      store->broken = true;
      for (int i = 0; i < 8; ++i)
        g.push_back(create_challenger());
      CHECK(live_sessions() > 5); // nothing is dropped unstored
      CHECK(stats->stops_deferred.value() > 0);
      // The sessions waiting to stop do not count: the rest stay bounded.
      auto ptr = caf::actor_cast<caf::abstract_actor*>(front);
      auto& st = dynamic_cast<
                   actors::front_actor::stateful_base<actors::front_state>&>(
                   *ptr)
                   .state;
      std::size_t waiting = 0;
      for (auto& kvp : st.sessions)
        waiting += kvp.second.evicting ? 1 : 0;
      CHECK(st.evicting == waiting);
      CHECK(st.sessions.size() - st.evicting <= 5);
      store->broken = false;
      advance(std::chrono::minutes(10)); // the deferred stops retry
      CHECK(live_sessions() == 0);
      for (const auto& x : g)
        CHECK(stored(x));
    }
  }

  TEST_CASE_FIXTURE(session_fixture, "a stale bye does not make the front "
                                     "forget a newer session") {
    start();
    serve_now(stored_guid, get_todos(stored_guid));
    caf::anon_send(front, actors::bye_atom_v, std::string{stored_guid},
                   caf::actor_addr{});
    run();
    CHECK(live_sessions() == 1);
    CHECK(serve_now(stored_guid, get_todos(stored_guid)).status == 200);
    CHECK(store->loads == 1); // still the same session: no reload
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "a read-only session refreshes its stamp when it stops") {
    start(model::user_mode::multi_user, 1s);
    serve_now(stored_guid, get_todos(stored_guid));
    wall += 5s;
    advance(1s);
    CHECK(live_sessions() == 0);
    CHECK(store->stamps[stored_guid] == wall);
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "a request that meets a leaving session is handed back "
                    "and served from the reloaded state") {
    start(model::user_mode::multi_user, 1s);
    auto guid = create_challenger();
    serve_now(guid, post_todo(guid, "survives the race"));
    auto old_session = session_of(guid)->self;
    // Fire the idle timeout; the session starts its flush.
    sched->advance_time(1s);
    // The request reaches the front's mailbox, but the front waits while the
    // session finishes its flush and asks the front `bye`.
    auto r = serve(guid, get_todos(guid));
    run_all_but(front);
    CHECK(store->rows.count(guid) == 1);
    REQUIRE(session_of(guid) != nullptr); // the front has not seen the bye
    CHECK(session_of(guid)->current == actors::session_state::phase::leaving);
    CHECK_FALSE(r->done());
    // The front delegates the request to the leaving session (it comes
    // first in the front's mailbox), then erases the entry and replies.
    sched->run_jobs_filtered(
      [&](caf::resumable* x) { return x == job_of(front); });
    CHECK(session_of(guid) == nullptr);
    CHECK(sys->registry().running() == baseline + 2); // old session, client
    // The old session hands the request back, then quits on the reply.
    auto loads_before = store->loads;
    run();
    REQUIRE(r->value);
    CHECK(r->value->status == 200);
    CHECK(contains(r->value->body, "survives the race"));
    CHECK(store->loads == loads_before + 1);
    CHECK(live_sessions() == 1);
    REQUIRE(session_of(guid) != nullptr);
    CHECK(session_of(guid)->self != old_session);
    CHECK(session_of(guid)->challenger.state
          == model::challenger_state::loaded);
    CHECK(sys->registry().running() == baseline + 1);
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "a change queued behind a leaving session is kept") {
    start(model::user_mode::multi_user, 1s);
    auto guid = create_challenger();
    serve_now(guid, post_todo(guid, "first"));
    sched->advance_time(1s);
    // Three requests wait in the front's mailbox, a change among them.
    auto a = serve(guid, post_todo(guid, "second"));
    auto b = serve(guid, get_todos(guid));
    auto e = ask<model::challenger>(front, actors::view_atom_v, guid);
    run_all_but(front);
    CHECK(session_of(guid)->current == actors::session_state::phase::leaving);
    run();
    REQUIRE(a->value);
    REQUIRE(b->value);
    REQUIRE(e->value);
    CHECK(a->value->status == 201);
    CHECK(b->value->status == 200);
    CHECK(contains(b->value->body, "\"first\""));
    CHECK(contains(b->value->body, "\"second\""));
    CHECK(e->value->known);
    CHECK(e->value->todos.size() == 12);
    CHECK(live_sessions() == 1);
    flush_storage();
    REQUIRE(stored(guid));
    CHECK(has_todo(*stored(guid), "second"));
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "requests queued behind a session that failed to load get "
                    "its failure") {
    start();
    store->failing_loads = 1;
    auto a = serve(stored_guid, get_todos(stored_guid));
    run_all_but(storage); // the session is spawned and loading
    // The second request waits in the front's mailbox while the load fails
    // and the session leaves.
    auto b = serve(stored_guid, get_todos(stored_guid));
    run_all_but(front);
    CHECK(a->error == actors::app_ec::storage_failed);
    REQUIRE(session_of(stored_guid) != nullptr);
    CHECK(session_of(stored_guid)->current
          == actors::session_state::phase::leaving);
    CHECK_FALSE(b->done());
    run();
    CHECK(b->error == actors::app_ec::storage_failed);
    CHECK(live_sessions() == 0);
    CHECK(sys->registry().running() == baseline);
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "a request during the idle flush cancels the stop") {
    start(model::user_mode::multi_user, 1s);
    auto guid = create_challenger();
    serve_now(guid, post_todo(guid, "kept alive"));
    sched->advance_time(1s);
    // Let only the session run: it sends its snapshot and the flush request.
    caf::resumable* session_job = session_of(guid)->self;
    sched->run_jobs_filtered(
      [&](caf::resumable* x) { return x == session_job; });
    CHECK(session_of(guid)->current == actors::session_state::phase::stopping);
    // A request reaches the session before the flush ack.
    auto r = serve(guid, get_todos(guid));
    run_all_but(storage);
    REQUIRE(r->value);
    CHECK(contains(r->value->body, "kept alive"));
    run(); // the ack arrives and finds the session ready
    CHECK(live_sessions() == 1);
    REQUIRE(session_of(guid) != nullptr);
    CHECK(session_of(guid)->current == actors::session_state::phase::ready);
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "a failed load answers every waiting request with an error "
                    "and leaves no session") {
    start();
    store->failing_loads = 1;
    auto a = serve(stored_guid, get_todos(stored_guid));
    auto b = serve(stored_guid, post_todo(stored_guid, "lost?"));
    run();
    CHECK(a->error == actors::app_ec::storage_failed);
    CHECK(b->error == actors::app_ec::storage_failed);
    CHECK(live_sessions() == 0);
    CHECK(sys->registry().running() == baseline);
    SUBCASE("the next request loads again") {
      auto res = serve_now(stored_guid, get_todos(stored_guid));
      CHECK(res.status == 200);
      CHECK(contains(res.body, "persisted todo"));
    }
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "a corrupt snapshot is refused and never overwritten") {
    start();
    store->rows[stored_guid] = "{\"v\":1,";
    auto r = serve(stored_guid, post_todo(stored_guid, "x"));
    run();
    CHECK(r->error == actors::app_ec::corrupt_snapshot);
    CHECK(live_sessions() == 0);
    flush_storage();
    CHECK(store->rows[stored_guid] == "{\"v\":1,");
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "new challengers get distinct random UUID v4 GUIDs") {
    start();
    auto a = create_challenger();
    auto b = create_challenger();
    CHECK(a != b);
    for (const auto& g : {a, b}) {
      REQUIRE(g.size() == 36);
      CHECK(g[14] == '4');
      CHECK((g[19] == '8' || g[19] == '9' || g[19] == 'a' || g[19] == 'b'));
      for (char c : g)
        CHECK(((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-'));
    }
    CHECK(live_sessions() == 2);
    flush_storage();
    CHECK(store->rows.count(a) == 1);
    CHECK(store->rows.count(b) == 1);
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "the single player is created once, saved and pinned") {
    start(model::user_mode::single_user, 1s);
    std::string guid{model::single_player_guid};
    auto view = ask<model::challenger>(front, actors::view_atom_v, guid);
    run();
    REQUIRE(view->value);
    CHECK(view->value->known);
    CHECK(view->value->guid == guid);
    flush_storage();
    REQUIRE(stored(guid));
    serve_now(guid, post_todo(guid, "single"));
    advance(std::chrono::hours(24));
    CHECK(live_sessions() == 1); // no idle stop in single-user mode
    SUBCASE("a restart loads it") {
      caf::anon_send_exit(front, caf::exit_reason::user_shutdown);
      run();
      flush_storage();
      front = sys->spawn(actors::front_impl, context, storage,
                         std::chrono::milliseconds(1000), stats,
                         std::size_t{0});
      run();
      auto res = serve_now(guid, get_todos(guid));
      CHECK(contains(res.body, "single"));
      REQUIRE(session_of(guid) != nullptr);
      CHECK(session_of(guid)->challenger.state
            == model::challenger_state::loaded);
    }
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "stop ends every session and a flush then saves all") {
    start(model::user_mode::multi_user, 1s);
    std::vector<std::string> guids;
    for (int i = 0; i < 5; ++i) {
      guids.push_back(create_challenger());
      serve_now(guids.back(), post_todo(guids.back(), "todo " + guids.back()));
    }
    serve_now(stored_guid, post_todo(stored_guid, "late change"));
    // A request still stashed in a loading session when the stop comes.
    store->rows["12345678-2222-4333-8444-555555555555"] = storage::encode(
      model::make_challenger("12345678-2222-4333-8444-555555555555", "t"));
    auto stashed = serve("12345678-2222-4333-8444-555555555555",
                         get_todos("12345678-2222-4333-8444-555555555555"));
    run_all_but(storage);
    CHECK(store->batches.empty());
    auto stopped = ask<uint64_t>(front, actors::stop_atom_v);
    run_all_but(storage); // the load stays unanswered until the stop is done
    REQUIRE(stopped->value);
    run();
    REQUIRE(stopped->value);
    CHECK(*stopped->value == 7);
    CHECK(stashed->error == actors::app_ec::shutting_down);
    flush_storage();
    CHECK(sys->registry().running() == 1); // storage only
    for (const auto& g : guids) {
      REQUIRE(stored(g));
      CHECK(has_todo(*stored(g), "todo " + g));
    }
    CHECK(has_todo(*stored(stored_guid), "late change"));
    front = actors::front_actor{};
  }

  TEST_CASE_FIXTURE(session_fixture,
                    "an exit to the front ends sessions with armed timers") {
    start(model::user_mode::multi_user, std::chrono::minutes(10));
    create_challenger();
    create_challenger();
    CHECK(sys->registry().running() == baseline + 2);
    caf::anon_send_exit(front, caf::exit_reason::user_shutdown);
    run(); // no time passes: the idle timers never fire
    CHECK(sys->registry().running() == 1); // storage only
    front = actors::front_actor{};
  }

} // TEST_SUITE
