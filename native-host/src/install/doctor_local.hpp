#pragma once
// Doctor checks of this machine: the recognition models and the camera.
#include "install/doctor_check.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace om::install {

// `vision` is officemates-vision (may be empty). When it answers
// `model check` / `camera probe` with exit 0 (ok) or 1 (problem, message on
// its output) that is the verdict; any other outcome (subcommand not there
// yet) falls back to looking at the files ourselves.
CheckResult check_models(const std::vector<std::filesystem::path>& candidate_dirs, const std::filesystem::path& vision);

// `device_dir` is /dev (OFFICEMATES_DEVICE_DIR in tests); `camera_setting` is
// the agent's "camera" setting when known ("0", or a video/image path).
CheckResult check_camera(const std::filesystem::path& device_dir, const std::string& camera_setting,
                         const std::filesystem::path& vision);

}  // namespace om::install
