#pragma once
// Faces from package photos for the vision tests, made once per build tree in
// ${OFFICEMATES_DATA_DIR}/test-media (cropped from node_modules'
// @vladmandic/face-api demo photos; nothing downloaded, nothing committed).
#include "vision/package_media.hpp"

#include <filesystem>
#include <string>

namespace om::vision::testing {

struct TestEnv {
  std::filesystem::path bin_dir, source_dir, data_dir, models_dir, vision_exe;
};
const TestEnv& env();
const DemoMedia& media();

// A fresh directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& tag);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs a program with arguments (no shell), capturing stdout and stderr.
RunResult run(const std::filesystem::path& exe, const std::vector<std::string>& args);

}  // namespace om::vision::testing
