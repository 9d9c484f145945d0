// Fuzz target: JSON request bodies (BEHAVIOUR §2.4, §2.6): parsing into fields,
// then validation by create, amend and replace.

#include "fuzz.hpp"
#include "model/json_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto fields = model::json::parse_body(fuzz::as_text(data, size));
  if (!fields)
    return 0;
  fuzz::check_fields(*fields);
  fuzz::exercise_todo_rules(*fields, model::todo_rules::key_order::document);
  return 0;
}
