// officemates-agent: the per-user agent. Normally started detached by a
// bridge; can be run in the foreground for debugging (logs on stderr too).
#include "agent/agent.hpp"
#include "common/paths.hpp"
#include "common/version.hpp"
#include "transport/local_stream.hpp"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--version") == 0) {
      std::printf("officemates-agent %s\n", om::kVersion);
      return 0;
    }
    if (std::strcmp(argv[i], "--help") == 0) {
      std::printf(
          "officemates-agent %s — per-user OfficeMates agent (one per user; bridges start it)\n"
          "State: OFFICEMATES_STATE_DIR (default per-user state dir); socket and lock: OFFICEMATES_RUNTIME_DIR\n"
          "Exit codes: 0 stopped by signal, 1 error, 3 another agent is already running\n",
          om::kVersion);
      return 0;
    }
    std::fprintf(stderr, "officemates-agent: unknown argument %s (try --help)\n", argv[i]);
    return 2;
  }
#ifndef _WIN32
  std::signal(SIGPIPE, SIG_IGN);  // a bridge that vanished is a write error, not our death
  std::signal(SIGHUP, SIG_IGN);   // started detached; a closing terminal must not stop it
#endif
  try {
    om::agent::AgentOptions options;
    options.state_dir = om::paths::state_dir();
    options.runtime_dir = om::paths::runtime_dir();
    options.endpoint = om::transport::agent_endpoint();
    return om::agent::run_agent(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "officemates-agent: %s\n", e.what());
    return om::agent::kExitError;
  }
}
