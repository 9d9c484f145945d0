#include "model/icalendar.hpp"

#include <doctest/doctest.h>

using namespace model::icalendar;

TEST_SUITE("model.icalendar") {
  TEST_CASE("§11.7 a todo as a VTODO") {
    model::todo x;
    x.id = 7;
    x.title = "pay bills";
    x.description = "";
    CHECK_EQ(vtodo(x), "BEGIN:VCALENDAR\r\n"
                       "VERSION:2.0\r\n"
                       "PRODID:-//EvilTester//API Challenges//EN\r\n"
                       "BEGIN:VTODO\r\n"
                       "UID:todo-7@apichallenges\r\n"
                       "SUMMARY:pay bills\r\n"
                       "DESCRIPTION:\r\n"
                       "STATUS:NEEDS-ACTION\r\n"
                       "END:VTODO\r\n"
                       "END:VCALENDAR");
    x.done = true;
    CHECK_NE(vtodo(x).find("\r\nSTATUS:COMPLETED\r\n"), std::string::npos);
    CHECK_EQ(media_type, "text/calendar");
  }

  TEST_CASE("§11.7 TEXT escaping") {
    CHECK_EQ(escape_text("a,b;c\\d"), "a\\,b\\;c\\\\d");
    CHECK_EQ(escape_text("l1\r\nl2\rl3\nl4"), "l1\\nl2\\nl3\\nl4");
    CHECK_EQ(escape_text("colon: stays"), "colon: stays");
    model::todo x;
    x.id = 1;
    x.title = "a;b";
    x.description = "x\r\ny";
    auto v = vtodo(x);
    CHECK_NE(v.find("\r\nSUMMARY:a\\;b\r\n"), std::string::npos);
    CHECK_NE(v.find("\r\nDESCRIPTION:x\\ny\r\n"), std::string::npos);
  }
}
