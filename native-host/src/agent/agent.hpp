#pragma once
// The per-user agent: owns the state, the presence machine and every concern,
// serves the bridges on one io thread until SIGTERM/SIGINT.
#include <filesystem>

namespace om::agent {

struct AgentOptions {
  std::filesystem::path state_dir;
  std::filesystem::path runtime_dir;
  std::filesystem::path endpoint;
};

// Exit codes of officemates-agent.
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitAlreadyRunning = 3;

// Takes the instance lock, loads state, listens, runs. Returns an exit code.
int run_agent(const AgentOptions& options);

}  // namespace om::agent
