#pragma once

#include "model/accept_q.hpp"
#include "model/api.hpp"
#include "model/negotiation.hpp"
#include "model/routes.hpp"

#include <optional>
#include <string>
#include <vector>

/// Internal to the model: one request being answered, shared by the
/// handler files and the crediting rules. Not part of the model's API.
namespace model::detail {

/// One request/response exchange.
struct exchange {
  exchange(const request& r, const api_context& c, challenger* s)
      : req(r), ctx(c), session(s) {
    // nop
  }

  const request& req;
  const api_context& ctx;
  /// The session's challenger, known or not (creation paths need it).
  challenger* session;
  /// The request's challenger when known, else `nullptr`.
  challenger* who = nullptr;
  /// The method routing uses: the `X-HTTP-Method-Override` value when
  /// present, else the request method. Crediting uses `req.method` (the
  /// 2025 hooks saw the real method, BEHAVIOUR §1.1).
  std::string method;
  route_match route;
  negotiation::accept_result accept;
  /// The 2026 todo API's negotiated representation (BEHAVIOUR §11.2);
  /// unset elsewhere. `accept.preferred` is XML when it renders as XML.
  std::optional<accept_q::choice> representation;
  response res;
  /// The error messages `res` carries (the rules match on them).
  std::vector<std::string> errors;

  bool multi_user() const noexcept {
    return ctx.config.mode == user_mode::multi_user;
  }

  /// Answers with an error body in the negotiated format.
  void fail(int status, std::string message);

  /// Answers with an error body that is always JSON (route handlers).
  void fail_json(int status, std::string message);

  /// Answers with a body in the negotiated format.
  void ok(int status, std::string json_body, std::string xml_body);

  /// Marks a change of the known challenger.
  void changed() {
    if (who != nullptr)
      who->touch();
  }
};

// -- handlers, one per endpoint group ----------------------------------------

/// `/todos` and `/todos/{id}` (BEHAVIOUR §2.4, §2.5).
void answer_todos(exchange& ex);

/// `GET`/`HEAD /challenges` (BEHAVIOUR §2.9).
void answer_challenges(exchange& ex);

/// `POST /challenger` (BEHAVIOUR §5.4).
void answer_challenger(exchange& ex);

/// `/challenger/{guid}` (BEHAVIOUR §5.5).
void answer_progress(exchange& ex);

/// `/challenger/database/{guid}` (BEHAVIOUR §5.5).
void answer_database(exchange& ex);

/// `POST /secret/token` (BEHAVIOUR §4.1).
void answer_secret_token(exchange& ex);

/// `/secret/note` (BEHAVIOUR §4.2, §4.3).
void answer_secret_note(exchange& ex);

// -- crediting (BEHAVIOUR §1.1)
// -----------------------------------------------------

/// The request hooks: rules judged before the request is processed.
void credit_request(exchange& ex);

/// The response hooks: rules judged on the response.
void credit_response(exchange& ex);

/// Credits `c` to the known challenger when the configuration defines it.
void credit_challenge(exchange& ex, challenge c);

} // namespace model::detail
