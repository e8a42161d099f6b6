#include "install/executable.hpp"

#include "common/paths.hpp"

#include <string>
#include <system_error>

#if defined(_WIN32)
#include <windows.h>
#elif defined(__APPLE__)
#include <mach-o/dyld.h>
#include <cstdint>
#endif

namespace om::install {
namespace fs = std::filesystem;

fs::path running_executable() {
#if defined(_WIN32)
  std::wstring buf(32768, L'\0');
  const auto n = GetModuleFileNameW(nullptr, buf.data(), static_cast<DWORD>(buf.size()));
  buf.resize(n);
  return fs::path(buf);
#elif defined(__APPLE__)
  std::uint32_t size = 0;
  _NSGetExecutablePath(nullptr, &size);
  std::string buf(size, '\0');
  if (_NSGetExecutablePath(buf.data(), &size) != 0) return {};
  std::error_code ec;
  auto p = fs::canonical(fs::path(buf.c_str()), ec);
  return ec ? fs::path(buf.c_str()) : p;
#else
  return paths::self_exe();
#endif
}

fs::path sibling_executable(std::string_view name) {
  const auto dir = running_executable().parent_path();
  std::string file(name);
#ifdef _WIN32
  file += ".exe";
#endif
  for (const auto& candidate : {dir / file, dir / ".." / "lib" / "officemates" / file}) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return fs::weakly_canonical(candidate, ec);
  }
  return {};
}

}  // namespace om::install
