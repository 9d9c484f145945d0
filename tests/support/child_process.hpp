#pragma once

// Runs the real challenge-server executable as a child process, for the
// process tests. The destructor kills a child that is still running, so a
// failing test never leaves a server behind.

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/types.h>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ;

namespace test {

class child_process {
public:
  /// Starts `binary` with `args`; its stdout and stderr go to `log_path`.
  child_process(const std::string& binary, std::vector<std::string> args,
                std::string log_path)
      : log_path_(std::move(log_path)) {
    std::vector<std::string> storage;
    storage.push_back(binary);
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& x : storage)
      argv.push_back(x.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 2, log_path_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&files, 2, 1);
    // Whatever this process blocks or ignores, the server must see the stop
    // signals (an ignored SIGTERM is inherited across exec).
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGINT);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr,
                             POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    auto rc = posix_spawn(&pid_, binary.c_str(), &files, &attr, argv.data(),
                          environ);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
      pid_ = -1;
      throw std::runtime_error("cannot start " + binary);
    }
  }

  ~child_process() {
    if (running()) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  pid_t pid() const {
    return pid_;
  }

  /// Whether the child was not reaped yet.
  bool running() const {
    // Never -1: kill(-1, ...) would signal every process we may signal.
    return pid_ > 0 && !status_;
  }

  /// Sends `sig` (no-op once the child was reaped).
  void signal(int sig) {
    if (running())
      ::kill(pid_, sig);
  }

  /// Waits up to `timeout` for the child to end; returns its wait status,
  /// or `std::nullopt` when it is still running.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running()) {
      int status = 0;
      auto rc = ::waitpid(pid_, &status, WNOHANG);
      if (rc == pid_) {
        status_ = status;
        break;
      }
      if (rc < 0)
        throw std::runtime_error("waitpid failed");
      if (std::chrono::steady_clock::now() >= deadline)
        return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return status_;
  }

  /// Everything the child wrote so far.
  std::string log() const {
    std::ifstream in{log_path_};
    std::stringstream out;
    out << in.rdbuf();
    return out.str();
  }

  /// Waits up to `timeout` for the `listening on http://HOST:PORT` line;
  /// returns the port, or -1 when the child ended or the time ran out.
  int wait_for_port(std::chrono::milliseconds timeout) {
    static const std::string marker = "listening on http://";
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto text = log();
      if (auto at = text.find(marker); at != std::string::npos) {
        auto end = text.find('\n', at);
        if (end != std::string::npos) {
          auto line = text.substr(at + marker.size(), end - at - marker.size());
          auto colon = line.rfind(':');
          if (colon != std::string::npos)
            return std::stoi(line.substr(colon + 1));
        }
      }
      if (wait_exit(std::chrono::milliseconds(0))
          || std::chrono::steady_clock::now() >= deadline)
        return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

private:
  std::string log_path_;
  pid_t pid_ = -1;
  std::optional<int> status_;
};

} // namespace test
