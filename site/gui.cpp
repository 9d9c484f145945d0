#include "site/gui.hpp"

#include "model/challenge.hpp"
#include "model/edition.hpp"
#include "model/json_codec.hpp"
#include "model/payload.hpp"
#include "model/xml_codec.hpp"
#include "site/templates.hpp"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace site::gui {

namespace {

using templates::escape;
using templates::render;
using templates::values;

bool multi_user(const pages::context& ctx) {
  return ctx.info.mode == model::user_mode::multi_user;
}

// -- challenger progress ------------------------------------------------------

// What the progress page shows about one GUID.
struct challenger_view {
  bool known = false;
  /// The GUID asked for, replaced by the challenger's own when known (in
  /// single-user mode every GUID reads the single player).
  std::string guid;
  /// The progress payload and the database export, as the API sends them
  /// (`GET /challenger/{guid}`, `GET /challenger/database/{guid}`); empty
  /// when unknown.
  std::string progress_json;
  std::string database_json;
  model::progress done;
  std::size_t todo_count = 0;
};

challenger_view load(const pages::context& ctx, std::string guid) {
  challenger_view view;
  view.guid = std::move(guid);
  if (view.guid.empty())
    return view;
  auto who = ctx.read(view.guid);
  if (!who)
    return view;
  auto set = model::challenge_set::for_config(ctx.info.config());
  view.known = true;
  view.guid = who->guid;
  view.done = who->done & set.mask();
  view.todo_count = who->todos.size();
  view.progress_json = model::payload::progress(who->auth_token, who->guid,
                                                who->note, who->done, set);
  view.database_json = model::payload::database(who->todos);
  return view;
}

// The data block the page embeds and `/gui/challenges/{guid}/data` serves.
std::string data_json(const pages::context& ctx, const challenger_view& v) {
  auto or_null = [](const std::string& x) {
    return x.empty() ? std::string{"null"} : x;
  };
  std::string out = "{\"guid\":" + model::json::quote(v.guid);
  out += ",\"known\":";
  out += v.known ? "true" : "false";
  out += ",\"multiUser\":";
  out += multi_user(ctx) ? "true" : "false";
  out += ",\"keepAlive\":";
  out += ctx.info.gui_keep_alive && v.known ? "true" : "false";
  out += ",\"challengerData\":" + or_null(v.progress_json);
  out += ",\"databaseData\":" + or_null(v.database_json);
  out += '}';
  return out;
}

// Escapes `x`, then shows `code` spans (the descriptions use backticks).
std::string with_code(std::string_view x) {
  auto escaped = escape(x);
  std::string out;
  bool open = false;
  for (auto c : escaped) {
    if (c == '`') {
      out += open ? "</code>" : "<code>";
      open = !open;
    } else {
      out += c;
    }
  }
  if (open)
    out += "</code>";
  return out;
}

// The original site's solution pages (BEHAVIOUR §6.1).
constexpr std::string_view original_site = "https://apichallenges.eviltester"
                                           ".com";

std::string_view solution_path(model::challenge x) {
  switch (x) {
    case model::challenge::GET_TODOS:
      return "/apichallenges/solutions/get/get-todos-200";
    default: return {};
  }
}

// "fancyabreak?restoreyoursession": lower-cased, without spaces (BEHAVIOUR
// §6.1).
std::string anchor_of(std::string_view title) {
  std::string out;
  for (auto c : title)
    if (c != ' ')
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string two_digits(int id) {
  auto s = std::to_string(id);
  return s.size() < 2 ? "0" + s : s;
}

std::string challenge_row(const model::challenge_set& set,
                          const model::progress& done, model::challenge x) {
  auto& info = set.info(x);
  std::string hints;
  if (!info.hints.empty()) {
    hints = "<details class=\"hints\"><summary>Hints</summary><ul>";
    for (auto hint : info.hints)
      hints += "<li>" + with_code(hint) + "</li>";
    hints += "</ul></details>";
  }
  std::string solution;
  if (auto path = solution_path(x); !path.empty())
    solution = "<details class=\"solution\"><summary>Solution</summary><ul>"
               "<li><a href=\""
               + escape(std::string{original_site} + std::string{path})
               + "\">Read Solution</a></li></ul></details>";
  bool is_done = done.test(model::index_of(x));
  values xs;
  xs.set("id", two_digits(set.id_of(x)));
  xs.set("key", std::string{info.key_name});
  xs.set("name", std::string{info.name});
  xs.set("done", is_done ? "true" : "false");
  xs.set("description", with_code(info.description));
  xs.set("hints", std::move(hints));
  xs.set("solution", std::move(solution));
  return render("challenges_row", xs);
}

// The table of contents and one table per section, in catalogue order.
std::pair<std::string, std::string> challenge_tables(const pages::context& ctx,
                                                     const model::progress& d) {
  auto set = model::challenge_set::for_config(ctx.info.config());
  std::string toc;
  std::string sections;
  auto& all = *set.edition().sections;
  for (std::size_t s = 0; s < all.size(); ++s) {
    std::string rows;
    for (auto x : set.items())
      if (set.info(x).section == s)
        rows += challenge_row(set, d, x);
    if (rows.empty())
      continue;
    auto anchor = anchor_of(all[s].title);
    values item;
    item.set("anchor", anchor);
    item.set("title", std::string{all[s].title});
    toc += render("challenges_toc_item", item);
    values section;
    section.set("anchor", anchor);
    section.set("title", std::string{all[s].title});
    section.set("description", with_code(all[s].description));
    section.set("rows", std::move(rows));
    sections += render("challenges_section", section);
  }
  return {std::move(toc), std::move(sections)};
}

model::response redirect(std::string location) {
  model::response res;
  res.status = 302;
  res.set_header("Location", std::move(location));
  return res;
}

// -- entity explorer ---------------------------------------------------------

// The database the explorer shows: query, else cookie, else the default.
std::string chosen_database(const model::request& req) {
  auto name = pages::query_value(req.query, "database");
  if (!name)
    name = pages::cookie_value(req, database_cookie);
  auto clean = name ? pages::sanitize_name(*name) : std::string{};
  return clean.empty() ? std::string{default_database} : clean;
}

struct todo_list {
  bool found = false;
  std::vector<model::todo> items;
};

// The todos of `database`, by id: a challenger's, or the shared list that
// anonymous multi-user reads see (in single-user mode, the single player's).
todo_list read_todos(const pages::context& ctx, const std::string& database) {
  todo_list result;
  std::optional<model::challenger> who;
  if (database != default_database || !multi_user(ctx)) {
    who = ctx.read(database);
    if (!who)
      return result;
  }
  auto store = who ? std::move(who->todos) : model::todo_store::seeded();
  result.found = true;
  for (auto& x : store.items())
    result.items.push_back(x);
  std::sort(result.items.begin(), result.items.end(),
            [](const auto& x, const auto& y) { return x.id < y.id; });
  return result;
}

bool is_todo_entity(const model::request& req) {
  auto entity = pages::query_value(req.query, "entity");
  return entity && (*entity == "todo" || *entity == "todos");
}

std::string unknown_database_notice(const std::string& database) {
  return "<p class=\"notice\">Unknown database <code>" + escape(database)
         + "</code>: no challenger has that GUID (any more). Visit your "
           "<a href=\"/gui/challenges\">progress page</a> to restore it "
           "from your browser's local storage.</p>";
}

model::response explorer_page(int status, std::string_view title,
                              std::string_view name, const values& xs) {
  return pages::html(status, templates::page(title, render(name, xs)));
}

} // namespace

// -- pages --------------------------------------------------------------------

model::response challenges(const model::request& req, const pages::context& ctx,
                           std::optional<std::string> guid) {
  bool multi = multi_user(ctx);
  std::string asked;
  if (!guid) {
    if (auto cookie = pages::cookie_value(req, database_cookie)) {
      auto name = pages::sanitize_name(*cookie);
      if (!name.empty() && name != default_database)
        return redirect("/gui/challenges/" + name);
    }
    if (!multi)
      asked = std::string{model::single_player_guid};
  } else {
    asked = pages::sanitize_name(*guid);
  }
  auto view = load(ctx, asked);
  auto [toc, sections] = challenge_tables(ctx, view.done);
  auto set = model::challenge_set::for_config(ctx.info.config());
  auto done_count = (view.done & set.mask()).count();
  values status;
  status.set("guid", view.guid);
  status.set("total", static_cast<long long>(set.size()));
  status.set("done", static_cast<long long>(done_count));
  status.set("remain", static_cast<long long>(set.size() - done_count));
  status.set("todos", static_cast<long long>(view.todo_count));
  status.set("storage", ctx.info.storage
                          ? "Progress is saved on this server between runs."
                          : "This server does not save progress: save it "
                            "to your browser's local storage.");
  values xs;
  if (view.known) {
    xs.set("heading", multi ? "Progress For Challenger ID " + view.guid
                            : std::string{"Single User Mode"});
    xs.set("status", render("challenges_status", status));
  } else {
    xs.set("heading", "Unknown Challenger ID " + view.guid);
    xs.set("status", render("challenges_unknown", status));
  }
  xs.set("guids", multi ? render("challenges_guids", values{}) : std::string{});
  xs.set("toc", std::move(toc));
  xs.set("sections", std::move(sections));
  xs.set("solutions", std::string{original_site} + "/apichallenges/solutions");
  xs.set("data", templates::script_json(data_json(ctx, view)));
  auto title = view.known ? std::string{"API Challenges Progress"}
                          : std::string{"Unknown Challenger ID"};
  auto res = pages::html(200, templates::page(title, render("challenges", xs)));
  if (view.known)
    res.set_header("Set-Cookie", std::string{database_cookie} + "=" + view.guid
                                   + "; Max-Age=31536000; Path=/; "
                                     "SameSite=Lax");
  return res;
}

model::response challenger_data(const pages::context& ctx,
                                std::string_view guid) {
  auto view = load(ctx, pages::sanitize_name(guid));
  model::response res;
  res.status = view.known ? 200 : 404;
  res.content_type = "application/json";
  res.body = data_json(ctx, view);
  res.set_header("Cache-Control", "no-store");
  return res;
}

model::response home(const model::request& req, const pages::context&) {
  values xs;
  xs.set("database", chosen_database(req));
  return explorer_page(200, "Data Explorer", "gui_home", xs);
}

model::response entities(const model::request& req, const pages::context& ctx) {
  auto database = chosen_database(req);
  auto todos = read_todos(ctx, database);
  values xs;
  xs.set("database", database);
  xs.set("count", static_cast<long long>(todos.items.size()));
  xs.set("limit", ctx.info.unlimited_todos
                    ? std::string{"no limit"}
                    : std::to_string(model::todo_limits::max_todos));
  xs.set("notice",
         todos.found ? std::string{} : unknown_database_notice(database));
  return explorer_page(todos.found ? 200 : 404, "Entities", "entities", xs);
}

model::response instances(const model::request& req,
                          const pages::context& ctx) {
  if (!is_todo_entity(req))
    return pages::html(404, pages::not_found());
  auto database = chosen_database(req);
  auto todos = read_todos(ctx, database);
  std::string rows;
  for (auto& x : todos.items) {
    values row;
    row.set("id", static_cast<long long>(x.id));
    row.set("title", x.title);
    row.set("done", x.done ? "true" : "false");
    row.set("description", x.description);
    row.set("database", database);
    rows += render("instances_row", row);
  }
  values xs;
  xs.set("database", database);
  xs.set("count", static_cast<long long>(todos.items.size()));
  xs.set("rows", std::move(rows));
  xs.set("notice",
         todos.found ? std::string{} : unknown_database_notice(database));
  return explorer_page(todos.found ? 200 : 404, "todo instances", "instances",
                       xs);
}

model::response instance(const model::request& req, const pages::context& ctx) {
  if (!is_todo_entity(req))
    return pages::html(404, pages::not_found());
  auto database = chosen_database(req);
  auto id = pages::query_value(req.query, "id");
  auto todos = read_todos(ctx, database);
  const model::todo* found = nullptr;
  for (auto& x : todos.items)
    if (id && std::to_string(x.id) == *id)
      found = &x;
  if (found == nullptr)
    return pages::html(404, pages::not_found());
  values xs;
  xs.set("database", database);
  xs.set("id", static_cast<long long>(found->id));
  xs.set("title", found->title);
  xs.set("done", found->done ? "true" : "false");
  xs.set("description", found->description);
  xs.set("json", model::json::todo(*found));
  xs.set("xml", model::xml::todo(*found));
  return explorer_page(200, "todo " + std::to_string(found->id), "instance",
                       xs);
}

} // namespace site::gui
