#include "common/paths.hpp"

#include <cstdlib>
#include <stdexcept>
#include <system_error>
#include <vector>

#if defined(_WIN32)
#include <windows.h>
#else
#include <sys/stat.h>
#include <unistd.h>
#endif
#if defined(__APPLE__)
#include <mach-o/dyld.h>
#include <cstdint>
#endif

namespace om::paths {
namespace fs = std::filesystem;

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

fs::path home() {
#ifdef _WIN32
  return fs::path(env("USERPROFILE"));
#else
  auto h = env("HOME");
  return h.empty() ? fs::path("/tmp") : fs::path(h);
#endif
}
}  // namespace

fs::path state_dir() {
  if (auto v = env("OFFICEMATES_STATE_DIR"); !v.empty()) return v;
#if defined(_WIN32)
  return fs::path(env("LOCALAPPDATA")) / "OfficeMates";
#elif defined(__APPLE__)
  return home() / "Library" / "Application Support" / "OfficeMates";
#else
  if (auto v = env("XDG_STATE_HOME"); !v.empty()) return fs::path(v) / "officemates";
  return home() / ".local" / "state" / "officemates";
#endif
}

fs::path runtime_dir() {
  if (auto v = env("OFFICEMATES_RUNTIME_DIR"); !v.empty()) return v;
#if defined(_WIN32)
  return fs::path(env("LOCALAPPDATA")) / "OfficeMates" / "run";
#else
  if (auto v = env("XDG_RUNTIME_DIR"); !v.empty()) return fs::path(v) / "officemates";
  return fs::temp_directory_path() / ("officemates-" + std::to_string(::getuid()));
#endif
}

fs::path self_exe() {
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
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : p;
#endif
}

std::optional<fs::path> sibling_executable(std::string_view name) {
  const auto dir = self_exe().parent_path();
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

fs::path model_dir() {
  if (auto v = env("OFFICEMATES_MODEL_DIR"); !v.empty()) return v;
  const auto exe_dir = self_exe().parent_path();
  std::vector<fs::path> candidates;
#if !defined(_WIN32) && !defined(__APPLE__)
  // Per-user install (`officemates-host install` copies the models here).
  if (auto v = env("XDG_DATA_HOME"); !v.empty()) candidates.push_back(fs::path(v) / "officemates" / "models");
  candidates.push_back(home() / ".local" / "share" / "officemates" / "models");
#endif
  candidates.push_back(exe_dir / ".." / "share" / "officemates" / "models");        // /usr/bin/officemates-host
  candidates.push_back(exe_dir / ".." / ".." / "share" / "officemates" / "models"); // /usr/lib/officemates/*
  candidates.push_back(exe_dir / ".." / "data" / "models");                         // build tree: build/<preset>/bin
  for (const auto& candidate : candidates) {
    std::error_code ec;
    if (fs::is_directory(candidate, ec)) return fs::weakly_canonical(candidate, ec);
  }
  return exe_dir / ".." / "share" / "officemates" / "models";
}

void ensure_private_dir(const fs::path& dir) {
  fs::create_directories(dir);
#ifndef _WIN32
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) throw std::system_error(errno, std::generic_category(), dir.string());
  if (st.st_uid != ::getuid()) throw std::runtime_error(dir.string() + " is owned by another user");
  if ((st.st_mode & 0777) != 0700 && ::chmod(dir.c_str(), 0700) != 0)
    throw std::system_error(errno, std::generic_category(), "chmod 0700 " + dir.string());
#endif
}

}  // namespace om::paths
