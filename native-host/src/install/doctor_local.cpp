#include "install/doctor_local.hpp"

#include "install/subprocess.hpp"

#include <algorithm>
#include <cctype>
#include <system_error>

#ifndef _WIN32
#include <fcntl.h>
#include <unistd.h>
#endif

namespace om::install {
namespace fs = std::filesystem;
namespace {

constexpr auto kVisionTimeout = std::chrono::seconds(20);  // loading ~120 MB of weights takes a few seconds
constexpr std::uintmax_t kPlausibleModelBytes = 1024 * 1024;

// nullopt: the subcommand is not available, decide ourselves.
std::optional<CheckResult> ask_vision(const fs::path& vision, const std::vector<std::string>& args, CheckResult r,
                                      const std::string& fix) {
  if (vision.empty()) return std::nullopt;
  const auto run = run_program(vision, args, kVisionTimeout);
  if (!run.started || run.timed_out || (run.exit_code != 0 && run.exit_code != 1)) return std::nullopt;
  auto text = run.output;
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  r.detail = "officemates-vision " + args[0] + " " + args[1] + ": " + (text.empty() ? "(no output)" : text);
  if (run.exit_code == 1) {
    r.status = CheckStatus::fail;
    r.fix = fix;
  }
  return r;
}

std::string mib(std::uintmax_t bytes) { return std::to_string((bytes + 512 * 1024) / (1024 * 1024)) + " MiB"; }

}  // namespace

CheckResult check_models(const std::vector<fs::path>& candidate_dirs, const fs::path& vision) {
  CheckResult r{"models", "recognition models present and loadable", CheckStatus::ok, "", ""};
  const std::string fix =
      "install the models: officemates-host install (copies them from the build tree; build them first), "
      "or reinstall the officemates package";
  if (auto v = ask_vision(vision, {"model", "check"}, r, fix)) return *v;

  std::error_code ec;
  std::string looked;
  for (const auto& dir : candidate_dirs) {
    looked += (looked.empty() ? "" : ", ") + dir.string();
    if (!fs::is_directory(dir, ec)) continue;
    std::uintmax_t total = 0;
    std::vector<std::string> bad;
    int plausible = 0;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      if (e.path().extension() != ".dat") continue;
      const auto size = e.file_size(ec);
      if (ec) continue;
      total += size;
      if (size >= kPlausibleModelBytes) ++plausible;
      else bad.push_back(e.path().filename().string() + " (" + std::to_string(size) + " bytes)");
    }
    if (plausible == 0 && bad.empty()) continue;  // an empty candidate: try the next one
    if (!bad.empty()) {
      r.status = CheckStatus::fail;
      r.detail = "truncated model file(s) in " + dir.string() + ": " + bad.front();
      r.fix = fix;
      return r;
    }
    r.detail = std::to_string(plausible) + " model file(s), " + mib(total) + " in " + dir.string() +
               " (sizes checked; officemates-vision model check not available)";
    return r;
  }
  r.status = CheckStatus::fail;
  r.detail = "no model files (*.dat) found in " + looked;
  r.fix = fix;
  return r;
}

CheckResult check_camera(const fs::path& device_dir, const std::string& camera_setting, const fs::path& vision) {
  CheckResult r{"camera", "camera openable", CheckStatus::ok, "", ""};
  // A video file or image directory configured as the camera (demo, tests).
  const bool is_index = !camera_setting.empty() &&
                        std::all_of(camera_setting.begin(), camera_setting.end(),
                                    [](unsigned char c) { return std::isdigit(c) != 0; });
  if (!camera_setting.empty() && !is_index) {
    std::error_code ec;
    if (fs::exists(camera_setting, ec)) {
      r.detail = "camera setting is a file source: " + camera_setting;
    } else {
      r.status = CheckStatus::fail;
      r.detail = "camera setting points at " + camera_setting + ", which does not exist";
      r.fix = "pick a camera in the extension's settings";
    }
    return r;
  }

  const std::string no_camera_fix =
      "connect a webcam (or enable it in the BIOS / privacy switch / VM settings), then run doctor again";
#ifndef _WIN32
  std::vector<fs::path> devices;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(device_dir, ec))
    if (e.path().filename().string().rfind("video", 0) == 0) devices.push_back(e.path());
  std::sort(devices.begin(), devices.end());
#ifdef __linux__
  if (devices.empty()) {
    r.status = CheckStatus::fail;
    r.detail = "no camera device (" + (device_dir / "video*").string() + ")";
    r.fix = no_camera_fix;
    return r;
  }
  const auto& dev = devices.front();
  const int fd = ::open(dev.c_str(), O_RDWR | O_NONBLOCK);
  if (fd < 0) {
    const int err = errno;
    r.status = CheckStatus::fail;
    r.detail = "cannot open " + dev.string() + ": " + std::generic_category().message(err);
    r.fix = err == EACCES ? "add yourself to the video group: sudo usermod -aG video $USER, then log in again"
                          : "close other programs using the camera, or reconnect it";
    return r;
  }
  ::close(fd);
  r.detail = dev.string() + " opens" + (devices.size() > 1 ? " (" + std::to_string(devices.size()) + " devices)" : "");
#endif
#endif
  // The worker's own probe (grabs a frame) is the stronger test when it exists.
  if (auto v = ask_vision(vision, {"camera", "probe"}, r, no_camera_fix)) return *v;
  if (r.detail.empty()) {
    r.status = CheckStatus::skip;
    r.detail = "no way to probe the camera on this OS without officemates-vision camera probe";
  }
  return r;
}

}  // namespace om::install
