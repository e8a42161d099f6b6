#include "agent/server/server_concern.hpp"

namespace om::agent {

std::unique_ptr<Concern> make_server_concern(AgentContext& ctx) {
  for (const char* verb : {"login", "logout", "reasons.get", "profile.image.set"})
    ctx.dispatcher.add_unavailable(verb, "server sync is not part of this build yet");
  return std::make_unique<Concern>();
}

}  // namespace om::agent
