#pragma once

#include "model/message.hpp"
#include "site/pages.hpp"

#include <optional>
#include <string>
#include <string_view>

/// The progress GUI and the entity explorer (BEHAVIOUR §6.1). Each function
/// answers one page; challengers are read through the `session_reader`
/// (nothing is credited by looking).
namespace site::gui {

/// The name of the cookie that remembers the learner's GUID / database.
inline constexpr std::string_view database_cookie = "X-THINGIFIER-DATABASE-"
                                                    "NAME";

/// The database the shared, read-only default todo list lives in.
inline constexpr std::string_view default_database = "__default";

/// `/gui/challenges` (`guid` empty) and `/gui/challenges/{guid}`: the
/// challenge table with each challenge's status, the status widget and the
/// save/restore buttons; "Unknown Challenger ID" for an unknown GUID.
/// Without a GUID, a `X-THINGIFIER-DATABASE-NAME` cookie redirects (302) to
/// that GUID's page. A known challenger's page sets the cookie.
model::response challenges(const model::request& req, const pages::context& ctx,
                           std::optional<std::string> guid);

/// `/gui/challenges/{guid}/data`: the JSON the progress page embeds
/// (`{"guid":..,"known":..,"multiUser":..,"challengerData":..,
/// "databaseData":..}`); the page's Refresh Status button
/// fetches it.
model::response challenger_data(const pages::context& ctx,
                                std::string_view guid);

/// `/gui`: the entity explorer's home.
model::response home(const model::request& req, const pages::context& ctx);

/// `/gui/entities`: the entities of the model (`todo`).
model::response entities(const model::request& req, const pages::context& ctx);

/// `/gui/instances?entity=todo`: the todos of the chosen database (query
/// `database`, else the cookie, else `__default`).
model::response instances(const model::request& req, const pages::context& ctx);

/// `/gui/instance?entity=todo&id=N`: one todo with its JSON and XML.
model::response instance(const model::request& req, const pages::context& ctx);

} // namespace site::gui
