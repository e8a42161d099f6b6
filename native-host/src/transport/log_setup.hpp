#pragma once
// Logging for one host process: stderr plus a size-capped rotating file in
// the state directory. Never stdout: in bridge mode stdout is the protocol.
#include <filesystem>
#include <string>

namespace om::transport {

// `file_name` inside paths::state_dir(); if the file cannot be opened, logs go
// to stderr only.
void setup_logging(const std::string& logger_name, const std::string& file_name);

}  // namespace om::transport
