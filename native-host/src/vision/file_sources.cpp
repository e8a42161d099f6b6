// Deterministic sources: video file, image directory, scripted timeline. Each
// picks the frame for the elapsed time, so playback follows the clock.
#include "vision/frame_source.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace om::vision {
namespace fs = std::filesystem;

namespace {

class VideoFileSource final : public FrameSource {
 public:
  VideoFileSource(fs::path file, bool loop) : file_(std::move(file)), loop_(loop), cap_(file_.string()) {
    if (!cap_.isOpened()) throw SourceError(file_.string() + ": cannot open as a video");
    fps_ = cap_.get(cv::CAP_PROP_FPS);
    if (!(fps_ > 0 && fps_ < 1000)) fps_ = 25;
    frames_ = static_cast<long>(cap_.get(cv::CAP_PROP_FRAME_COUNT));
  }
  FrameRead read(std::chrono::milliseconds elapsed) override {
    long want = static_cast<long>(double(elapsed.count()) * fps_ / 1000.0);
    if (loop_ && frames_ > 0) want %= frames_;
    if (want < pos_) {  // looped (or asked for the past): rewind
      cap_.set(cv::CAP_PROP_POS_FRAMES, 0);
      pos_ = 0;
    }
    FrameRead r;
    // grab() skips frames without converting them; only the wanted one is retrieved.
    while (pos_ <= want) {
      if (!cap_.grab()) break;
      ++pos_;
    }
    if (pos_ > 0 && cap_.retrieve(r.frame) && !r.frame.empty()) {
      last_ = r.frame;
      return r;
    }
    if (!last_.empty()) {  // past the end without looping: hold the last frame
      r.frame = last_;
      return r;
    }
    r.status = FrameRead::Status::error;
    r.error = file_.string() + ": no frame could be decoded";
    return r;
  }
  std::string describe() const override { return "video " + file_.string(); }

 private:
  fs::path file_;
  bool loop_;
  cv::VideoCapture cap_;
  double fps_ = 25;
  long frames_ = 0;
  long pos_ = 0;  // frames grabbed so far
  cv::Mat last_;
};

class ImageDirSource final : public FrameSource {
 public:
  ImageDirSource(fs::path dir, double fps, bool loop) : dir_(std::move(dir)), fps_(fps), loop_(loop) {
    for (const auto& e : fs::directory_iterator(dir_)) {
      auto ext = e.path().extension().string();
      std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
      if (ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".bmp") files_.push_back(e.path());
    }
    std::sort(files_.begin(), files_.end());
    if (files_.empty()) throw SourceError(dir_.string() + ": no .jpg/.png/.bmp images");
    if (!(fps_ > 0)) throw SourceError("image directory fps must be > 0");
  }
  FrameRead read(std::chrono::milliseconds elapsed) override {
    auto i = static_cast<std::size_t>(double(elapsed.count()) * fps_ / 1000.0);
    i = loop_ ? i % files_.size() : std::min(i, files_.size() - 1);
    FrameRead r;
    if (i != current_) {
      cached_ = cv::imread(files_[i].string(), cv::IMREAD_COLOR);
      current_ = i;
    }
    if (cached_.empty()) {
      r.status = FrameRead::Status::error;
      r.error = files_[i].string() + ": cannot decode image";
      current_ = SIZE_MAX;
      return r;
    }
    r.frame = cached_;
    return r;
  }
  std::string describe() const override { return "images " + dir_.string(); }

 private:
  fs::path dir_;
  double fps_;
  bool loop_;
  std::vector<fs::path> files_;
  std::size_t current_ = SIZE_MAX;
  cv::Mat cached_;
};

class TimelineSource final : public FrameSource {
 public:
  explicit TimelineSource(fs::path file) : file_(std::move(file)), entries_(parse_timeline(file_)) {
    for (const auto& e : entries_)
      if (e.kind == TimelineEntry::Kind::image && !images_.count(e.image)) {
        cv::Mat m = cv::imread(e.image.string(), cv::IMREAD_COLOR);
        if (m.empty()) throw SourceError(file_.string() + ": cannot decode " + e.image.string());
        images_[e.image] = m;
      }
  }
  FrameRead read(std::chrono::milliseconds elapsed) override {
    const double t = double(elapsed.count()) / 1000.0;
    const TimelineEntry* cur = nullptr;
    for (const auto& e : entries_)
      if (e.at_s <= t) cur = &e;
    FrameRead r;
    if (!cur || cur->kind == TimelineEntry::Kind::none) {
      r.frame = empty_scene();
    } else if (cur->kind == TimelineEntry::Kind::error) {
      r.status = FrameRead::Status::error;
      r.error = "scripted camera failure at " + std::to_string(cur->at_s) + " s";
    } else {
      r.frame = images_.at(cur->image);
    }
    return r;
  }
  std::string describe() const override { return "timeline " + file_.string(); }

 private:
  fs::path file_;
  std::vector<TimelineEntry> entries_;
  std::map<fs::path, cv::Mat> images_;
};

}  // namespace

std::unique_ptr<FrameSource> open_video_file(const fs::path& file, bool loop) {
  return std::make_unique<VideoFileSource>(file, loop);
}
std::unique_ptr<FrameSource> open_image_dir(const fs::path& dir, double fps, bool loop) {
  return std::make_unique<ImageDirSource>(dir, fps, loop);
}
std::unique_ptr<FrameSource> open_timeline(const fs::path& file) { return std::make_unique<TimelineSource>(file); }

std::vector<TimelineEntry> parse_timeline(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw SourceError("cannot read timeline " + file.string());
  std::vector<TimelineEntry> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream ls(line);
    std::string what;
    TimelineEntry e;
    if (!(ls >> e.at_s)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      throw SourceError(file.string() + ":" + std::to_string(n) + ": expected `<seconds> <image|none|error>`");
    }
    if (!(ls >> what)) throw SourceError(file.string() + ":" + std::to_string(n) + ": missing image, none or error");
    if (!out.empty() && e.at_s < out.back().at_s)
      throw SourceError(file.string() + ":" + std::to_string(n) + ": times must not decrease");
    if (what == "none") {
      e.kind = TimelineEntry::Kind::none;
    } else if (what == "error") {
      e.kind = TimelineEntry::Kind::error;
    } else {
      e.kind = TimelineEntry::Kind::image;
      e.image = fs::path(what).is_absolute() ? fs::path(what) : file.parent_path() / what;
    }
    out.push_back(e);
  }
  return out;
}

}  // namespace om::vision
