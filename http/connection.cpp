#include "http/connection.hpp"

#include "http/status_line.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <string_view>
#include <sys/socket.h>
#include <unistd.h>

namespace http {

namespace {

thread_local connection* current_connection = nullptr;

/// Responses are sent once this much is buffered (one send per response
/// below it: head and body in one segment).
constexpr std::size_t flush_threshold = 64 * 1024;

/// How long and how much a cut-short client may still send before the
/// connection closes (the lingering close).
constexpr auto linger_time = std::chrono::milliseconds{1000};
constexpr std::size_t linger_bytes = 4 << 20;

int millis_until(connection::clock::time_point until) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
    until - connection::clock::now());
  // Round up so that a poll never returns just before the deadline.
  return static_cast<int>(std::clamp<long long>(left.count() + 1, 0, 60000));
}

void address_of(int fd, bool remote, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  auto* sa = reinterpret_cast<sockaddr*>(&addr);
  if ((remote ? ::getpeername(fd, sa, &len) : ::getsockname(fd, sa, &len)) != 0)
    return;
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    auto* in = reinterpret_cast<sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
    port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    auto* in = reinterpret_cast<sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &in->sin6_addr, text, sizeof(text));
    port = ntohs(in->sin6_port);
  }
  ip = text;
}

} // namespace

connection::connection(int fd, int stop_fd, const request_limits& limits)
    : fd_(fd), stop_fd_(stop_fd), limits_(limits) {
  current_connection = this;
  begin_request();
}

connection::~connection() {
  close();
  if (current_connection == this)
    current_connection = nullptr;
}

connection* connection::current() {
  return current_connection;
}

bool connection::await_request(std::chrono::milliseconds idle) {
  if (!flush())
    return false;
  if (in_pos_ < in_end_)
    return true; // a pipelined request is already here
  return wait_for(POLLIN, clock::now() + idle, true) == 1;
}

void connection::begin_request() {
  deadline_ = clock::now() + limits_.deadline;
  status_line_next_ = true;
  answered_ = false;
  head_line_start_ = true;
  query_method_ = false;
  fast_end_ = 0;
  head_bytes_ = 0;
  body_bytes_ = 0;
  drain_allowance_ = 0;
  in_body_ = false;
}

void connection::begin_body() {
  leave_fast_path();
  in_body_ = true;
}

void connection::skip_body(std::size_t n) {
  if (n > limits_.max_body)
    close_after_response();
  else
    unread_ = n;
}

bool connection::drain_body(std::size_t n) {
  if (n > limits_.max_drain) {
    close_after_response();
    return false;
  }
  drain_allowance_ = n;
  unread_ = n;
  return true;
}

bool connection::read_body(std::string& out, std::size_t n, std::size_t keep) {
  keep = std::min(keep, n);
  if (keep > limits_.max_body || !drain_body(n - keep))
    return false;
  out.resize(keep);
  std::size_t got = 0;
  while (got < keep) {
    auto r = read(out.data() + got, keep - got);
    if (r <= 0) {
      out.resize(got);
      unread_ = 0;
      close_after_response();
      return false;
    }
    got += static_cast<std::size_t>(r);
  }
  return true;
}

bool connection::drop_unread() {
  char sink[4096];
  while (unread_ > 0) {
    auto n = read(sink, std::min(unread_, sizeof(sink)));
    if (n <= 0) {
      unread_ = 0;
      keep_ = false;
      return false;
    }
    unread_ -= static_cast<std::size_t>(n);
  }
  return true;
}

void connection::cut(cut_reason why) {
  leave_fast_path();
  if (cut_ == cut_reason::none)
    cut_ = why;
  keep_ = false;
  linger_ = true;
}

int connection::wait_for(short events, clock::time_point until,
                         bool stoppable) const {
  auto watch_stop = stoppable && stop_fd_ >= 0;
  for (;;) {
    pollfd fds[2] = {{fd_, events, 0}, {stop_fd_, POLLIN, 0}};
    auto n = ::poll(fds, watch_stop ? 2 : 1, millis_until(until));
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 || (watch_stop && fds[1].revents != 0))
      return -1;
    if (n > 0)
      return 1;
    if (clock::now() >= until)
      return 0;
  }
}

int connection::fill(std::size_t keep) {
  leave_fast_path(); // the buffer moves
  std::memmove(in_.data(), in_.data() + in_pos_, keep);
  in_pos_ = 0;
  in_end_ = keep;
  for (;;) {
    auto n = ::recv(fd_, in_.data() + keep, in_.size() - keep, MSG_DONTWAIT);
    if (n > 0) {
      in_end_ = keep + static_cast<std::size_t>(n);
      return 1;
    }
    if (n == 0)
      return 0;
    if (errno == EINTR)
      continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      keep_ = false;
      return -1;
    }
    auto now = clock::now();
    if (now >= deadline_) {
      cut(cut_reason::deadline);
      return 0;
    }
    auto until = std::min(now + limits_.read_timeout, deadline_);
    auto ready = wait_for(POLLIN, until);
    if (ready == 0 && clock::now() >= deadline_) {
      cut(cut_reason::deadline);
      return 0;
    }
    if (ready != 1) {
      // Silent for the read timeout: httplib gives up on the request (and
      // may still answer it); the connection serves no other.
      keep_ = false;
      return -1;
    }
  }
}

ssize_t connection::read(char* ptr, size_t size) {
  // httplib reads the head a byte at a time: the rest of a buffered line
  // takes this path (see `enter_fast_path`).
  if (size == 1 && in_pos_ < fast_end_) {
    *ptr = in_[in_pos_++];
    return 1;
  }
  leave_fast_path();
  if (cut_ != cut_reason::none)
    return 0;
  // Whatever was written so far goes out before we wait for more input
  // (`100 Continue` is written before the body is read).
  if (!out_.empty() && !flush())
    return -1;
  if (in_pos_ == in_end_) {
    auto r = fill();
    if (r <= 0)
      return r;
  }
  if (!in_body_ && head_line_start_)
    hide_range_header();
  auto& used = in_body_ ? body_bytes_ : head_bytes_;
  auto limit = in_body_ ? limits_.max_body + drain_allowance_
                        : limits_.max_head;
  auto n = std::min({size, in_end_ - in_pos_, limit - std::min(limit, used)});
  if (!in_body_ && n > 1) {
    // Hand out the head a line at a time at most, so that every line
    // start passes `hide_range_header` first. (httplib reads the head a
    // byte at a time: n is then 1 and there is nothing to search.)
    const auto* start = in_.data() + in_pos_;
    if (const auto* end = static_cast<const char*>(std::memchr(start, '\n', n)))
      n = static_cast<std::size_t>(end - start) + 1;
  }
  if (n == 0) {
    // httplib sees the end of input: its parser stops where it is and
    // answers 400, which the error handler turns into 431 or 413.
    cut(in_body_ ? cut_reason::body_too_large : cut_reason::head_too_large);
    return 0;
  }
  std::memcpy(ptr, in_.data() + in_pos_, n);
  in_pos_ += n;
  used += n;
  if (!in_body_) {
    head_line_start_ = ptr[n - 1] == '\n';
    if (!head_line_start_)
      enter_fast_path();
  }
  return static_cast<ssize_t>(n);
}

void connection::enter_fast_path() {
  auto budget = std::min(in_end_ - in_pos_, limits_.max_head - head_bytes_);
  if (budget == 0 || cut_ != cut_reason::none)
    return;
  const auto* start = in_.data() + in_pos_;
  if (const auto* end = static_cast<const char*>(
        std::memchr(start, '\n', budget))) {
    budget = static_cast<std::size_t>(end - start) + 1;
    head_line_start_ = true; // once the line is read
  }
  fast_end_ = in_pos_ + budget;
  head_bytes_ += budget;
}

void connection::leave_fast_path() {
  if (in_pos_ < fast_end_) {
    // Left mid-line: those bytes are not read yet.
    head_bytes_ -= fast_end_ - in_pos_;
    head_line_start_ = false;
  }
  fast_end_ = 0;
}

// httplib 0.11.4 answers a `Range` header it cannot parse (`Range: foo`)
// with an empty 416 before any of our code runs; the original ignored
// `Range` altogether (BEHAVIOUR §7.1). So a header line naming `Range`
// (any case) is renamed to `Xange` as it is read: httplib never sees one,
// valid or not. Needs the line's first 6 bytes (or its end) buffered.
void connection::hide_range_header() {
  constexpr std::string_view name = "range:";
  auto buffered = [this] { return in_end_ - in_pos_; };
  while (buffered() < name.size()
         && std::memchr(in_.data() + in_pos_, '\n', buffered()) == nullptr
         && buffered() < in_.size() && fill(buffered()) == 1) {
  }
  if (buffered() < name.size())
    return;
  // The request line: `QUERY ` (the method of the 2026 edition's QUERY
  // challenges, BEHAVIOUR §11.5) would be a 400 from httplib's parser.
  if (head_bytes_ == 0) {
    if (std::memcmp(in_.data() + in_pos_, "QUERY ", 6) == 0) {
      std::memcpy(in_.data() + in_pos_, "PATCH ", 6);
      query_method_ = true;
    }
    return;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(in_[in_pos_ + i]);
    if (std::tolower(c) != name[i])
      return;
  }
  in_[in_pos_] = 'X';
}

void connection::after_answer() {
  if (out_.size() >= flush_threshold)
    flush();
}

ssize_t connection::write(const char* ptr, size_t size) {
  if (failed_)
    return -1;
  if (answered_)
    return static_cast<ssize_t>(size);
  if (status_line_next_) {
    // httplib writes each status line (and the head after it) with one
    // write: its reason phrases become Jetty's (BEHAVIOUR §7.3). A 1xx
    // (`100 Continue`) is followed by the final status line.
    // Rewritten where it lands in the output buffer: no copy.
    auto from = out_.size();
    out_.append(ptr, size);
    auto status = rewrite_status_line(out_, from);
    if (status >= 200 || status == 0)
      status_line_next_ = false;
    if (status == 204) {
      // Rare: re-written where it stands.
      std::string head = out_.substr(from);
      drop_content_length(head);
      out_.resize(from);
      out_ += head;
    }
    if (out_.size() >= flush_threshold && !flush())
      return -1;
    return static_cast<ssize_t>(size);
  }
  out_.append(ptr, size);
  if (out_.size() >= flush_threshold && !flush())
    return -1;
  return static_cast<ssize_t>(size);
}

bool connection::flush() {
  std::size_t sent = 0;
  while (!failed_ && sent < out_.size()) {
    auto n = ::send(fd_, out_.data() + sent, out_.size() - sent,
                    MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0) {
      sent += static_cast<std::size_t>(n);
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (wait_for(POLLOUT, clock::now() + limits_.write_timeout) != 1)
        failed_ = true;
    } else if (errno != EINTR) {
      failed_ = true;
    }
  }
  out_.clear();
  return !failed_;
}

void connection::close() {
  if (fd_ < 0)
    return;
  flush();
  if (linger_ || unread_ > 0) {
    // The client may still be sending the request we stopped reading:
    // closing now would reset the connection and could destroy our answer
    // in flight. Half-close, then drop what arrives, for a moment.
    ::shutdown(fd_, SHUT_WR);
    auto until = clock::now() + linger_time;
    std::size_t dropped = 0;
    char sink[16 * 1024];
    while (dropped < linger_bytes) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, millis_until(until)) <= 0)
        break;
      auto n = ::recv(fd_, sink, sizeof(sink), MSG_DONTWAIT);
      if (n <= 0 && !(n < 0 && (errno == EAGAIN || errno == EINTR)))
        break;
      if (n > 0)
        dropped += static_cast<std::size_t>(n);
      if (clock::now() >= until)
        break;
    }
  }
  ::shutdown(fd_, SHUT_RDWR);
  ::close(fd_);
  fd_ = -1;
}

bool connection::is_readable() const {
  if (in_pos_ < in_end_)
    return true;
  return wait_for(POLLIN,
                  std::min(clock::now() + limits_.read_timeout, deadline_))
         == 1;
}

bool connection::is_writable() const {
  return fd_ >= 0 && !failed_;
}

// httplib asks for both addresses on every request: look them up once.
void connection::get_remote_ip_and_port(std::string& ip, int& port) const {
  if (remote_.ip.empty())
    address_of(fd_, true, remote_.ip, remote_.port);
  ip = remote_.ip;
  port = remote_.port;
}

void connection::get_local_ip_and_port(std::string& ip, int& port) const {
  if (local_.ip.empty())
    address_of(fd_, false, local_.ip, local_.port);
  ip = local_.ip;
  port = local_.port;
}

socket_t connection::socket() const {
  return fd_;
}

} // namespace http
