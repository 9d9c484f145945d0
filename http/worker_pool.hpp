#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace http {

/// The threads that serve connections, one connection each (httplib's
/// TaskQueue): at most `max_threads`, started when every running one is
/// busy and ended after `idle_exit` without work. A new connection goes to
/// the thread that became idle last.
///
/// httplib's own ThreadPool starts all its threads up front and wakes the
/// one idle longest, so over time every thread serves connections and
/// keeps what serving left behind: touched stack pages and glibc's
/// per-thread caches (together about 100 KB a thread). With the default of
/// 256 threads that memory grows for as long as the pool takes to cycle
/// through all of them (the creeping soak of bench/results/soak/README.md);
/// here it follows the load: the threads of the highest recent concurrency, and
/// only those.
///
/// Each thread reserves `stack_size` of address space for its stack; only
/// the pages a connection touches become memory (ARCHITECTURE §6).
class worker_pool final : public httplib::TaskQueue {
public:
  /// The stack reserved per thread. httplib routes with `std::regex`, whose
  /// matcher recurses once per character of the path: matching an
  /// 8,000-character path (httplib's request-line limit is 8 KB) needed
  /// between 2.5 and 3 MB of stack (g++ 12, -O2), so small stacks would
  /// crash on long paths. Untouched stack pages cost no memory.
  static constexpr std::size_t stack_size = std::size_t{8} << 20;

  worker_pool(std::size_t max_threads, std::chrono::milliseconds idle_exit);

  /// Calls `shutdown` (when httplib did not).
  ~worker_pool() override;

  worker_pool(const worker_pool&) = delete;
  worker_pool& operator=(const worker_pool&) = delete;

  /// Runs `job` on an idle thread, a new one, or, with `max_threads` busy,
  /// on the first thread that becomes free (jobs wait in arrival order).
  void enqueue(std::function<void()> job) override;

  /// Lets the running jobs and the waiting ones finish, then returns once
  /// every thread has ended. Jobs enqueued afterwards are dropped.
  void shutdown() override;

  /// Threads running now, busy or idle.
  std::size_t threads() const;

  /// Threads waiting for a job.
  std::size_t idle_threads() const;

private:
  struct worker {
    std::condition_variable wake;
    std::function<void()> job;
  };

  /// What a new thread starts with.
  struct thread_start {
    worker_pool* pool;
    std::function<void()> job;
  };

  /// Starts a detached thread with a `stack_size` stack that runs
  /// `start`'s job and takes ownership of `start`; returns 0, or the
  /// error (then `start` stays the caller's).
  static int start_thread(thread_start* start);

  /// A thread's life: its first job, then whatever comes its way.
  void run(std::function<void()> job);

  /// Waits (holding `mtx_` via `lock`) for a job handed to `self`, for
  /// `idle_exit_` at most. An empty function means: end the thread.
  std::function<void()> wait_for_job(worker& self,
                                     std::unique_lock<std::mutex>& lock);

  mutable std::mutex mtx_;
  std::size_t max_threads_;
  std::chrono::milliseconds idle_exit_;
  /// Idle threads, the one idle last at the back.
  std::vector<worker*> idle_;
  /// Jobs waiting for a thread (all `max_threads_` busy).
  std::deque<std::function<void()>> waiting_;
  std::size_t threads_ = 0;
  bool stopping_ = false;
  std::condition_variable all_ended_;
};

} // namespace http
