#include "http/worker_pool.hpp"

#include <algorithm>
#include <cstring>
#include <iostream>
#include <memory>
#include <pthread.h>
#include <utility>

namespace http {

worker_pool::worker_pool(std::size_t max_threads,
                         std::chrono::milliseconds idle_exit)
    : max_threads_(std::max<std::size_t>(max_threads, 1)),
      idle_exit_(idle_exit) {
  // nop
}

worker_pool::~worker_pool() {
  shutdown();
}

void worker_pool::enqueue(std::function<void()> job) {
  std::unique_lock<std::mutex> lock{mtx_};
  if (stopping_)
    return;
  if (!idle_.empty()) {
    auto* w = idle_.back();
    idle_.pop_back();
    w->job = std::move(job);
    w->wake.notify_one();
    return;
  }
  if (threads_ >= max_threads_) {
    waiting_.push_back(std::move(job));
    return;
  }
  ++threads_;
  lock.unlock();
  auto start = std::make_unique<thread_start>(
    thread_start{this, std::move(job)});
  if (auto err = start_thread(start.get()); err != 0) {
    // Out of threads or memory (a system limit): the job waits for a
    // running thread instead of being lost.
    std::cerr << "warning: cannot start an HTTP thread: " << std::strerror(err)
              << '\n';
    lock.lock();
    --threads_;
    waiting_.push_back(std::move(start->job));
    all_ended_.notify_all();
    return;
  }
  start.release(); // the new thread owns it
}

int worker_pool::start_thread(thread_start* start) {
  pthread_attr_t attr;
  if (auto err = ::pthread_attr_init(&attr); err != 0)
    return err;
  // An explicit size, not the one glibc derives from `ulimit -s` (which a
  // service manager may set small, or unlimited): see `stack_size`.
  auto err = ::pthread_attr_setstacksize(&attr, stack_size);
  if (err == 0)
    err = ::pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t id;
  if (err == 0)
    err = ::pthread_create(
      &id, &attr,
      [](void* arg) -> void* {
        std::unique_ptr<thread_start> s{static_cast<thread_start*>(arg)};
        auto* pool = s->pool;
        auto job = std::move(s->job);
        s.reset();
        pool->run(std::move(job));
        return nullptr;
      },
      start);
  ::pthread_attr_destroy(&attr);
  return err;
}

void worker_pool::run(std::function<void()> job) {
  worker self;
  std::unique_lock<std::mutex> lock{mtx_};
  while (job) {
    lock.unlock();
    job();
    job = nullptr; // the connection's resources go before the next one
    lock.lock();
    job = wait_for_job(self, lock);
  }
  // Nothing touches the pool after this notification but the unlock.
  if (--threads_ == 0)
    all_ended_.notify_all();
}

std::function<void()> worker_pool::wait_for_job(
  worker& self, std::unique_lock<std::mutex>& lock) {
  if (!waiting_.empty()) {
    auto job = std::move(waiting_.front());
    waiting_.pop_front();
    return job;
  }
  if (stopping_)
    return nullptr;
  idle_.push_back(&self);
  self.wake.wait_for(lock, idle_exit_,
                     [&] { return self.job != nullptr || stopping_; });
  if (self.job)
    return std::exchange(self.job, nullptr); // `enqueue` took us off idle_
  // Idle too long, or stopping: still listed as idle, so unlist.
  idle_.erase(std::find(idle_.begin(), idle_.end(), &self));
  return nullptr;
}

void worker_pool::shutdown() {
  std::unique_lock<std::mutex> lock{mtx_};
  stopping_ = true;
  for (auto* w : idle_)
    w->wake.notify_one();
  all_ended_.wait(lock, [this] { return threads_ == 0; });
}

std::size_t worker_pool::threads() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return threads_;
}

std::size_t worker_pool::idle_threads() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return idle_.size();
}

} // namespace http
