#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// Query-string filtering and sorting of entity lists (BEHAVIOUR §2.7).
namespace model::query {

/// How a field compares.
enum class field_type : uint8_t { integer, boolean, string };

/// A filterable, sortable field of an entity.
struct field_def {
  std::string_view name;
  field_type type;
};

/// Returns the textual value of field `field` of row `row`: decimal digits
/// for integers, `true`/`false` for booleans.
using value_fn = std::function<std::string(std::size_t row, std::size_t field)>;

/// Filters and sorts `rows` rows by the raw (still URL-encoded) query
/// string. Returns the selected row indices, in input order unless a
/// `sortBy`/`sort_by` parameter sorts them (stable). Unknown names are
/// ignored.
std::vector<std::size_t> select(std::string_view raw_query,
                                const std::vector<field_def>& fields,
                                std::size_t rows, const value_fn& value);

/// The value of the first `name=` parameter in the decoded query, if any.
std::optional<std::string> first_value(std::string_view raw_query,
                                       std::string_view name);

/// One `name<op>value` condition of a query, decoded.
struct condition_text {
  std::string name;
  std::string op;
  std::string value;
};

/// The conditions of the raw query, in order, as `select` reads them
/// (parts without an operator are left out).
std::vector<condition_text> conditions(std::string_view raw_query);

} // namespace model::query
