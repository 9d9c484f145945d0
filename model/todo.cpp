#include "model/todo.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace model {

todo_store todo_store::seeded() {
  // BEHAVIOUR §2.2: every new database gets these ten, created with a title
  // only.
  static constexpr std::array<std::string_view, 10>
    titles{"scan paperwork",    "file paperwork",
           "process payments",  "escalate late payments",
           "pay invoices",      "process payroll",
           "train staff",       "schedule meeting",
           "tidy meeting room", "install webcam"};
  todo_store result;
  result.items_.reserve(titles.size());
  for (auto title : titles) {
    todo x;
    x.id = result.take_id();
    x.title = std::string{title};
    result.items_.push_back(std::move(x));
  }
  return result;
}

const todo* todo_store::find(int64_t id) const {
  auto i = std::lower_bound(items_.begin(), items_.end(), id,
                            [](const todo& x, int64_t y) { return x.id < y; });
  return i != items_.end() && i->id == id ? &*i : nullptr;
}

todo* todo_store::find(int64_t id) {
  return const_cast<todo*>(std::as_const(*this).find(id));
}

void todo_store::insert(todo x) {
  auto i = std::lower_bound(items_.begin(), items_.end(), x.id,
                            [](const todo& a, int64_t b) { return a.id < b; });
  items_.insert(i, std::move(x));
}

bool todo_store::erase(int64_t id) {
  auto i = std::lower_bound(items_.begin(), items_.end(), id,
                            [](const todo& x, int64_t y) { return x.id < y; });
  if (i == items_.end() || i->id != id)
    return false;
  items_.erase(i);
  return true;
}

void todo_store::assign(std::vector<todo> items, int64_t next_id) {
  items_ = std::move(items);
  std::sort(items_.begin(), items_.end(),
            [](const todo& a, const todo& b) { return a.id < b.id; });
  next_id_ = next_id;
}

std::pair<std::size_t, std::size_t> todo_store::done_counts() const noexcept {
  auto done = static_cast<std::size_t>(
    std::count_if(items_.begin(), items_.end(),
                  [](const todo& x) { return x.done; }));
  return {done, items_.size() - done};
}

} // namespace model
