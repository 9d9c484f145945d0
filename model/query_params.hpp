#pragma once

#include "model/query.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The 2026 edition's query parameters on collection reads (BEHAVIOUR
/// §11.1): filters with the newer operator set, `_sortBy`, and paging with
/// `_limit` and `_offset`. The classic edition's filters are `model::query`.
namespace model::query_params {

/// A filter operator. Declared in the order the original tries them when
/// two start at the same place (longer first).
enum class operation : uint8_t {
  less_equal, // <=
  greater_equal, // >=
  exact, // ==
  not_equal, // !=
  regex, // ~=
  wildcard, // *=
  contains, // %=
  less, // <
  greater, // >
  equals, // =
  negate, // !
};

/// The operator's text, e.g. `<=`.
std::string_view token(operation x);

/// One `name<op>value` item of a query.
struct param {
  std::string name;
  operation op = operation::equals;
  std::string value;
};

/// Outcome of a strict parse.
struct parse_result {
  std::vector<param> params;
  /// Set when the text is malformed (then `params` is empty).
  std::optional<std::string> error;
};

/// Parses a query string or a form-encoded `QUERY` body strictly: the whole
/// text is trimmed and URL-decoded at once (as Java's `URLDecoder`: `+` is
/// a space; a bad `%` escape is an error), split on `&`, and each trimmed
/// item is cut at its earliest operator (the longer one on a tie). After a
/// bare `=` a leading operator in the value still counts (`id=>5` is
/// `id > 5`). An item without an operator is `name=` with an empty value;
/// an item without a name is an error.
parse_result parse_strict(std::string_view text);

/// Parses a URL query string as a GET does: `parse_strict`, except that a
/// malformed query yields no parameters at all (the original logs and
/// drops it).
std::vector<param> parse(std::string_view raw_query);

/// Paging limits of collection reads.
struct paging {
  std::size_t default_limit = 10;
  std::size_t max_limit = 20;
};

/// A client error from a collection read.
struct failure {
  int status = 400;
  std::string message;
};

/// The sort instruction for one known field.
struct sort_key {
  std::size_t field;
  bool descending;
};

/// The `_sortBy` keys (every `_sortBy` item, comma-separated, `-` for
/// descending, `+` or nothing for ascending) that name a known field (in
/// any case); the others are dropped.
std::vector<sort_key> sort_keys(const std::vector<param>& params,
                                const std::vector<query::field_def>& fields);

/// The `_limit` and `_offset` of a read, or the 400 message when one is not
/// a non-negative integer given with `=`.
struct page_request {
  std::optional<std::size_t> limit;
  std::optional<std::size_t> offset;
  std::optional<failure> error;
};

/// Reads `_limit` and `_offset` (exact names; the last one of each wins;
/// the first bad one is the error).
page_request page_of(const std::vector<param>& params);

/// What a collection read selects.
struct selection {
  /// Row indices: filtered, then sorted (stable), then paged.
  std::vector<std::size_t> rows;
  /// Set when the read fails (then `rows` is empty).
  std::optional<failure> error;
};

/// Filters, sorts and pages `rows` rows. Filters on unknown names are
/// ignored; conditions are ANDed, except that a `~=` or `*=` condition
/// decides alone for the rows that reach it. A value that does not parse as
/// its field's type, or an invalid pattern, fails the read with 400 (only
/// once a row is compared with it, as in the original). With `pages`, the
/// result is cut to `_limit` (default and maximum from `pages`) items from
/// `_offset`; without, `_limit`/`_offset` still cut when given.
selection select(const std::vector<param>& params,
                 const std::vector<query::field_def>& fields, std::size_t rows,
                 const query::value_fn& value, const paging* pages);

/// The request check a GET on the todos collection passes first: a first
/// `_limit` query parameter that parses as a 32-bit integer above
/// `max_limit` is refused with 400 `_limit must be no more than N`.
std::optional<failure> limit_too_high(std::string_view raw_query,
                                      std::size_t max_limit);

/// The value of the `Accept-Query` header on collection reads and QUERY
/// answers.
inline constexpr std::string_view accept_query
  = "application/x-www-form-urlencoded, application/jsonpath, "
    "application/vnd.thingifier.query+json";

/// Java's `URLDecoder.decode(x, UTF_8)`: `+` is a space, `%XX` runs are
/// bytes read as UTF-8 (a malformed sequence becomes U+FFFD). Returns the
/// error message when a `%` is not followed by two hex digits.
struct decoded {
  std::string text;
  std::optional<std::string> error;
};
decoded java_url_decode(std::string_view x);

/// Java's `Integer.parseInt`: optional sign, decimal digits, 32-bit range.
std::optional<int32_t> java_parse_int(std::string_view x);

} // namespace model::query_params
