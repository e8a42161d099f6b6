#include "install/self_repair.hpp"

#include "common/paths.hpp"
#include "install/installer.hpp"

#include <exception>

namespace om::install {

int repair_stale_manifests() noexcept {
  int rewritten = 0;
  try {
    const auto exe = paths::self_exe();
    if (exe.empty()) return 0;
    const auto u8 = exe.u8string();
    const std::string exe_str(u8.begin(), u8.end());
    Installer installer(real_system_io(), Platform{current_os(), roots_from_environment()});
    for (auto scope : {Scope::User, Scope::System}) {
      try {
        rewritten += installer.repair(scope, exe_str);
      } catch (const std::exception&) {
        // e.g. a system manifest not writable by this user: the package's
        // postinst owns that one; the host must start regardless.
      }
    }
  } catch (...) {
  }
  return rewritten;
}

}  // namespace om::install
