#pragma once
// The verbs the agent serves itself: hello, status.get, away.set, away.clear,
// settings.get, settings.set, monitor.start, monitor.stop.
#include "agent/connection_id.hpp"
#include "agent/context.hpp"

#include <filesystem>
#include <optional>
#include <set>

namespace om::agent {

// Presence timing from the user's settings.
presence::Config presence_config_from(const store::Settings& settings);

struct HelloInfo {
  std::optional<std::filesystem::path> recovered_from;  // state.json was corrupt and moved here
};

// Monitoring is on while any connection has started it and not stopped it;
// a connection that closes counts as stopped (the console tab is gone).
class MonitorVotes {
 public:
  // Each returns whether anyone still wants monitoring afterwards.
  bool start(ConnectionId id);
  bool stop(ConnectionId id);
  bool any() const { return !voters_.empty(); }

 private:
  std::set<ConnectionId> voters_;
};

class StatusVerbs final : public Concern {
 public:
  StatusVerbs(AgentContext& ctx, ConnectionScope& scope, HelloInfo hello);

 private:
  nlohmann::json hello(const protocol::Request& r) const;
  nlohmann::json status_reply() const;
  nlohmann::json away_set(const protocol::Request& r);
  nlohmann::json settings_set(const protocol::Request& r);
  nlohmann::json monitor(bool start);
  void apply_monitoring();

  AgentContext& ctx_;
  ConnectionScope& scope_;
  HelloInfo hello_;
  MonitorVotes votes_;
};

}  // namespace om::agent
