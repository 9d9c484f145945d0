#include "model/icalendar.hpp"

namespace model::icalendar {

std::string escape_text(std::string_view x) {
  std::string out;
  for (std::size_t i = 0; i < x.size(); ++i) {
    auto c = x[i];
    if (c == '\r') {
      if (i + 1 < x.size() && x[i + 1] == '\n')
        ++i;
      c = '\n';
    }
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ',': out += "\\,"; break;
      case ';': out += "\\;"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string vtodo(const todo& x) {
  std::string out;
  for (const auto& line : {
         std::string{"BEGIN:VCALENDAR"},
         std::string{"VERSION:2.0"},
         std::string{"PRODID:-//EvilTester//API Challenges//EN"},
         std::string{"BEGIN:VTODO"},
         "UID:todo-" + std::to_string(x.id) + "@apichallenges",
         "SUMMARY:" + escape_text(x.title),
         "DESCRIPTION:" + escape_text(x.description),
         std::string{"STATUS:"} + (x.done ? "COMPLETED" : "NEEDS-ACTION"),
         std::string{"END:VTODO"},
         std::string{"END:VCALENDAR"},
       }) {
    if (!out.empty())
      out += "\r\n";
    out += line;
  }
  return out;
}

} // namespace model::icalendar
