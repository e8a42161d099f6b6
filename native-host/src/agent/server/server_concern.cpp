#include "agent/server/server_concern.hpp"

#include "agent/server/server_side.hpp"
#include "protocol/message.hpp"
#include "sync/url_policy.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace om::agent {

namespace {

// Test and operations knobs (the defaults are the product's behaviour):
// OFFICEMATES_SYNC_BACKOFF_BASE_MS, OFFICEMATES_SYNC_BACKOFF_CAP_MS,
// OFFICEMATES_SYNC_HEARTBEAT_MS, OFFICEMATES_SYNC_MAX_QUEUED.
long env_number(const char* name, long fallback, long min, long max) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  long n = 0;
  const std::string_view s(v);
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || ptr != s.data() + s.size() || n < min || n > max) {
    spdlog::warn("{}={} ignored (expected {}..{})", name, v, min, max);
    return fallback;
  }
  return n;
}

sync::SyncOptions options_from_env(const AgentContext& ctx) {
  sync::SyncOptions o;
  o.outbox_file = ctx.store.dir() / "outbox.jsonl";
  o.backoff_base = std::chrono::milliseconds(env_number("OFFICEMATES_SYNC_BACKOFF_BASE_MS", 1000, 1, 60'000));
  o.backoff_cap = std::chrono::milliseconds(env_number("OFFICEMATES_SYNC_BACKOFF_CAP_MS", 30'000, 1, 3'600'000));
  o.heartbeat_every = std::chrono::milliseconds(env_number("OFFICEMATES_SYNC_HEARTBEAT_MS", 30'000, 100, 3'600'000));
  o.max_queued = static_cast<std::size_t>(env_number("OFFICEMATES_SYNC_MAX_QUEUED", 1000, 1, 1'000'000));
  return o;
}

class ServerConcern final : public Concern {
 public:
  explicit ServerConcern(AgentContext& ctx) : side_(ctx) {
    sync::StatusSync::Hooks hooks;
    hooks.heartbeat_wanted = [&ctx] {
      return ctx.presence.monitoring() || ctx.state.status.state == presence::State::away_manual;
    };
    hooks.changed = [&ctx](const sync::SyncState& s) {
      ctx.events.broadcast(protocol::make_event("server.sync", sync::to_json(s)));
    };
    hooks.token_rejected = [this] {
      spdlog::warn("server rejected the device token; forgetting it (log in again)");
      side_.forget_login();
    };
    side_.status_sync = std::make_unique<sync::StatusSync>(ctx.io, options_from_env(ctx), std::move(hooks));

    ctx.on_status_change([this](const presence::Status& s) {
      try {
        side_.status_sync->enqueue(s);
      } catch (const std::exception& e) {
        // The change is in state.json already; only its delivery is at risk.
        spdlog::error("cannot queue status seq {} for the server: {}", s.seq, e.what());
      }
    });
    ctx.on_settings_change([this](const store::Settings& s) {
      if (s.server_url.empty()) return;
      const auto check = sync::check_server_url(s.server_url);
      if (!check.ok) spdlog::warn("settings.server_url refused for sync: {}", check.error);
      const auto acc = side_.account();
      if (check.ok && acc && check.base != acc->base)
        spdlog::info("server URL changed to {}; still synced with {} until the next login", check.base, acc->base);
    });

    add_account_verbs(side_);
    add_content_verbs(side_);

    side_.status_sync->start(side_.account());
    side_.refresh_reasons_in_background();
  }

  void stop() override {
    side_.status_sync->stop();
    side_.requests.stop();
  }
  ~ServerConcern() override { stop(); }

 private:
  ServerSide side_;
};

}  // namespace

std::unique_ptr<Concern> make_server_concern(AgentContext& ctx) { return std::make_unique<ServerConcern>(ctx); }

}  // namespace om::agent
