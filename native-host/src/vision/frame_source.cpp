#include "vision/frame_source.hpp"

#include <charconv>
#include <fstream>

namespace om::vision {
namespace fs = std::filesystem;

namespace {
bool all_digits(const std::string& s) {
  return !s.empty() && s.size() <= 3 && s.find_first_not_of("0123456789") == std::string::npos;
}
}  // namespace

std::unique_ptr<FrameSource> open_source(const std::string& spec, const SourceOptions& options) {
  if (all_digits(spec)) return open_camera(std::stoi(spec));
  if (spec.rfind("/dev/video", 0) == 0) return open_camera_path(spec);
  std::error_code ec;
  if (fs::is_directory(spec, ec)) return open_image_dir(spec, options.dir_fps, options.loop);
  if (!fs::exists(spec, ec)) throw SourceError("no such camera, file or directory: " + spec);
  const auto ext = fs::path(spec).extension().string();
  if (ext == ".timeline" || ext == ".txt") return open_timeline(spec);
  return open_video_file(spec, options.loop);
}

cv::Mat empty_scene() { return cv::Mat(480, 640, CV_8UC3, cv::Scalar(128, 128, 128)); }

}  // namespace om::vision
