#pragma once

// Calls the process tests make on a running server over real HTTP, and
// how they read a child's exit.

#include "support/todo_list.hpp"
#include "tools/walk/http_client.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace test {

/// Whether a child's wait status says it exited with `code`.
inline bool exited_with(const std::optional<int>& status, int code) {
  return status && WIFEXITED(*status) && WEXITSTATUS(*status) == code;
}

/// The value of the sample `name` in the server's `/metrics`, or -1.
inline double metric(walk::client& c, const std::string& name) {
  auto r = c.call("GET", "/metrics");
  auto at = r.body.find("\n" + name + " ");
  if (r.status != 200 || at == std::string::npos)
    return -1;
  return std::stod(r.body.substr(at + name.size() + 2));
}

/// JSON in and out, as challenger `guid`.
inline walk::header_pairs json_headers(const std::string& guid) {
  return {{"X-CHALLENGER", guid},
          {"Content-Type", "application/json"},
          {"Accept", "application/json"}};
}

/// POSTs a todo titled `title` for `guid`; returns the status.
inline int post_todo(walk::client& c, const std::string& guid,
                     const std::string& title) {
  return c
    .call("POST", "/todos", json_headers(guid), R"({"title":")" + title + "\"}")
    .status;
}

/// The todo titles `guid` has now (empty when the request failed or the
/// challenger is unknown).
inline std::vector<std::string> titles(walk::client& c,
                                       const std::string& guid) {
  std::vector<std::string> out;
  auto r = c.call("GET", "/todos", json_headers(guid));
  auto todos = parse_todos(r.body);
  if (r.status != 200 || !todos || r.header("X-CHALLENGER") != guid)
    return out;
  for (auto& t : *todos)
    out.push_back(t.title);
  return out;
}

/// Whether `xs` holds `x`.
inline bool has(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

} // namespace test
