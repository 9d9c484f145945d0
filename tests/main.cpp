// The one doctest main shared by every test binary.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

namespace {

/// Counts the test cases a run executes. A run (not a query such as
/// --list-test-cases, which never reaches test_run_end) that executes
/// none fails: a ctest entry whose --test-case filter matches nothing
/// would otherwise pass without testing anything.
struct executed_cases : doctest::IReporter {
  static inline unsigned started = 0;
  static inline bool run_ended = false;

  explicit executed_cases(const doctest::ContextOptions&) {}

  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {
    run_ended = true;
  }
  void test_case_start(const doctest::TestCaseData&) override {
    ++started;
  }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("executed_cases", 1, executed_cases);

} // namespace

int main(int argc, char** argv) {
  // The tests are HTTP clients too: a server that closes a keep-alive
  // connection (on stop, after a refused request) must show up as a
  // failed call, not kill the test process with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  int status = doctest::Context{argc, argv}.run();
  if (executed_cases::run_ended && executed_cases::started == 0) {
    std::cerr << "error: no test case ran: the filters";
    for (int i = 1; i < argc; ++i)
      std::cerr << " [" << argv[i] << ']';
    std::cerr << " match none (a name holding ';' is split by ctest)\n";
    return EXIT_FAILURE;
  }
  return status;
}
