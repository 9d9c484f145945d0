#pragma once

#include "model/challenge.hpp"
#include "model/challenger.hpp"
#include "model/config.hpp"
#include "model/edition.hpp"
#include "model/message.hpp"

#include <array>
#include <string>
#include <string_view>

/// The API as one pure function: answer a request for one challenger's
/// state (BEHAVIOUR §2-§5). The caller decides which challenger a request
/// belongs to with `target_of`, owns that challenger, and passes it in.
namespace model {

/// Everything `respond` needs besides the challenger.
struct api_context {
  api_config config;
  /// The challenges this configuration defines.
  challenge_set challenges;
  /// The shared, read-only todo list that anonymous multi-user reads see
  /// (BEHAVIOUR §5.3).
  todo_store shared_todos = todo_store::seeded();

  explicit api_context(api_config cfg)
      : config(cfg), challenges(challenge_set::for_config(cfg)) {
    // nop
  }

  /// The edition this configuration runs.
  const edition_def& edition() const noexcept {
    return challenges.edition();
  }
};

/// Which challenger a request belongs to.
struct session_target {
  enum class kind : uint8_t {
    /// No challenger: answer with `respond(nullptr, ...)`, no session needed.
    none,
    /// The challenger with `guid` (it may turn out to be unknown).
    existing,
    /// A new challenger (`POST /challenger` without `X-CHALLENGER` in
    /// multi-user mode): the caller picks a fresh GUID and passes an
    /// unknown challenger with that GUID.
    create,
  };
  kind what = kind::none;
  std::string guid;
};

/// Resolves `req.route` (the effective method and the matched route) unless
/// it is already resolved. The caller does it once per request, before
/// `target_of` and `respond`, which reuse it.
void resolve_routing(request& req);

/// `req.route` when resolved, else the same worked out now.
request::routing routing_of(const request& req);

/// Decides which challenger `req` belongs to. Only canonical UUIDs (and the
/// single player's GUID) ever name a session, so random header values never
/// reach storage.
session_target target_of(const request& req, const api_config& cfg);

/// Answers `req`, whose path is the API path (`api_path`: the HTTP layer
/// takes the edition's `/api` prefix off). `who` is the challenger the request
/// belongs to, or `nullptr` when there is none; a challenger with `known ==
/// false` is a GUID that storage does not know (only `POST /challenger` and
/// `PUT /challenger/{guid}` can make it known). Credits challenges to `who`
/// and bumps `who->revision` on every change. Never throws for any input.
response respond(challenger* who, const request& req, const api_context& ctx);

/// The method routing uses: the `X-HTTP-Method-Override` value (upper-cased)
/// when present, else the request method (BEHAVIOUR §3.3). `routing_of(req)`
/// carries it for API requests.
std::string effective_method(const request& req);

/// One of the CORS headers below: its name as the original set it.
struct cors_header {
  std::string_view name;
  std::string value;
};

/// The headers every response of the site carries except static files
/// (BEHAVIOUR §3.5): `*` but for credentials, and for OPTIONS the methods
/// the request's Access-Control-Allow-Methods names.
std::array<cors_header, 5> cors_headers(const request& req);

/// Sets `cors_headers(req)` on `res`.
void add_cors_headers(const request& req, response& res);

/// The body of the original's built-in 404 page (Spark), which answers
/// unknown methods and TRACE on unrouted paths (BEHAVIOUR §2.8).
inline constexpr std::string_view spark_not_found_body
  = "<html><body><h2>404 Not found</h2></body></html>";

/// The literal `X-CHALLENGER` value for unrecognised challengers.
inline constexpr std::string_view unknown_challenger = "UNKNOWN CHALLENGER - "
                                                       "Challenger not found";

} // namespace model
