#pragma once

// CAF's work-stealing scheduler, plus one thing: a thread that is about to
// wait for an actor's answer anyway (an HTTP worker in `gateway::handle`)
// may run the actors its message wakes up itself, instead of waking a
// scheduler thread and sleeping until that one answers. The actors and
// their messages are the same; only the thread that executes them differs.
// CAF still runs each actor on one thread at a time: only the thread that
// took an actor from idle to scheduled resumes it.

#include <caf/fwd.hpp>

#include <cstddef>

namespace actors {

/// Makes `cfg`'s actor system use the scheduler described above; an actor
/// run inline handles at most `throughput` messages per turn.
void use_inline_scheduler(caf::actor_system_config& cfg,
                          std::size_t throughput);

/// While an `inline_execution` lives on a thread, actors that this thread
/// schedules (by sending to an idle actor) run on it, briefly and within a
/// budget; whatever is left goes to the scheduler's threads.
class inline_execution {
public:
  inline_execution();
  ~inline_execution();

  inline_execution(const inline_execution&) = delete;
  inline_execution& operator=(const inline_execution&) = delete;

private:
  bool previous_;
};

} // namespace actors
