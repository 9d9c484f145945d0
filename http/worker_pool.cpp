#include "http/worker_pool.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <system_error>
#include <thread>
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
  auto first = std::make_shared<std::function<void()>>(std::move(job));
  try {
    std::thread{[this, first] { run(std::move(*first)); }}.detach();
  } catch (const std::system_error& e) {
    // Out of threads (a system limit): the job waits for a running thread
    // instead of being lost.
    std::cerr << "warning: cannot start an HTTP thread: " << e.what() << '\n';
    lock.lock();
    --threads_;
    waiting_.push_back(std::move(*first));
    all_ended_.notify_all();
  }
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
