#pragma once
// Doctor checks that need the running agent: reachable, server reachable,
// logged in. Also hands back the agent's camera setting for the camera check.
#include "install/doctor_check.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace om::install {

struct AgentFindings {
  std::vector<CheckResult> results;
  std::string camera_setting;  // empty when unknown
};

AgentFindings check_agent_and_server(const std::filesystem::path& endpoint);

}  // namespace om::install
