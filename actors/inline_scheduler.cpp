#include "actors/inline_scheduler.hpp"

#include <caf/actor_system_config.hpp>
#include <caf/execution_unit.hpp>
#include <caf/policy/work_stealing.hpp>
#include <caf/resumable.hpp>
#include <caf/scheduler/coordinator.hpp>

#include <cstddef>
#include <vector>

namespace actors {

namespace {

/// Actors one thread may run per inline turn; the rest go to the pool.
constexpr std::size_t inline_jobs = 32;

thread_local bool inline_allowed = false;

/// The execution context of actors running inline: what they schedule
/// (an actor they wake, one they spawn) queues up here.
class inline_unit final : public caf::execution_unit {
public:
  explicit inline_unit(caf::actor_system* sys) : caf::execution_unit(sys) {
    jobs.reserve(4);
  }

  void exec_later(caf::resumable* ptr) override {
    jobs.push_back(ptr);
  }

  std::vector<caf::resumable*> jobs;
};

thread_local inline_unit* active_unit = nullptr;

class inline_coordinator final
    : public caf::scheduler::coordinator<caf::policy::work_stealing> {
public:
  using super = caf::scheduler::coordinator<caf::policy::work_stealing>;

  inline_coordinator(caf::actor_system& sys, std::size_t throughput)
      : super(sys), throughput_(throughput) {
    // nop
  }

  void enqueue(caf::resumable* ptr) override {
    if (active_unit != nullptr) {
      active_unit->exec_later(ptr); // scheduled by an actor running inline
      return;
    }
    if (!inline_allowed) {
      super::enqueue(ptr);
      return;
    }
    inline_unit unit{&system()};
    active_unit = &unit;
    unit.exec_later(ptr);
    std::size_t i = 0;
    for (; i < unit.jobs.size() && i < inline_jobs; ++i)
      finish(unit.jobs[i], unit.jobs[i]->resume(&unit, throughput_));
    active_unit = nullptr;
    // Over budget: the scheduler's threads take the rest.
    for (; i < unit.jobs.size(); ++i)
      super::enqueue(unit.jobs[i]);
  }

private:
  // What a scheduler worker does after `resume` (caf/scheduler/worker.hpp).
  void finish(caf::resumable* job, caf::resumable::resume_result res) {
    switch (res) {
      case caf::resumable::resume_later:
        super::enqueue(job); // more messages: a worker goes on with it
        break;
      case caf::resumable::done:
      case caf::resumable::awaiting_message:
      case caf::resumable::shutdown_execution_unit:
        caf::intrusive_ptr_release(job);
        break;
    }
  }

  /// Messages one actor may handle per inline turn: a busy front actor
  /// handles other threads' requests too (their senders wait anyway).
  std::size_t throughput_;
};

} // namespace

void use_inline_scheduler(caf::actor_system_config& cfg,
                          std::size_t throughput) {
  cfg.module_factories.push_back(
    [throughput](caf::actor_system& sys) -> caf::actor_system::module* {
      return new inline_coordinator(sys, throughput);
    });
}

inline_execution::inline_execution() : previous_(inline_allowed) {
  inline_allowed = true;
}

inline_execution::~inline_execution() {
  inline_allowed = previous_;
}

} // namespace actors
