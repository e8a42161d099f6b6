#include "agent/camera/camera_concern.hpp"

namespace om::agent {

std::unique_ptr<Concern> make_camera_concern(AgentContext& ctx) {
  for (const char* verb : {"enroll.start", "enroll.cancel", "enroll.clear", "camera.list", "camera.select", "preview.frame"})
    ctx.dispatcher.add_unavailable(verb, "face recognition is not part of this build yet");
  return std::make_unique<Concern>();
}

}  // namespace om::agent
