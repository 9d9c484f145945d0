// The HTTP worker threads (http/worker_pool.cpp): started on demand up to a
// cap, the thread idle last takes the next job, idle threads end, and a
// shutdown lets every job finish.

#include "http/worker_pool.hpp"
#include "support/wait.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

/// Jobs that block until released, recording the thread they ran on.
class gate {
public:
  std::function<void()> job(int i) {
    return [this, i] {
      std::unique_lock<std::mutex> lock{mtx_};
      ids_[i] = std::this_thread::get_id();
      ++running_;
      changed_.notify_all();
      changed_.wait(lock, [&] { return open_[i]; });
      --running_;
      ++done_;
      changed_.notify_all();
    };
  }

  void open(int i) {
    std::lock_guard<std::mutex> guard{mtx_};
    open_[i] = true;
    changed_.notify_all();
  }

  /// Waits up to 20 s until `pred()` holds (under the lock).
  template <class Pred>
  bool wait(Pred pred) {
    std::unique_lock<std::mutex> lock{mtx_};
    return changed_.wait_for(lock, 20s, pred);
  }

  int running() {
    std::lock_guard<std::mutex> guard{mtx_};
    return running_;
  }

  int done() {
    std::lock_guard<std::mutex> guard{mtx_};
    return done_;
  }

  std::thread::id id(int i) {
    std::lock_guard<std::mutex> guard{mtx_};
    return ids_[i];
  }

  int running_ = 0;
  int done_ = 0;

private:
  std::mutex mtx_;
  std::condition_variable changed_;
  bool open_[16] = {};
  std::thread::id ids_[16];
};

} // namespace

TEST_SUITE("http.worker_pool") {
  TEST_CASE("threads start on demand up to the cap and the rest wait") {
    gate g;
    http::worker_pool pool{3, 30s};
    CHECK(pool.threads() == 0);
    for (int i = 0; i < 5; ++i)
      pool.enqueue(g.job(i));
    CHECK(g.wait([&] { return g.running_ == 3; }));
    CHECK(pool.threads() == 3);
    // Jobs wait in arrival order: 3 runs before 4.
    g.open(0);
    CHECK(g.wait([&] { return g.running_ == 3 && g.done_ == 1; }));
    CHECK(g.id(3) != std::thread::id{});
    CHECK(g.id(4) == std::thread::id{});
    for (int i = 1; i < 5; ++i)
      g.open(i);
    CHECK(g.wait([&] { return g.done_ == 5; }));
    CHECK(pool.threads() == 3);
  }

  TEST_CASE("the thread that became idle last takes the next job") {
    gate g;
    http::worker_pool pool{8, 30s};
    for (int i = 0; i < 3; ++i)
      pool.enqueue(g.job(i));
    REQUIRE(g.wait([&] { return g.running_ == 3; }));
    for (int i = 0; i < 3; ++i) {
      g.open(i);
      REQUIRE(test::wait_until([&] {
        return pool.idle_threads() == static_cast<std::size_t>(i + 1);
      }));
    }
    pool.enqueue(g.job(3));
    REQUIRE(g.wait([&] { return g.running_ == 1; }));
    CHECK(g.id(3) == g.id(2));
    pool.enqueue(g.job(4));
    REQUIRE(g.wait([&] { return g.running_ == 2; }));
    CHECK(g.id(4) == g.id(1));
    CHECK(pool.threads() == 3); // no new thread while one was idle
    g.open(3);
    g.open(4);
  }

  TEST_CASE("idle threads end after the idle time") {
    gate g;
    http::worker_pool pool{4, 50ms};
    for (int i = 0; i < 4; ++i)
      pool.enqueue(g.job(i));
    REQUIRE(g.wait([&] { return g.running_ == 4; }));
    for (int i = 0; i < 4; ++i)
      g.open(i);
    CHECK(test::wait_until([&] { return pool.threads() == 0; }));
    // And new ones start for new work.
    pool.enqueue(g.job(5));
    g.open(5);
    CHECK(g.wait([&] { return g.done_ == 5; }));
  }

  TEST_CASE("every thread reserves the stack httplib's routing needs") {
    std::atomic<std::size_t> size{0};
    http::worker_pool pool{2, 30s};
    pool.enqueue([&size] {
      pthread_attr_t attr;
      std::size_t n = 0;
      if (::pthread_getattr_np(::pthread_self(), &attr) == 0) {
        ::pthread_attr_getstacksize(&attr, &n);
        ::pthread_attr_destroy(&attr);
      }
      size = n;
    });
    REQUIRE(test::wait_until([&] { return size.load() != 0; }));
    CHECK(size.load() >= http::worker_pool::stack_size);
  }

  TEST_CASE("shutdown lets running and waiting jobs finish, then drops") {
    std::atomic<int> ran{0};
    http::worker_pool pool{1, 30s};
    for (int i = 0; i < 3; ++i)
      pool.enqueue([&ran] {
        std::this_thread::sleep_for(20ms);
        ++ran;
      });
    pool.shutdown();
    CHECK(ran == 3);
    CHECK(pool.threads() == 0);
    // Dropped at once: `enqueue` returns without keeping the job or
    // starting a thread for it, so it can never run.
    auto token = std::make_shared<int>(0);
    pool.enqueue([&ran, token] { ++ran; });
    CHECK(token.use_count() == 1);
    CHECK(pool.threads() == 0);
    CHECK(ran == 3);
  }
}
