#include "install/doctor.hpp"

#include "common/paths.hpp"
#include "install/doctor_agent.hpp"
#include "install/doctor_local.hpp"
#include "install/doctor_manifests.hpp"
#include "common/paths.hpp"
#include "transport/local_stream.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace om::install {
namespace fs = std::filesystem;

std::vector<CheckResult> run_all_checks() {
  const Platform platform{current_os(), roots_from_environment()};
  auto results = check_manifests(real_system_io(), platform);

  std::vector<fs::path> model_dirs{paths::model_dir()};
  if (!std::getenv("OFFICEMATES_MODEL_DIR"))
    for (auto scope : {Scope::User, Scope::System}) {
      try {
        model_dirs.emplace_back(models_dir(platform.os, scope, platform.roots));
      } catch (const std::exception&) {
      }
    }
  const auto vision = paths::sibling_executable("officemates-vision").value_or(std::filesystem::path());
  results.push_back(check_models(model_dirs, vision));

  auto agent = check_agent_and_server(transport::agent_endpoint());
  const char* dev = std::getenv("OFFICEMATES_DEVICE_DIR");
  results.push_back(check_camera(dev ? fs::path(dev) : fs::path("/dev"), agent.camera_setting, vision));
  results.insert(results.end(), agent.results.begin(), agent.results.end());
  return results;
}

int doctor(bool json) {
  const auto results = run_all_checks();
  bool failed = false;
  for (const auto& r : results) failed = failed || r.status == CheckStatus::fail;

  if (json) {
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& r : results) checks.push_back(to_json(r));
    std::cout << nlohmann::json{{"ok", !failed}, {"checks", checks}}.dump(2) << "\n";
  } else {
    std::cout << "OfficeMates doctor\n";
    for (const auto& r : results) {
      const char* mark = r.status == CheckStatus::ok     ? "[ok]  "
                         : r.status == CheckStatus::fail ? "[FAIL]"
                         : r.status == CheckStatus::warn ? "[warn]"
                                                         : "[skip]";
      std::cout << "  " << mark << " " << r.title << ": " << r.detail << "\n";
      if (!r.fix.empty()) std::cout << "         fix: " << r.fix << "\n";
    }
    std::cout << (failed ? "Some checks failed.\n" : "Everything looks fine.\n");
  }
  return failed ? 1 : 0;
}

}  // namespace om::install
