// Fuzz target: Accept and Content-Type values (BEHAVIOUR §3.1, §3.2). The first
// line is the Accept value, the rest the Content-Type value; each is also
// tried on its own with the whole input.

#include "model/negotiation.hpp"

#include "fuzz.hpp"

namespace {

void check(const std::string& value) {
  namespace n = model::negotiation;
  auto accept = n::parse_accept(&value);
  if (!accept.acceptable)
    FUZZ_REQUIRE(accept.preferred == n::format::json);
  auto type = n::simple_status_type(&value);
  FUZZ_REQUIRE(!type.empty());
  auto body = n::classify_content_type(&value);
  if (model::text::trim(value).empty())
    FUZZ_REQUIRE(body == n::body_type::missing);
  if (model::text::contains(model::text::lower(value), "application/json"))
    FUZZ_REQUIRE(body == n::body_type::json);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string input{fuzz::as_text(data, size)};
  auto newline = input.find('\n');
  check(input);
  check(input.substr(0, newline));
  if (newline != std::string::npos)
    check(input.substr(newline + 1));
  return 0;
}
