// officemates-host: the executable browsers start. It stays thin (no OpenCV,
// dlib or libcurl linked in) and routes:
//   chrome-extension://<id>/ [--parent-window=N]  -> bridge mode
//   agent ...                                      -> exec officemates-agent
//   face ... | model ...                           -> exec officemates-vision
//   install | uninstall | doctor ...               -> installer
#include "bridge/bridge.hpp"
#include "bridge/origin.hpp"
#include "common/paths.hpp"
#include "common/version.hpp"
#include "install/cli.hpp"
#include "install/self_repair.hpp"
#include "protocol/message.hpp"
#include "transport/local_stream.hpp"
#include "transport/log_setup.hpp"

#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <process.h>
#else
#include <unistd.h>
#endif

namespace {

void usage(std::FILE* to) {
  std::fprintf(to,
               "officemates-host %s — OfficeMates native messaging host\n"
               "\n"
               "  officemates-host chrome-extension://<id>/   bridge mode (started by the browser)\n"
               "  officemates-host agent [args]               run the per-user agent in the foreground\n"
               "  officemates-host face|model ...             face enrolment / model tools\n"
               "  officemates-host install|uninstall|doctor   register the host with Chrome, Chromium, Edge\n"
               "  officemates-host --version | --help\n",
               om::kVersion);
}

// Replaces this process with a sibling executable; returns only on failure.
int exec_sibling(std::string_view name, std::vector<std::string> args) {
  const auto exe = om::paths::sibling_executable(name);
  if (!exe) {
    std::fprintf(stderr, "officemates-host: %.*s was not found next to this program or in ../lib/officemates/\n",
                 static_cast<int>(name.size()), name.data());
    return 127;
  }
  std::vector<char*> argv;
  std::string exe_str = exe->string();
  argv.push_back(exe_str.data());
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
#ifdef _WIN32
  // No exec on Windows: run it and pass its exit code on.
  return static_cast<int>(_spawnv(_P_WAIT, exe_str.c_str(), argv.data()));
#else
  ::execv(exe_str.c_str(), argv.data());
  std::fprintf(stderr, "officemates-host: cannot run %s: %s\n", exe_str.c_str(), std::strerror(errno));
  return 126;
#endif
}

// Writes one frame on stdout without the asio machinery (used before exiting).
void write_frame_now(const nlohmann::json& msg) {
#ifdef _WIN32
  _setmode(_fileno(stdout), _O_BINARY);
#endif
  const auto frame = om::protocol::encode_frame(om::protocol::to_wire(msg));
  std::fwrite(frame.data(), 1, frame.size(), stdout);
  std::fflush(stdout);
}

int bridge_main(std::string_view origin) {
  om::transport::setup_logging("bridge", "bridge.log");
  const char* extra = std::getenv("OFFICEMATES_ALLOWED_ORIGINS");
  if (!om::bridge::origin_allowed(origin, om::bridge::allowed_origins(extra ? extra : ""))) {
    spdlog::error("refused caller origin {}", origin);
    write_frame_now(om::protocol::make_error(nullptr, om::protocol::code::kForbiddenOrigin,
                                             "caller " + std::string(origin) + " is not allowed to use this host"));
    return 3;
  }
  om::install::repair_stale_manifests();  // an update moved this binary: re-point our manifests at it
#ifndef _WIN32
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe is an error code, not a death
#endif
  om::bridge::BridgeOptions options;
  options.endpoint = om::transport::agent_endpoint();
  options.agent_exe = om::paths::sibling_executable("officemates-agent");
  if (!options.agent_exe) spdlog::error("officemates-agent not found; only an already running agent can be used");
  boost::asio::io_context io;
  om::bridge::Bridge bridge(io, om::bridge::make_stdio_port(io), options);
  return bridge.run();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const std::string_view cmd = argv[1];
  try {
    if (om::bridge::looks_like_origin(cmd)) return bridge_main(cmd);  // --parent-window=N may follow: ignored
    if (cmd == "agent") return exec_sibling("officemates-agent", {argv + 2, argv + argc});
    if (cmd == "face" || cmd == "model") return exec_sibling("officemates-vision", {argv + 1, argv + argc});
    if (cmd == "install" || cmd == "uninstall" || cmd == "doctor") return om::install::main(argc - 1, argv + 1);
    if (cmd == "--version") {
      std::printf("officemates-host %s (protocol v%d)\n", om::kVersion, om::protocol::kProtocolVersion);
      return 0;
    }
    if (cmd == "--help" || cmd == "-h") {
      usage(stdout);
      return 0;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "officemates-host: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr, "officemates-host: unknown command \"%s\"\n\n", argv[1]);
  usage(stderr);
  return 2;
}
