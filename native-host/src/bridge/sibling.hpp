#pragma once
// Finds the other host executables. Installed layout: bin/officemates-host and
// lib/officemates/officemates-{agent,vision}; build tree: all in one bin dir.
#include <filesystem>
#include <optional>
#include <string_view>

namespace om::bridge {

// <dir of this exe>/<name>, else <dir>/../lib/officemates/<name>; nullopt if neither is executable.
std::optional<std::filesystem::path> find_sibling(std::string_view name);

}  // namespace om::bridge
