#include "agent/context.hpp"

#include <spdlog/spdlog.h>

namespace om::agent {

void AgentContext::commit_status_change() {
  state.status = presence.status();
  save();
  spdlog::info("status {} (origin {}, reason \"{}\", seq {})", presence::to_string(state.status.state),
               presence::to_string(state.status.origin), state.status.reason, state.status.seq);
  events.broadcast(protocol::make_event("status", {{"status", presence::to_json(state.status)}}));
  for (auto& fn : status_listeners_) fn(state.status);
}

void AgentContext::observe(const presence::Observation& o) {
  if (presence.observe(o)) commit_status_change();
}

void AgentContext::save() {
  try {
    store.save(state);
  } catch (const std::exception& e) {
    // The status still reaches the browsers; the next save retries the disk.
    spdlog::error("cannot save {}: {}", store.file().string(), e.what());
  }
}

void AgentContext::commit_settings_change() {
  save();
  for (auto& fn : settings_listeners_) fn(state.settings);
}

}  // namespace om::agent
