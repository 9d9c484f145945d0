#pragma once

// Waiting in tests for something to have happened (a session stopped, a
// thread ended, a counter moved): poll for it against a deadline, never
// sleep for a guessed time and then assert.

#include <chrono>
#include <thread>

namespace test {

/// Calls `pred` every `step` until it returns true (then returns true at
/// once) or `timeout` has passed (then returns false). The default
/// timeout is generous on purpose: it only bounds a failing test, and a
/// passing one returns as soon as the condition holds, even on a loaded
/// machine.
template <class Pred>
bool wait_until(Pred pred,
                std::chrono::milliseconds timeout = std::chrono::seconds(20),
                std::chrono::milliseconds step = std::chrono::milliseconds(5)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (pred())
      return true;
    if (std::chrono::steady_clock::now() >= deadline)
      return false;
    std::this_thread::sleep_for(step);
  }
}

} // namespace test
