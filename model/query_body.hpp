#pragma once

#include "model/json_value.hpp"
#include "model/query.hpp"
#include "model/query_params.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The `QUERY` verb on `/todos` in the 2026 edition (BEHAVIOUR §11.5): a
/// safe read whose body says what to select, as form-encoded filters, a
/// JSONPath expression or a structured JSON query.
namespace model::query_body {

/// The body's language, by Content-Type.
enum class format : uint8_t {
  /// `application/x-www-form-urlencoded`: the same filters as a query
  /// string (§11.1), added to those of the URL.
  form,
  /// `application/jsonpath`: an expression over `{"todos":[...]}`.
  jsonpath,
  /// `application/vnd.thingifier.query+json`: `{"filter":...,"sort":...,
  /// "limit":...,"offset":...}`.
  structured,
};

/// A refused QUERY.
struct failure {
  int status = 400;
  std::string message;
  /// Whether to send `Accept: <the three types>` (the 415).
  bool send_accept = false;
};

/// The Content-Types a QUERY takes, for the `Accept` and `Accept-Query`
/// headers.
inline constexpr std::string_view supported_types = query_params::accept_query;

/// The check before the QUERY is routed.
struct check_result {
  std::optional<format> body_format;
  std::optional<failure> error;
};

/// Checks the Content-Type (`nullptr`: absent) and the body's syntax: 400
/// `Missing Content-Type for QUERY request`; 415 `Unsupported QUERY Content
/// Type - <header>`; for a form, the strict parse's message (§11.1); for
/// JSONPath, 400 `Missing JSONPath expression for QUERY request` or the
/// expression's syntax error; for structured JSON, 400 `Malformed JSON
/// query body` (strict JSON; a blank body passes here).
check_result check(const std::string* content_type, std::string_view body);

/// The filter, sort and paging parameters of a QUERY: the URL's, then the
/// form body's or those compiled from a structured query (a JSONPath
/// QUERY uses the URL's alone). Structured-query errors are 422.
struct compiled {
  std::vector<query_params::param> params;
  std::optional<failure> error;
};
compiled params_for(format body_format, std::string_view raw_url_query,
                    std::string_view body,
                    const std::vector<query::field_def>& fields);

/// A parsed JSONPath expression (a subset of Jayway JsonPath).
class json_path {
public:
  /// Parses `expression` (trimmed; a path not starting with `$` or `@` is
  /// read as `$.` + it). `error` is set when it is not valid.
  static json_path parse(std::string_view expression);

  const std::optional<std::string>& error() const noexcept {
    return error_;
  }

  /// Whether the path names at most one node (no wildcard, filter, scan,
  /// slice or list).
  bool definite() const noexcept;

  /// The nodes of `doc` the path selects (in document order per step).
  std::vector<const json_value*> select(const json_value& doc) const;

  struct impl;

private:
  std::shared_ptr<const impl> impl_;
  std::optional<std::string> error_;
};

/// What a JSONPath QUERY answers.
struct selection {
  /// Indices into the listed rows, in the order selected.
  std::vector<std::size_t> rows;
  std::optional<failure> error;
};

/// Applies `expression` to `listing`, the JSON of the rows the URL's
/// parameters selected (`{"<plural>":[row, ...]}`). Every selected node
/// must be one of those row objects (or a list or the wrapper holding
/// them), else 422 `JSONPath query must select complete resource objects
/// from the collection`; an invalid expression is 400.
selection select_jsonpath(std::string_view expression,
                          const json_value& listing, std::string_view plural);

} // namespace model::query_body
