#pragma once

// One client connection as httplib sees it: a `httplib::Stream` over a
// socket that, unlike httplib 0.11.4's own SocketStream, bounds every
// request in time and in size (ARCHITECTURE §5) and writes each response with
// one send. Internal to http/server.cpp.

#include <httplib.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <string>
#include <utility>

namespace http {

/// What one request may take, from its first byte to its last.
struct request_limits {
  /// The whole request (line, headers and body) must arrive within this;
  /// a client trickling one byte a second is cut off here.
  std::chrono::milliseconds deadline{30000};
  /// Request line plus headers, in bytes.
  std::size_t max_head = 64 * 1024;
  /// Body bytes as sent, chunk framing included.
  std::size_t max_body = (1 << 20) + 64 * 1024;
  /// Body bytes read and dropped after the answer (`drain_body`), on top
  /// of `max_body`: a todo-API body this large still gets the API's answer.
  std::size_t max_drain = 64 << 20;
  /// Longest silence inside a request, and longest wait to send.
  std::chrono::milliseconds read_timeout{5000};
  std::chrono::milliseconds write_timeout{5000};
};

/// Why a request was cut short (the answer, then the connection closes).
enum class cut_reason {
  none,
  /// The request did not arrive within `request_limits::deadline` (408).
  deadline,
  /// The request line and headers are over `max_head` (431).
  head_too_large,
  /// The body is over `max_body`, declared or chunked (413).
  body_too_large,
};

class connection final : public httplib::Stream {
public:
  using clock = std::chrono::steady_clock;

  /// Takes over `fd`, `stop_fd` becomes readable when the server stops.
  connection(int fd, int stop_fd, const request_limits& limits);
  ~connection() override;

  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  /// The connection serving a request on this thread, or null.
  static connection* current();

  /// Waits up to `idle` for the first byte of the next request. False when
  /// the wait timed out or the server is stopping.
  bool await_request(std::chrono::milliseconds idle);

  /// A request starts: its deadline and byte counts start afresh.
  void begin_request();

  /// The request's headers are read: bytes from now on are body bytes.
  void begin_body();

  bool head_complete() const {
    return in_body_;
  }
  /// The request's method is `QUERY`, which httplib 0.11.4 refuses: it was
  /// handed to httplib as `PATCH` (same length, a body read the same way),
  /// and the router puts the name back.
  bool query_method() const {
    return query_method_;
  }

  cut_reason cut() const {
    return cut_;
  }

  /// The `Keep-Alive` value of every answer (`timeout=5, max=100`).
  void set_keep_alive(std::string value) {
    keep_alive_ = std::move(value);
  }
  const std::string& keep_alive() const {
    return keep_alive_;
  }

  /// This request is the last the connection serves (its answer says
  /// `Connection: close`).
  void set_last_request(bool last) {
    last_request_ = last;
  }
  bool last_request() const {
    return last_request_;
  }

  /// Answers the current request with the bytes `write(std::string&)`
  /// appends (http/wire_response.hpp). What httplib writes for the request
  /// afterwards is dropped.
  template <class Write>
  void answer(Write&& write) {
    answered_ = true;
    write(out_);
    after_answer();
  }

  /// The current request is answered (`answer`).
  bool answered() const {
    return answered_;
  }

  /// The connection must not serve another request (the request was cut
  /// short or malformed, so what follows on the wire is not a request).
  void close_after_response() {
    keep_ = false;
    linger_ = true;
  }

  bool keep() const {
    return keep_ && !failed_;
  }

  /// The request carries a body of `n` bytes that httplib will not read
  /// (it reads bodies for POST, PUT, PATCH and DELETE only): it is dropped
  /// after the answer, or the connection closes when it is over the limit.
  void skip_body(std::size_t n);

  /// Like `skip_body`, for the rest of a body whose first part is read:
  /// up to `request_limits::max_drain` bytes are read and dropped after the
  /// answer; more close the connection. False when it is too large.
  bool drain_body(std::size_t n);

  /// Reads `n` body bytes now (a body httplib will not read), keeping the
  /// first `keep` in `out` and dropping the rest after the answer. False
  /// when the body did not arrive whole or is over the limits.
  bool read_body(std::string& out, std::size_t n, std::size_t keep);

  /// Reads and drops the body `skip_body` announced. False when it did not
  /// arrive in time: the connection must close.
  bool drop_unread();

  /// Sends what the response wrote. False when the client is gone.
  bool flush();

  /// Sends what is left and closes. After a request that was cut short, or
  /// whose body was not read, it first reads and drops what the client
  /// still sends, for a moment, so that the client reads the answer instead
  /// of a connection reset.
  void close();

  // -- httplib::Stream --------------------------------------------------------

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override;

private:
  /// Refills the input buffer, keeping the `keep` unread bytes: 1 on data,
  /// 0 on end of input (the client closed, or a limit cut the request), -1
  /// on error or read timeout.
  int fill(std::size_t keep = 0);

  /// At the start of a head line: renames a `Range` header, and a `QUERY`
  /// request line's method (see .cpp).
  void hide_range_header();

  /// Polls for `events` until `until`: 1 ready, 0 timed out, -1 error, or
  /// (when `stoppable`, between requests) the server is stopping.
  int wait_for(short events, clock::time_point until,
               bool stoppable = false) const;

  void cut(cut_reason why);

  /// httplib reads the head a byte at a time. After a head byte in the
  /// middle of a line, the rest of the line as buffered (within the head
  /// limit) is counted at once and handed out by the first test in `read`.
  void enter_fast_path();
  /// Gives back what of it was not read (before anything else reads).
  void leave_fast_path();

  /// Sends the answer once it is large.
  void after_answer();

  int fd_;
  int stop_fd_;
  request_limits limits_;
  std::array<char, 16 * 1024> in_;
  std::size_t in_pos_ = 0;
  std::size_t in_end_ = 0;
  /// Head bytes before this are counted and read without checks.
  std::size_t fast_end_ = 0;
  std::string out_;
  clock::time_point deadline_;
  std::size_t head_bytes_ = 0;
  std::size_t body_bytes_ = 0;
  std::size_t unread_ = 0;
  /// Body bytes allowed beyond `max_body` for this request (a drain).
  std::size_t drain_allowance_ = 0;
  bool in_body_ = false;
  bool query_method_ = false;
  /// The next head byte starts a line.
  bool head_line_start_ = true;
  /// The next write starts a status line (whose reason phrase we replace).
  bool status_line_next_ = true;
  /// The request is answered: httplib's writes are dropped.
  bool answered_ = false;
  bool last_request_ = false;
  std::string keep_alive_;
  bool keep_ = true;
  /// Unread request bytes may follow: drain them before closing.
  bool linger_ = false;
  bool failed_ = false;
  cut_reason cut_ = cut_reason::none;
  struct address {
    std::string ip;
    int port = 0;
  };
  mutable address remote_;
  mutable address local_;
};

} // namespace http
