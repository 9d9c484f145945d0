#pragma once

#include "model/body.hpp"
#include "model/json_reader.hpp"
#include "model/todo.hpp"

#include <cstddef>
#include <optional>
#include <string>

/// Creating, amending, replacing and restoring todos with the validation
/// messages and check order of the live 2025 engine (BEHAVIOUR §2.6).
/// Each function returns the one error message, or `std::nullopt` on
/// success; on error nothing changes except what the original also kept
/// (burned ids, and todos a failed restore had already inserted).
namespace model::todo_rules {

/// How to visit a body's keys. JSON bodies keep request-document order;
/// XML bodies went through a Java HashMap, so the known fields come first
/// in its order (doneStatus, description, id, title) and unknown keys
/// follow in document order (their real order is a hashing accident).
enum class key_order : uint8_t { document, xml_hash };

/// `POST /todos`. `limit` is the maximum number of todos (0: unlimited).
/// On success `created` is the new todo's id.
std::optional<std::string> create(todo_store& db, const body_fields& body,
                                  key_order order, std::size_t limit,
                                  int64_t& created);

/// `POST /todos/{id}` (partial update of `x`).
std::optional<std::string> amend(todo& x, const body_fields& body,
                                 key_order order);

/// `PUT /todos/{id}` (full replacement of `x`).
std::optional<std::string> replace(todo& x, const body_fields& body,
                                   key_order order);

/// `PUT /challenger/database/{guid}` (BEHAVIOUR §5.5).
std::optional<std::string> restore(todo_store& db,
                                   const payload::restore_document& doc,
                                   std::size_t limit);

} // namespace model::todo_rules
