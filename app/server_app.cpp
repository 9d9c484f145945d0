#include "app/server_app.hpp"

#include "actors/gateway.hpp"
#include "app/memory_trimmer.hpp"
#include "http/server.hpp"
#include "site/site.hpp"
#include "storage/null_store.hpp"
#include "storage/postgres_store.hpp"
#include "storage/sqlite_store.hpp"

#include <atomic>
#include <cstdio>
#include <unistd.h>

namespace app {

namespace {

/// How often the free memory is checked, and how much of it is kept.
constexpr auto trim_period = std::chrono::seconds(10);
constexpr std::size_t trim_threshold = 4 << 20;

} // namespace

struct server_app::impl {
  std::unique_ptr<actors::gateway> gateway;
  std::unique_ptr<http::server> server;
  memory_trimmer trimmer{trim_period, trim_threshold};
  /// What `GET /health` reports; false from `drain()` or `stop()` on.
  std::shared_ptr<std::atomic<bool>>
    accepting = std::make_shared<std::atomic<bool>>(true);
};

server_app::server_app() : impl_(std::make_unique<impl>()) {
  // nop
}

server_app::~server_app() {
  stop();
  shutdown();
}

namespace {

/// `hostname:port` (unique per machine and port); with `--port 0` the pid
/// stands in for the port, which is not known yet.
std::string default_node_id(const options& opts) {
  char name[256] = {};
  if (::gethostname(name, sizeof(name) - 1) != 0 || name[0] == '\0')
    std::snprintf(name, sizeof(name), "%s", opts.http.host.c_str());
  std::string out = name;
  out += ':';
  out += opts.http.port != 0 ? std::to_string(opts.http.port)
                             : "pid" + std::to_string(::getpid());
  return out;
}

} // namespace

std::unique_ptr<server_app> server_app::create(const options& opts,
                                               std::string& error) {
  actors::gateway_config cfg;
  cfg.api = opts.api;
  cfg.idle_timeout = opts.idle_timeout;
  cfg.max_live_sessions = opts.max_live_sessions;
  cfg.retention = std::chrono::hours(24) * opts.retention_days;
  cfg.scheduler_threads = opts.caf_threads;
  cfg.fronts = opts.fronts;
  cfg.inline_throughput = opts.inline_messages;
  cfg.node_id = opts.node_id.empty() ? default_node_id(opts) : opts.node_id;
  cfg.lease = opts.lease;
  if (opts.storage.persistent && !opts.storage.postgres.empty()) {
    auto store = storage::postgres_store::open(opts.storage.postgres);
    if (!store) {
      error = store.err().message; // it names the database, not a password
      return nullptr;
    }
    // Several nodes may share the database: one live copy per session.
    (*store)->use_leases(cfg.node_id,
                         std::chrono::duration_cast<std::chrono::milliseconds>(
                           opts.lease));
    cfg.store = std::move(*store);
  } else if (opts.storage.persistent) {
    auto store = storage::sqlite_store::open(opts.storage.path);
    if (!store) {
      error = store.err().message; // it names the path
      return nullptr;
    }
    cfg.store = std::move(*store);
  } else {
    cfg.store = std::make_unique<storage::null_store>();
  }
  std::unique_ptr<server_app> result{new server_app};
  auto& self = *result->impl_;
  self.gateway = std::make_unique<actors::gateway>(std::move(cfg));
  auto* gw = self.gateway.get();
  site::site_info info;
  info.mode = opts.api.mode;
  info.storage = opts.api.storage;
  info.unlimited_todos = opts.api.unlimited_todos;
  info.edition = opts.api.edition;
  info.gui_keep_alive = opts.gui_keep_alive;
  http::handlers hs;
  hs.api = [gw](model::request req) { return gw->handle(std::move(req)); };
  hs.edition = opts.api.edition;
  site::session_reader read = [gw](const std::string& guid) {
    return gw->view(guid);
  };
  hs.site = [info, read](const model::request& req) {
    return site::answer(req, read, info);
  };
  hs.finish = &site::html_not_found;
  hs.more_metrics = [stats = gw->stats()](std::string& out) {
    stats->render(out);
  };
  hs.accepting = [flag = self.accepting] { return flag->load(); };
  self.server = std::make_unique<http::server>(opts.http, std::move(hs));
  return result;
}

int server_app::bind() {
  return impl_->server->bind();
}

bool server_app::run() {
  return impl_->server->run();
}

void server_app::drain() {
  impl_->accepting->store(false);
}

void server_app::stop() {
  drain();
  if (impl_->server)
    impl_->server->stop();
}

bool server_app::running() const {
  return impl_->server->running();
}

void server_app::shutdown() {
  if (impl_->gateway)
    impl_->gateway->shutdown();
}

std::size_t server_app::live_sessions() {
  return impl_->gateway->live_sessions();
}

const std::string& server_app::error() const {
  return impl_->server->error();
}

} // namespace app
