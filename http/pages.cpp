#include "http/pages.hpp"

namespace http::pages {

namespace {

std::string layout(std::string_view title, std::string_view body) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, "
         "initial-scale=1\"><title>";
  out += escape(title);
  out += "</title></head><body>\n";
  out += body;
  out += "\n</body></html>\n";
  return out;
}

} // namespace

std::string escape(std::string_view x) {
  std::string out;
  out.reserve(x.size());
  for (auto c : x) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string not_found() {
  return layout("Page Not Found",
                "<h1>Page Not Found</h1>\n<p>The page you asked for does not "
                "exist. Try the <a href=\"/\">home page</a> or "
                "<a href=\"/challenges\">the list of challenges</a>.</p>");
}

std::string home(model::user_mode mode) {
  std::string body = "<h1>API Challenges</h1>\n"
                     "<p>Practise testing a REST API: send HTTP requests to "
                     "the todo API on this server and complete the "
                     "challenges.</p>\n";
  if (mode == model::user_mode::single_user) {
    body += "<p>This server runs in <b>single-user</b> mode: every request "
            "counts towards your progress. Start with:</p>\n"
            "<pre>curl -i -X POST http://localhost:4567/challenger\n"
            "curl -i http://localhost:4567/challenges</pre>\n";
  } else {
    body += "<p>This server runs in <b>multi-user</b> mode. Create a "
            "session and send its <code>X-CHALLENGER</code> header with "
            "every request:</p>\n"
            "<pre>curl -i -X POST http://localhost:4567/challenger\n"
            "curl -i -H 'X-CHALLENGER: &lt;guid&gt;' "
            "http://localhost:4567/challenges</pre>\n";
  }
  body += "<p>The todo API lives at <a href=\"/todos\">/todos</a>; the list "
          "of challenges at <a href=\"/challenges\">/challenges</a>.</p>";
  return layout("API Challenges", body);
}

} // namespace http::pages
