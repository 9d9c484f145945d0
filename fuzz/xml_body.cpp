// Fuzz target: XML request bodies (BEHAVIOUR §2.4, §4.3): parsing into fields
// (never expanding or resolving entities), then validation by create, amend
// and replace.

#include "fuzz.hpp"
#include "model/xml_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto input = fuzz::as_text(data, size);
  for (auto entity : {"todo", "secretnote"}) {
    auto result = model::xml::parse_body(input, entity);
    if (!result.ok) {
      FUZZ_REQUIRE(result.fields.empty());
      fuzz::check_error("Invalid XML Payload: " + result.error);
      continue;
    }
    fuzz::check_fields(result.fields);
    if (entity == std::string_view{"todo"})
      fuzz::exercise_todo_rules(result.fields,
                                model::todo_rules::key_order::xml_hash);
  }
  return 0;
}
