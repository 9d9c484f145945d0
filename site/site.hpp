#pragma once

#include "model/challenger.hpp"
#include "model/config.hpp"
#include "model/message.hpp"

#include <functional>
#include <optional>
#include <string>

/// The site outside the API: the home page, the progress GUI, the entity
/// explorer, the API documentation, Swagger UI and the static files. It
/// knows nothing of HTTP transport or actors: it answers `model::request`s
/// and reads challengers through a `session_reader`.
namespace site {

/// What the pages need to know about the server's configuration.
struct site_info {
  model::user_mode mode = model::user_mode::single_user;
  /// Whether sessions are persisted (decides the challenge set and what
  /// the progress page says about saving).
  bool storage = true;
  /// `--unlimited-todos` (the documentation states the limit).
  bool unlimited_todos = false;
  /// The edition: its challenges, and where its API and documentation
  /// live.
  model::edition_id edition = model::edition_id::classic;
  /// `--gui-keep-alive`: the progress page of a known challenger polls
  /// `GET /challenger/<guid>` every 300000 ms (BEHAVIOUR §6.1).
  bool gui_keep_alive = false;

  /// The API configuration these settings describe.
  model::api_config config() const {
    return {mode, storage, unlimited_todos, edition};
  }
};

/// Reads a challenger as its session holds it, for a page that shows it:
/// `std::nullopt` when no challenger has that GUID. Reading credits
/// nothing. In single-user mode every GUID reads the single player.
using session_reader = std::function<std::optional<model::challenger>(
  const std::string& guid)>;

/// Answers a request for a path outside the API: a page when one lives
/// there (GET and HEAD), else a 404 (Spark's own HTML 404 for unknown
/// methods and TRACE, as the original).
model::response answer(const model::request& req, const session_reader& read,
                       const site_info& info);

/// Any 404 asked for with an `accept` containing `html` gets the HTML
/// "Page Not Found" page, unless it already is Spark's own HTML 404.
/// Applies to API answers too.
void html_not_found(const std::string* accept, model::response& res);

} // namespace site
