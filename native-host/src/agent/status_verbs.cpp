#include "agent/status_verbs.hpp"
#include "agent/server/server_codes.hpp"
#include "sync/url_policy.hpp"

#include "common/version.hpp"

#include <spdlog/spdlog.h>

#ifdef _WIN32
#include <process.h>
#define OM_GETPID _getpid
#else
#include <unistd.h>
#define OM_GETPID ::getpid
#endif

namespace om::agent {
namespace code = protocol::code;
using protocol::ProtocolError;

presence::Config presence_config_from(const store::Settings& s) {
  presence::Config c;
  c.away_after = std::chrono::seconds(s.away_after_s);
  c.present_needed = s.present_needed;
  c.present_window = s.present_window;
  c.grace = std::chrono::seconds(s.grace_s);
  return c;
}

bool MonitorVotes::start(ConnectionId id) {
  voters_.insert(id);
  return any();
}

bool MonitorVotes::stop(ConnectionId id) {
  voters_.erase(id);
  return any();
}

StatusVerbs::StatusVerbs(AgentContext& ctx, ConnectionScope& scope, HelloInfo hello)
    : ctx_(ctx), scope_(scope), hello_(std::move(hello)) {
  auto& d = ctx_.dispatcher;
  d.add("hello", [this](const protocol::Request& r) { return this->hello(r); });
  d.add("status.get", [this](const protocol::Request&) { return status_reply(); });
  d.add("away.set", [this](const protocol::Request& r) { return away_set(r); });
  d.add("away.clear", [this](const protocol::Request&) {
    if (ctx_.presence.clear_away()) ctx_.commit_status_change();
    return status_reply();
  });
  d.add("settings.get", [this](const protocol::Request&) {
    return nlohmann::json{{"settings", store::to_json(ctx_.state.settings)}};
  });
  d.add("settings.set", [this](const protocol::Request& r) { return settings_set(r); });
  d.add("monitor.start", [this](const protocol::Request&) { return monitor(true); });
  d.add("monitor.stop", [this](const protocol::Request&) { return monitor(false); });
  scope_.on_closed.push_back([this](ConnectionId id) {
    votes_.stop(id);
    apply_monitoring();
  });
}

nlohmann::json StatusVerbs::hello(const protocol::Request&) const {
  nlohmann::json out = {{"host", {{"name", kHostName}, {"version", kVersion}}},
                        {"protocol", protocol::kProtocolVersion},
                        {"agent_pid", static_cast<long long>(OM_GETPID())},
                        {"capabilities", ctx_.dispatcher.served_verbs()},
                        {"unavailable", ctx_.dispatcher.unavailable_verbs()},
                        {"state_recovered", hello_.recovered_from.has_value()}};
  if (hello_.recovered_from) out["recovered_from"] = hello_.recovered_from->string();
  return out;
}

nlohmann::json StatusVerbs::status_reply() const {
  return {{"status", presence::to_json(ctx_.presence.status())}, {"monitoring", ctx_.presence.monitoring()}};
}

nlohmann::json StatusVerbs::away_set(const protocol::Request& r) {
  const auto checked = presence::normalize_reason(protocol::require_string(r.body, "reason"));
  if (!checked.reason) throw ProtocolError(code::kBadParams, checked.error);
  if (ctx_.presence.set_away(*checked.reason)) ctx_.commit_status_change();
  return status_reply();
}

nlohmann::json StatusVerbs::settings_set(const protocol::Request& r) {
  // Either {"settings":{...}} or the keys flat beside "type".
  nlohmann::json patch;
  if (auto it = r.body.find("settings"); it != r.body.end()) {
    if (!it->is_object()) throw ProtocolError(code::kBadParams, "\"settings\" must be an object");
    patch = *it;
  } else {
    patch = r.body;
    for (const char* k : {"v", "id", "type"}) patch.erase(k);
  }
  store::Settings next;
  try {
    next = store::apply_settings_patch(ctx_.state.settings, patch);
  } catch (const std::invalid_argument& e) {
    throw ProtocolError(code::kBadParams, e.what());
  }
  // Same URL policy as login (https, or http only to loopback), refused here with a clear error.
  if (!next.server_url.empty() && next.server_url != ctx_.state.settings.server_url) {
    const auto url = sync::check_server_url(next.server_url);
    if (!url.ok) throw ProtocolError(server_code::kInsecureUrl, url.error);
    next.server_url = url.base;
  }
  if (!(next == ctx_.state.settings)) {
    ctx_.state.settings = next;
    ctx_.presence.reconfigure(presence_config_from(next));
    ctx_.commit_settings_change();
    spdlog::info("settings changed");
    // New timeouts may already have run out.
    if (ctx_.presence.tick()) ctx_.commit_status_change();
  }
  return {{"settings", store::to_json(ctx_.state.settings)}};
}

nlohmann::json StatusVerbs::monitor(bool start) {
  if (start) votes_.start(scope_.current);
  else votes_.stop(scope_.current);
  apply_monitoring();
  return status_reply();
}

void StatusVerbs::apply_monitoring() {
  const bool want = votes_.any();
  if (want == ctx_.presence.monitoring()) return;
  const bool changed = want ? ctx_.presence.monitor_start() : ctx_.presence.monitor_stop();
  spdlog::info("monitoring {}", want ? "started" : "stopped");
  if (changed) ctx_.commit_status_change();
}

}  // namespace om::agent
