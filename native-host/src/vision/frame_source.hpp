#pragma once
// Where frames come from, behind one interface: a camera (device index or
// /dev/videoN), a video file, a directory of images played at a given fps, or
// a scripted timeline file. The last three make tests and the demo
// deterministic: they pick the frame for a given time since the start instead
// of for "now", so a test can step time itself.
#include <opencv2/core.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace om::vision {

struct FrameRead {
  enum class Status { ok, error };
  Status status = Status::ok;
  cv::Mat frame;        // BGR; empty only with error
  std::string error;    // why, for camera.error
};

class FrameSource {
 public:
  virtual ~FrameSource() = default;
  // The frame to analyse at `elapsed` since the source was opened.
  virtual FrameRead read(std::chrono::milliseconds elapsed) = 0;
  virtual std::string describe() const = 0;
};

// Thrown when a source cannot be opened (missing camera, busy, bad file).
struct SourceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct SourceOptions {
  double dir_fps = 1.0;   // image directory playback rate
  bool loop = true;       // video file / image directory start over at the end
};

// "0".."63" or "/dev/videoN" -> camera; a directory -> images; "*.timeline"
// or "*.txt" -> scripted timeline; any other file -> video. Throws SourceError.
std::unique_ptr<FrameSource> open_source(const std::string& spec, const SourceOptions& options = {});

std::unique_ptr<FrameSource> open_camera(int index);
std::unique_ptr<FrameSource> open_camera_path(const std::string& device);
std::unique_ptr<FrameSource> open_video_file(const std::filesystem::path& file, bool loop);
std::unique_ptr<FrameSource> open_image_dir(const std::filesystem::path& dir, double fps, bool loop);
std::unique_ptr<FrameSource> open_timeline(const std::filesystem::path& file);

// Scripted timeline: one `<seconds> <image|none|error>` line per change, in
// increasing time; `#` starts a comment; relative image paths are resolved
// against the timeline's directory. `none` is an empty scene (no face),
// `error` a camera failure (for recovery tests). Throws SourceError on a bad line.
struct TimelineEntry {
  double at_s = 0;
  enum class Kind { image, none, error } kind = Kind::none;
  std::filesystem::path image;
};
std::vector<TimelineEntry> parse_timeline(const std::filesystem::path& file);

// A blank scene for `none` entries, 640x480 mid grey.
cv::Mat empty_scene();

}  // namespace om::vision
