#pragma once
// Where the host keeps things. Environment variables override every location
// so tests and the demo run in throw-away directories.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace om::paths {

// Per-user durable state (state.json, enrolment.json, outbox.jsonl, logs).
// OFFICEMATES_STATE_DIR, else $XDG_STATE_HOME/officemates, else ~/.local/state/officemates
// (macOS: ~/Library/Application Support/OfficeMates, Windows: %LOCALAPPDATA%\OfficeMates).
std::filesystem::path state_dir();

// Per-user runtime directory for the agent socket and lock, mode 0700.
// OFFICEMATES_RUNTIME_DIR, else $XDG_RUNTIME_DIR/officemates, else a private
// /tmp/officemates-<uid> directory.
std::filesystem::path runtime_dir();

// Directory holding the recognition models: OFFICEMATES_MODEL_DIR, else the
// first that exists of the per-user install (~/.local/share/officemates/models),
// the package's share/officemates/models next to bin/ or lib/officemates/, and
// the build tree's data/models.
std::filesystem::path model_dir();

// Absolute path of the running executable (Linux, macOS, Windows); empty if unknown.
std::filesystem::path self_exe();

// The other OfficeMates executables: <dir of this exe>/<name> (build tree:
// one bin dir), else <dir>/../lib/officemates/<name> (package layout:
// bin/officemates-host, lib/officemates/officemates-{agent,vision}).
// nullopt when neither exists as an executable file.
std::optional<std::filesystem::path> sibling_executable(std::string_view name);

// Creates `dir` (and parents) and restricts it to the owner. Throws on failure
// or when an existing directory is owned by someone else.
void ensure_private_dir(const std::filesystem::path& dir);

}  // namespace om::paths
