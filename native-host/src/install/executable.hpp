#pragma once
// Where the running host is, and where its sibling programs are.
#include <filesystem>
#include <string_view>

namespace om::install {

// Absolute path of the running executable on Linux, macOS and Windows
// (paths::self_exe() covers Linux only).
std::filesystem::path running_executable();

// officemates-agent / officemates-vision next to the host (build tree:
// bin/), or in the package layout (/usr/bin/officemates-host ->
// /usr/lib/officemates/<name>). Empty when not found.
std::filesystem::path sibling_executable(std::string_view name);

}  // namespace om::install
