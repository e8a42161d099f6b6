#pragma once
// Starts officemates-agent detached from the bridge: its own session, stdio on
// the null device, reparented away from us, so it outlives the bridge and the
// browser that started it.
#include <filesystem>
#include <string>

namespace om::bridge {

// Returns false with `error` filled when the executable cannot be started.
// A second agent racing with one already running exits by itself (lock file).
bool launch_agent_detached(const std::filesystem::path& agent_exe, std::string& error);

}  // namespace om::bridge
