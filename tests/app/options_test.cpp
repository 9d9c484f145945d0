// The command line (app/options), including the original's flag forms.

#include "app/options.hpp"

#include <doctest/doctest.h>

namespace {

app::parse_result parse(std::vector<std::string> args,
                        const char* port_env = nullptr) {
  return app::parse(args, port_env);
}

} // namespace

TEST_SUITE("app.options") {
  TEST_CASE("defaults: single-user, port 4567, SQLite storage") {
    auto r = parse({});
    REQUIRE(r.error.empty());
    CHECK(r.opts.http.port == 4567);
    CHECK(r.opts.api.mode == model::user_mode::single_user);
    CHECK(r.opts.storage.persistent);
    CHECK(r.opts.storage.path == "challenger-sessions.db");
    CHECK(r.opts.api.storage);
    CHECK(r.opts.idle_timeout == std::chrono::seconds(600));
  }

  TEST_CASE("§10 --edition classic or 2026, classic by default") {
    CHECK(parse({}).opts.api.edition == model::edition_id::classic);
    CHECK(parse({"--edition", "2026"}).opts.api.edition
          == model::edition_id::y2026);
    CHECK(parse({"--edition=classic"}).opts.api.edition
          == model::edition_id::classic);
    auto bad = parse({"--edition", "2025"});
    CHECK(bad.error == "--edition needs classic or 2026");
    CHECK_FALSE(parse({"--edition"}).error.empty());
  }

  TEST_CASE("§8 port from PORT, --port and -port=N") {
    CHECK(parse({}, "8080").opts.http.port == 8080);
    CHECK(parse({"--port", "9000"}, "8080").opts.http.port == 9000);
    CHECK(parse({"--port=9001"}).opts.http.port == 9001);
    CHECK(parse({"-port=9002"}).opts.http.port == 9002);
    CHECK_FALSE(parse({}, "eighty").error.empty());
    CHECK_FALSE(parse({"--port", "70000"}).error.empty());
    CHECK_FALSE(parse({"--port"}).error.empty());
  }

  TEST_CASE("§5.1 §8 the original's mode and storage flags") {
    auto r = parse({"-multiplayer", "-memory", "-unlimitedtodos"});
    REQUIRE(r.error.empty());
    CHECK(r.opts.api.mode == model::user_mode::multi_user);
    CHECK_FALSE(r.opts.storage.persistent);
    CHECK_FALSE(r.opts.api.storage);
    CHECK(r.opts.api.unlimited_todos);
    CHECK(parse({"-MultiUser"}).opts.api.mode == model::user_mode::multi_user);
    CHECK_FALSE(parse({"-cloudstorage"}).opts.storage.persistent);
    CHECK(parse({"-noshutdown", "-model=challengeapi"}).error.empty());
    CHECK_FALSE(parse({}).opts.gui_keep_alive);
    CHECK(parse({"-guikeepalive"}).opts.gui_keep_alive);
    CHECK(parse({"-GuiKeepAlive"}).opts.gui_keep_alive);
    CHECK(parse({"--gui-keep-alive"}).opts.gui_keep_alive);
  }

  TEST_CASE("--storage, --idle-timeout, --retention-days, threads") {
    auto r = parse({"--multi-user", "--storage", "sqlite:/tmp/x.db",
                    "--idle-timeout", "2", "--retention-days", "3",
                    "--http-threads", "32", "--caf-threads", "1", "--fronts",
                    "4"});
    REQUIRE(r.error.empty());
    CHECK(r.opts.storage.path == "/tmp/x.db");
    CHECK(r.opts.idle_timeout == std::chrono::seconds(2));
    CHECK(r.opts.retention_days == 3);
    CHECK(r.opts.http.threads == 32);
    CHECK(r.opts.caf_threads == 1);
    CHECK(r.opts.fronts == 4);
    CHECK(parse({}).opts.fronts == 1);
    CHECK(parse({}).opts.http.threads == 4096);
    CHECK_FALSE(parse({"--fronts", "0"}).error.empty());
    CHECK_FALSE(parse({"--storage", "redis:x"}).error.empty());
    CHECK_FALSE(parse({"--idle-timeout", "0"}).error.empty());
    CHECK_FALSE(parse({"--http-threads", "-1"}).error.empty());
  }

  TEST_CASE("--storage postgres:CONNINFO takes a libpq string or a URI") {
    auto r = parse({"--storage", "postgres:host=db port=5433 dbname=c"});
    REQUIRE(r.error.empty());
    CHECK(r.opts.storage.persistent);
    CHECK(r.opts.api.storage);
    CHECK(r.opts.storage.postgres == "host=db port=5433 dbname=c");
    CHECK(app::describe(r.opts.storage)
          == "postgres:host=db port=5433 dbname=c");
    auto uri = parse({"--storage=postgres:postgresql://u:s3cret@db:5433/c"});
    REQUIRE(uri.error.empty());
    CHECK(uri.opts.storage.postgres == "postgresql://u:s3cret@db:5433/c");
    // Logs never show the password.
    CHECK(app::describe(uri.opts.storage)
          == "postgres:host=db port=5433 dbname=c user=u");
    CHECK(parse({"--storage", "postgres:"}).error
          == "--storage needs sqlite:PATH, postgres:CONNINFO or none");
    CHECK(app::describe(parse({}).opts.storage)
          == "sqlite:challenger-sessions.db");
    CHECK(app::describe(parse({"--storage", "none"}).opts.storage) == "none");
    auto last = parse(
      {"--storage", "postgres:dbname=c", "--storage", "sqlite:/tmp/y.db"});
    CHECK(app::describe(last.opts.storage) == "sqlite:/tmp/y.db");
  }

  TEST_CASE("--request-timeout: seconds for a whole request to arrive") {
    CHECK(parse({}).opts.http.request_timeout == std::chrono::seconds(30));
    CHECK(parse({"--request-timeout", "5"}).opts.http.request_timeout
          == std::chrono::seconds(5));
    CHECK(parse({"--request-timeout", "0"}).error
          == "--request-timeout needs seconds (1 to 3600)");
    CHECK_FALSE(parse({"--request-timeout", "3601"}).error.empty());
  }

  TEST_CASE("--inline-messages: messages per inline turn, 0 is off") {
    CHECK(parse({}).opts.inline_messages == 1);
    CHECK(parse({"--inline-messages", "0"}).opts.inline_messages == 0);
    CHECK(parse({"--inline-messages=8"}).opts.inline_messages == 8);
    CHECK_FALSE(parse({"--inline-messages", "-1"}).error.empty());
    CHECK(parse({"--inline-messages", "-1"}).error
          == "--inline-messages needs a number of messages (0 = off)");
  }

  TEST_CASE("--inline-actors is the same flag under its former name") {
    CHECK(parse({"--inline-actors", "0"}).opts.inline_messages == 0);
    CHECK(parse({"--inline-actors=8"}).opts.inline_messages == 8);
    CHECK(parse({"--inline-actors", "x"}).error
          == "--inline-actors needs a number of messages (0 = off)");
  }

  TEST_CASE("--max-live-sessions bounds the live sessions, 0 is unlimited") {
    CHECK(parse({}).opts.max_live_sessions == 0);
    CHECK(parse({"--max-live-sessions", "10"}).opts.max_live_sessions == 10);
    CHECK(parse({"--max-live-sessions=0"}).opts.max_live_sessions == 0);
    CHECK_FALSE(parse({"--max-live-sessions", "-1"}).error.empty());
    CHECK_FALSE(parse({"--max-live-sessions", "x"}).error.empty());
  }

  TEST_CASE("--node-id names the node, --lease-seconds sets the lease") {
    CHECK(parse({}).opts.node_id.empty()); // host:port, decided at start
    CHECK(parse({"--node-id", "eu-1"}).opts.node_id == "eu-1");
    CHECK(parse({"--node-id="}).error
          == "--node-id needs a name (1 to 200 characters)");
    CHECK(parse({}).opts.lease == std::chrono::seconds{5});
    CHECK(parse({"--lease-seconds", "2"}).opts.lease
          == std::chrono::seconds{2});
    CHECK(parse({"--lease-seconds", "0"}).error
          == "--lease-seconds needs seconds (1 to 3600)");
  }

  TEST_CASE("--drain-seconds sets the drain before stopping") {
    CHECK(parse({}).opts.drain == std::chrono::seconds{0});
    CHECK(parse({"--drain-seconds", "3"}).opts.drain
          == std::chrono::seconds{3});
    CHECK(parse({"--drain-seconds=0"}).opts.drain == std::chrono::seconds{0});
    CHECK(parse({"--drain-seconds", "-1"}).error
          == "--drain-seconds needs seconds (0 to 3600)");
    CHECK(parse({"--drain-seconds", "x"}).error
          == "--drain-seconds needs seconds (0 to 3600)");
  }

  TEST_CASE("--max-live-sessions needs storage") {
    // Eviction saves a session for its next request to reload: without
    // storage the learner would lose it. Refused, whatever the order.
    const std::vector<std::vector<std::string>>
      refused{{"--multi-user", "--storage", "none", "--max-live-sessions", "1"},
              {"--max-live-sessions=1", "--storage=none"},
              {"-memory", "--max-live-sessions", "5"},
              {"--max-live-sessions", "5", "-nostorage"}};
    for (const auto& args : refused) {
      auto r = parse(args);
      CAPTURE(r.error);
      CHECK(r.error.find("--max-live-sessions needs storage")
            != std::string::npos);
      CHECK(r.error.find("--storage none") != std::string::npos);
    }
    CHECK(
      parse({"--storage", "none", "--max-live-sessions", "0"}).error.empty());
    auto stored = parse({"--multi-user", "--storage", "sqlite:/tmp/x.db",
                         "--max-live-sessions", "1"});
    CHECK(stored.error.empty());
    CHECK(stored.opts.max_live_sessions == 1);
    CHECK(app::usage().find("Needs storage") != std::string::npos);
  }

  TEST_CASE("unknown options are errors and --help is documented") {
    CHECK(parse({"--frobnicate"}).error
          == "unknown option: --frobnicate (see --help)");
    CHECK(parse({"--help"}).opts.help);
    auto text = app::usage();
    for (auto flag :
         {"--port", "--host", "--multi-user", "--storage", "--idle-timeout",
          "--retention-days", "--unlimited-todos", "--max-live-sessions",
          "--http-threads", "--caf-threads", "--request-timeout",
          "--inline-messages", "--inline-actors", "--node-id",
          "--lease-seconds", "--fronts", "--gui-keep-alive", "--help"})
      CHECK(text.find(flag) != std::string::npos);
  }
}
