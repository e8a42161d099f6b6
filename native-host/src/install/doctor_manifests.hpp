#pragma once
// Doctor checks for the host manifests: one result per browser. Pure over
// SystemIo so the Windows registry and macOS paths are tested with fakes.
#include "install/doctor_check.hpp"
#include "install/installer.hpp"

#include <vector>

namespace om::install {

std::vector<CheckResult> check_manifests(SystemIo& io, const Platform& platform);

}  // namespace om::install
