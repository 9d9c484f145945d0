#pragma once

#include "model/message.hpp"
#include "model/route_docs.hpp"
#include "model/routes.hpp"
#include "site/site.hpp"

#include <string>
#include <string_view>
#include <vector>

/// The API documentation (BEHAVIOUR §6.2): `/docs` (HTML), `/docs/openapi.json`
/// (OpenAPI 3), `/docs/swagger` (the same document as a download) and
/// `/docs/swagger-ui` (Swagger UI, embedded, offline). Both documents are
/// generated from one list of operations, which is derived from the route
/// table the server dispatches with (`model::route_table`, `action_for`),
/// the todo limits and the challenge catalogue.
namespace site::docs {

/// What a request or response body holds.
using body = model::doc_body;

/// One documented response.
struct response_doc {
  int status;
  std::string description;
  body payload = body::none;
};

/// One documented operation: a method on a route.
struct operation {
  const model::route_def* route = nullptr;
  /// Upper-case, e.g. `GET`.
  std::string method;
  /// A short line.
  std::string summary;
  /// What it does, in the words of the original's documentation.
  std::string description;
  body request = body::none;
  std::vector<response_doc> responses;
  /// Whether the operation is documented with an `X-CHALLENGER` header
  /// (multi-user mode: every route except `POST /challenger`).
  bool challenger_header = false;
};

/// Every operation of the API in documentation order: per route of
/// `model::route_table()`, each method it handles, the methods with a fixed
/// error answer (`PATCH`/`TRACE /heartbeat`), then `OPTIONS`.
std::vector<operation> operations(const site_info& info);

/// The OpenAPI 3 document; `origin` is listed as the first server.
/// `permissive` drops `additionalProperties: false` from input bodies.
std::string openapi(const site_info& info, std::string_view origin,
                    bool permissive = false);

/// `GET /docs`.
model::response page(const model::request& req, const site_info& info);

/// `GET /docs/openapi.json`.
model::response openapi_json(const model::request& req, const site_info& info);

/// `GET /docs/swagger[?permissive]`: the document as an attachment.
model::response swagger_download(const model::request& req,
                                 const site_info& info);

/// `GET /docs/swagger-ui`: the Swagger UI page (503 when Swagger UI was not
/// installed at build time).
model::response swagger_ui();

} // namespace site::docs
