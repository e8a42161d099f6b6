#pragma once
// Runs a helper program (officemates-vision's check subcommands) with a time
// limit and captures what it printed.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace om::install {

struct RunResult {
  bool started = false;
  bool timed_out = false;
  int exit_code = -1;
  std::string output;  // stdout and stderr, merged
};

RunResult run_program(const std::filesystem::path& exe, const std::vector<std::string>& args,
                      std::chrono::milliseconds timeout);

}  // namespace om::install
