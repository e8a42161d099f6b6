#include "agent/server/server_side.hpp"

#include "sync/url_policy.hpp"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include <chrono>

namespace om::agent {

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// What the popup may show about the user; never the CSRF value or presence.
nlohmann::json user_summary(const nlohmann::json& me) {
  nlohmann::json u = nlohmann::json::object();
  for (const char* key : {"id", "email", "role", "group_id", "group_name", "family_name", "given_name",
                          "family_name_kana", "given_name_kana", "extension_number"})
    if (me.contains(key)) u[key] = me[key];
  return u;
}

}  // namespace

ServerSide::ServerSide(AgentContext& c) : ctx(c), api(sync::HttpLimits{}, requests.cancel_flag()) {}

std::optional<sync::Account> ServerSide::account() const {
  const auto& s = ctx.state.server;
  if (!s.is_object() || !s.contains("token") || !s["token"].is_string() || !s.contains("url") || !s["url"].is_string())
    return std::nullopt;
  const auto token = s["token"].get<std::string>();
  if (token.empty()) return std::nullopt;
  const auto check = sync::check_server_url(s["url"].get<std::string>());
  if (!check.ok) {
    spdlog::warn("stored server URL refused by policy: {}", check.error);
    return std::nullopt;
  }
  return sync::Account{check.base, token};
}

nlohmann::json ServerSide::user() const {
  const auto& s = ctx.state.server;
  if (account() && s.contains("user") && s["user"].is_object()) return s["user"];
  return nlohmann::json::object();
}

void ServerSide::remember_login(const std::string& base, const std::string& token, const nlohmann::json& me) {
  auto& s = ctx.state.server;
  if (!s.is_object()) s = nlohmann::json::object();
  // Another user's reasons must not be offered from the cache.
  const auto new_user = user_summary(me);
  if (s.contains("user") && s["user"].is_object() && s["user"].value("id", nlohmann::json()) != new_user.value("id", nlohmann::json()))
    s.erase("reasons");
  // The outbox belongs to whoever was logged in when its changes were made:
  // a different user (or server) must not receive them as their presence.
  const nlohmann::json owner = {{"url", base}, {"user_id", new_user.value("id", nlohmann::json())}};
  if (s.contains("outbox_owner") && s["outbox_owner"] != owner && status_sync) status_sync->discard_queued();
  s["outbox_owner"] = owner;
  s["url"] = base;
  s["token"] = token;
  s["user"] = new_user;
  s["logged_in_at"] = now_ms();
  const bool url_changed = ctx.state.settings.server_url != base;
  ctx.state.settings.server_url = base;
  if (url_changed) ctx.commit_settings_change();  // persists too
  else ctx.save();
  if (status_sync) status_sync->set_account(sync::Account{base, token});
}

void ServerSide::forget_login() {
  auto& s = ctx.state.server;
  if (s.is_object()) {
    s.erase("token");
    s.erase("user");
    s.erase("logged_in_at");
  }
  ctx.save();
  if (status_sync) status_sync->set_account(std::nullopt);
}

void ServerSide::cache_reasons(const nlohmann::json& reply) {
  auto& s = ctx.state.server;
  if (!s.is_object()) s = nlohmann::json::object();
  s["reasons"] = {{"group_id", reply.value("group_id", nlohmann::json())},
                  {"reasons", reply.at("reasons")},
                  {"fetched_at", now_ms()}};
  ctx.save();
}

void ServerSide::run(std::function<sync::ApiResult(const sync::ServerApi&)> call,
                     std::function<void(const sync::ApiResult&)> done) {
  std::weak_ptr<int> guard = alive;
  auto job = [this, guard, call = std::move(call), done = std::move(done)]() mutable {
    auto result = call(api);
    boost::asio::post(ctx.io, [guard, done = std::move(done), result = std::move(result)] {
      if (guard.expired() || result.kind == sync::ApiResult::Kind::cancelled) return;
      try {
        done(result);
      } catch (const std::exception& e) {
        // A server answer we could not use must not take the agent's io loop down.
        spdlog::error("handling a server reply failed: {}", e.what());
      }
    });
  };
  // Refused only while the agent stops; nobody is left to answer then.
  if (!requests.post(std::move(job))) spdlog::debug("server request dropped: agent is stopping");
}

void ServerSide::refresh_reasons_in_background() {
  const auto acc = account();
  if (!acc) return;
  run([ep = sync::Endpoint{acc->base, acc->token}](const sync::ServerApi& a) { return a.reasons(ep); },
      [this](const sync::ApiResult& r) {
        if (status_sync) status_sync->note_result(r);
        if (r.ok()) cache_reasons(r.body);
        else if (r.kind == sync::ApiResult::Kind::unauthorized) forget_login();
      });
}

}  // namespace om::agent
