#pragma once

#include "model/todo.hpp"

#include <string>
#include <string_view>

/// A todo as an iCalendar VTODO (BEHAVIOUR §11.7), the 2026 edition's answer
/// to `GET /todos/{id}` when `text/calendar` is preferred
/// (`accept_q::prefers_text_calendar`).
namespace model::icalendar {

/// The Content-Type of the answer.
inline constexpr std::string_view media_type = "text/calendar";

/// Escapes TEXT as the original does: CRLF and CR become LF, then `\`, `,`,
/// `;` and LF are written `\\`, `\,`, `\;`, `\n`.
std::string escape_text(std::string_view x);

/// `BEGIN:VCALENDAR`, `VERSION:2.0`, `PRODID:-//EvilTester//API
/// Challenges//EN`, `BEGIN:VTODO`, `UID:todo-<id>@apichallenges`,
/// `SUMMARY:`, `DESCRIPTION:`, `STATUS:COMPLETED|NEEDS-ACTION`, `END:VTODO`,
/// `END:VCALENDAR`, joined by CRLF (no final CRLF, no line folding).
std::string vtodo(const todo& x);

} // namespace model::icalendar
