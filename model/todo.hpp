#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

/// The todo entity and one challenger's todo database (BEHAVIOUR §2.2).
namespace model {

/// One todo. Output field order is id, title, doneStatus, description.
struct todo {
  int64_t id = 0;
  std::string title;
  std::string description;
  bool done = false;
  /// Whether doneStatus was explicitly assigned (the database export of
  /// BEHAVIOUR §5.5 writes optional fields only when they were).
  bool done_assigned = false;
  /// Whether description was explicitly assigned.
  bool description_assigned = false;
};

/// Limits of the todo entity (BEHAVIOUR §2.2, §8).
struct todo_limits {
  static constexpr std::size_t max_todos = 20;
  static constexpr std::size_t max_title = 50;
  static constexpr std::size_t max_description = 200;
  static constexpr std::size_t max_body = 5000;
};

/// One database of todos: the items, kept in ascending id order (the
/// original's order is hash order; we use ids ascending as the fixed,
/// sensible order), and the id counter.
class todo_store {
public:
  /// An empty store whose next id is 1.
  todo_store() = default;

  /// The largest id magnitude a todo may have (restores refuse larger
  /// ones), so that the id counter, at most one past it, never overflows.
  static constexpr int64_t max_id = 9'000'000'000'000'000;

  /// A store holding the ten seed todos with ids 1-10; next id 11.
  static todo_store seeded();

  const std::vector<todo>& items() const noexcept {
    return items_;
  }

  std::size_t size() const noexcept {
    return items_.size();
  }

  /// The id the next successful create takes.
  int64_t next_id() const noexcept {
    return next_id_;
  }

  /// Returns the todo with `id`, or `nullptr`.
  const todo* find(int64_t id) const;
  todo* find(int64_t id);

  /// Takes the next id (creates burn ids even when they then fail, as the
  /// 2025 engine did).
  int64_t take_id() noexcept {
    return next_id_++;
  }

  /// Inserts `x` keeping id order. Precondition: no item has `x.id`.
  void insert(todo x);

  /// Removes the todo with `id`; returns whether one was removed.
  bool erase(int64_t id);

  /// Removes every todo; keeps the id counter.
  void clear() noexcept {
    items_.clear();
  }

  /// Applies the restore rule for an inserted id `v` (BEHAVIOUR §2.2): the
  /// counter moves to `v + 1` only if its next value is strictly less.
  void note_restored_id(int64_t v) noexcept {
    if (next_id_ < v)
      next_id_ = v + 1;
  }

  /// Replaces the whole content (used when loading a stored snapshot).
  void assign(std::vector<todo> items, int64_t next_id);

  /// Counts todos with doneStatus true and false.
  std::pair<std::size_t, std::size_t> done_counts() const noexcept;

private:
  std::vector<todo> items_;
  int64_t next_id_ = 1;
};

} // namespace model
