#pragma once
// Where every browser looks for a native messaging host manifest, per OS and
// scope, as ONE table (locations.cpp) instead of ifs spread over the code.
// Paths are plain strings joined with the target OS's separator so the
// Windows and macOS rows can be computed and unit tested on Linux.
#include "install/platform.hpp"

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace om::install {

// The directories a location is relative to. Real values come from the
// environment (roots_from_environment); tests pass temporary or fake ones.
struct Roots {
  std::string home;              // $HOME (Linux, macOS)
  std::string config_home;       // Linux $XDG_CONFIG_HOME, else home/.config: Chrome honours it
  std::string data_home;         // Linux $XDG_DATA_HOME, else home/.local/share
  std::string user_state;        // paths::state_dir(): where the per-user install record lives
  std::string local_app_data;    // Windows %LOCALAPPDATA%
  std::string program_data;      // Windows %ProgramData%
  std::string system_root = "/"; // POSIX "/"; OFFICEMATES_INSTALL_ROOT stages a system install elsewhere
};

Roots roots_from_environment();

struct RegistryKey {
  std::string hive;  // "HKCU" or "HKLM"
  std::string key;   // e.g. Software\Google\Chrome\NativeMessagingHosts\life.cloudoffice.officemates
  bool operator==(const RegistryKey&) const = default;
};

struct ManifestLocation {
  Browser browser;
  Scope scope;
  std::string file;                    // where the manifest JSON is written
  std::optional<RegistryKey> registry; // Windows: key whose default value = file
};

std::vector<ManifestLocation> manifest_locations(Os os, Scope scope, const Roots& roots);
ManifestLocation manifest_location(Os os, Scope scope, Browser browser, const Roots& roots);

// Where the agent finds the recognition models for this scope.
std::string models_dir(Os os, Scope scope, const Roots& roots);
// Where install writes its record of what it wrote (uninstall reads it).
std::string record_file(Os os, Scope scope, const Roots& roots);

// Joins with '\' on Windows and '/' elsewhere; never doubles a separator.
std::string join(Os os, std::string base, std::initializer_list<std::string_view> parts);
std::string join(Os os, std::string base, std::span<const std::string_view> parts);
// The directory part of `file` for the given OS ("" when there is none).
std::string parent_of(Os os, const std::string& file);

}  // namespace om::install
