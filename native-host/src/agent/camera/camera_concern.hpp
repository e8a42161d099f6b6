#pragma once
// Camera, enrolment and preview verbs. The camera itself lives in the
// officemates-vision worker process (OpenCV + dlib, ~65 MB), which this
// concern starts only while the camera is needed -- monitoring, the grace
// period after monitor.stop, enrolment, a recent preview.frame -- and stops
// otherwise, so the camera light goes off and the memory is returned.
#include "agent/context.hpp"

#include <filesystem>

namespace om::agent {

struct CameraConcernOptions {
  // officemates-vision; default: beside this executable, or $OFFICEMATES_VISION_EXE.
  std::filesystem::path worker_exe;
  std::chrono::milliseconds poll{200};  // how often camera need / rate are re-checked
};

std::unique_ptr<Concern> make_camera_concern(AgentContext& ctx, CameraConcernOptions options = {});

}  // namespace om::agent
