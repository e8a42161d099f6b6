#pragma once
// Camera, enrolment and preview verbs; drives the officemates-vision worker.
#include "agent/context.hpp"

namespace om::agent {
std::unique_ptr<Concern> make_camera_concern(AgentContext& ctx);
}
