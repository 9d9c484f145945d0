// The one doctest main shared by every test binary.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <csignal>

int main(int argc, char** argv) {
  // The tests are HTTP clients too: a server that closes a keep-alive
  // connection (on stop, after a refused request) must show up as a
  // failed call, not kill the test process with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  return doctest::Context{argc, argv}.run();
}
