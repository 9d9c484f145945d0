#include "model/message.hpp"

#include "model/text.hpp"

#include <algorithm>

namespace model {

const std::string* find_header(const header_list& xs, std::string_view name) {
  for (auto& x : xs)
    if (text::iequals(x.name, name))
      return &x.value;
  return nullptr;
}

void response::set_header(std::string_view name, std::string value) {
  auto same = [name](const model::header& x) {
    return text::iequals(x.name, name);
  };
  auto i = std::find_if(headers.begin(), headers.end(), same);
  if (i == headers.end()) {
    if (headers.empty())
      headers.reserve(8); // an API answer carries about 5: one allocation
    headers.push_back(model::header{std::string{name}, std::move(value)});
    return;
  }
  // Replace the first match (taking the new spelling of the name) and drop
  // any later duplicates.
  i->name = std::string{name};
  i->value = std::move(value);
  headers.erase(std::remove_if(std::next(i), headers.end(), same),
                headers.end());
}

} // namespace model
