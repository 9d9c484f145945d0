#include "model/todo_put.hpp"

#include "model/json_reader.hpp"
#include "model/text.hpp"

#include <cmath>

namespace model::todo_put {

namespace {

bool blank(std::string_view x) {
  return text::trim(x).empty();
}

/// The identifier text of a body `id` as the successor's engine reads it.
std::string id_text(const body_value& x) {
  if (x.type == body_value::kind::number && std::isfinite(x.number)
      && std::floor(x.number) == x.number && std::fabs(x.number) < 1e15)
    return std::to_string(static_cast<long long>(x.number));
  return x.text;
}

} // namespace

target identify(std::optional<std::string_view> url_id,
                const body_fields& fields) {
  target result;
  if (url_id && !blank(*url_id)) {
    result.identifier = std::string{*url_id};
    return result;
  }
  for (const auto& [key, value] : fields) {
    if (key != "id" || value.nested || !assigned(value))
      continue;
    auto id = id_text(value);
    if (!blank(id)) {
      result.identifier = std::move(id);
      return result;
    }
  }
  result.error = failure{422,
                         "PUT requires an identifier in the URI or payload"};
  return result;
}

bool body_has_id(std::string_view body) {
  if (text::trim(body).empty())
    return false;
  auto fields = json::parse_body(body);
  if (!fields)
    return false;
  for (const auto& [key, value] : *fields)
    if (key == "id" && !value.nested)
      return true;
  return false;
}

std::optional<failure> not_found_instead(std::string_view url_id, int status,
                                         bool body_has_id, bool todo_exists) {
  if (body_has_id || todo_exists || (status != 422 && status != 404))
    return std::nullopt;
  return failure{404, "No such todo entity instance with id == "
                        + std::string{url_id}};
}

} // namespace model::todo_put
