#include "bridge/sibling.hpp"

#include "common/paths.hpp"

#include <string>

#ifndef _WIN32
#include <unistd.h>
#endif

namespace om::bridge {
namespace fs = std::filesystem;

std::optional<fs::path> find_sibling(std::string_view name) {
  const auto dir = paths::self_exe().parent_path();
  std::string file(name);
#ifdef _WIN32
  file += ".exe";
#endif
  for (const auto& candidate : {dir / file, dir / ".." / "lib" / "officemates" / file}) {
    std::error_code ec;
    if (!fs::is_regular_file(candidate, ec)) continue;
#ifndef _WIN32
    if (::access(candidate.c_str(), X_OK) != 0) continue;
#endif
    return fs::weakly_canonical(candidate, ec);
  }
  return std::nullopt;
}

}  // namespace om::bridge
