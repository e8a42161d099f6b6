#pragma once
// `officemates-vision worker`: the camera process the agent starts while the
// camera is needed. Speaks length-prefixed JSON frames on stdin/stdout
// (WORKER-PROTOCOL.md); logs go to stderr only.
#include <filesystem>

namespace om::vision {

struct WorkerOptions {
  std::filesystem::path model_dir;
  int blas_threads = 1;  // one core is plenty at 1-2 fps and keeps the machine quiet
};

// Returns the process exit code: 0 after "stop" or end of input, 3 when a
// model is missing.
int run_worker(int in_fd, int out_fd, const WorkerOptions& options);

}  // namespace om::vision
