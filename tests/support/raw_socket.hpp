#pragma once

// Sends raw bytes to 127.0.0.1:port and reads until the server closes the
// connection (or a timeout): for requests a normal client cannot send.

#include <arpa/inet.h>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <netinet/in.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace test {

/// Whether `x` holds one whole response: its header block and as many body
/// bytes as its Content-Length says (a kept-alive connection stays open).
inline bool complete(const std::string& x) {
  auto end = x.find("\r\n\r\n");
  if (end == std::string::npos)
    return false;
  std::string head = x.substr(0, end);
  for (auto& c : head)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto pos = head.find("\r\ncontent-length:");
  if (pos == std::string::npos)
    return false; // read until the server closes
  auto length = std::strtoul(head.c_str() + pos + 17, nullptr, 10);
  return x.size() >= end + 4 + length;
}

/// A TCP connection to 127.0.0.1:port: its socket, or -1.
inline int connect_loopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

inline std::string raw_exchange(
  int port, const std::string& bytes,
  std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  int fd = connect_loopback(port);
  if (fd < 0)
    return {};
  std::string out;
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0)
      break;
    sent += static_cast<std::size_t>(n);
  }
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[4096];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0)
      break;
    auto n = ::recv(fd, buf, sizeof(buf), 0);
    if (n <= 0)
      break;
    out.append(buf, static_cast<std::size_t>(n));
    if (complete(out))
      break;
  }
  ::close(fd);
  return out;
}

/// The status code of a raw HTTP response, or 0.
inline int raw_status(const std::string& response) {
  if (response.size() < 12 || response.compare(0, 5, "HTTP/") != 0)
    return 0;
  return std::atoi(response.c_str() + 9);
}

} // namespace test
