#include "vision/face_observer.hpp"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace om::vision {
namespace {

double moved(const dlib::rectangle& a, const dlib::rectangle& b) {
  const double dx = double(dlib::center(a).x() - dlib::center(b).x());
  const double dy = double(dlib::center(a).y() - dlib::center(b).y());
  return std::sqrt(dx * dx + dy * dy) / double(std::max<long>(1, a.width()));
}

// Zero-mean, unit-norm 32x32 grey thumbnail: dot product = correlation.
cv::Mat thumbnail(const Chip& chip) {
  cv::Mat grey, small, f;
  cv::cvtColor(chip_to_bgr(chip), grey, cv::COLOR_BGR2GRAY);
  cv::resize(grey, small, cv::Size(32, 32), 0, 0, cv::INTER_AREA);
  small.convertTo(f, CV_32F);
  f -= cv::mean(f)[0];
  const double n = cv::norm(f);
  if (n > 0) f /= n;
  return f;
}

}  // namespace

FrameObservation FaceObserver::observe(const cv::Mat& bgr) { return observe(analyzer_.prepare(bgr)); }

FrameObservation FaceObserver::observe(const PreparedFrame& f) {
  ++frame_no_;
  FrameObservation o;
  o.enhanced = f.enhanced;

  // Nobody was there and nothing moved: the HOG scan (the costliest stage,
  // ~20-30 ms) would find nobody again. Keeps the idle camera near 0 % CPU.
  cv::Mat scene;
  {
    cv::Mat grey;
    cv::cvtColor(f.bgr, grey, cv::COLOR_BGR2GRAY);
    cv::resize(grey, scene, cv::Size(64, 48), 0, 0, cv::INTER_AREA);
  }
  if (!track_ && !empty_scene_.empty() && frames_since_empty_check_ + 1 < config_.empty_check_every &&
      cv::norm(scene, empty_scene_, cv::NORM_L1) / double(scene.total()) < config_.still_scene_diff) {
    ++frames_since_empty_check_;
    o.kind = "no_face";
    o.gated = true;
    return o;
  }

  std::vector<DetectedFace> faces;
  const bool scan_whole = !track_ || frame_no_ % config_.full_scan_every == 0;
  if (!scan_whole) {
    // Search a window twice the box's size around the tracked face (at
    // 500 ms a sitting person moves far less); ~1/3 of a 640x480 frame.
    faces = analyzer_.detect(f, dlib::grow_rect(track_->box, track_->box.width() / 2));
    if (faces.size() != 1) faces = analyzer_.detect(f);  // lost it or crowded: look everywhere
  } else {
    faces = analyzer_.detect(f);
  }
  o.faces = static_cast<int>(faces.size());
  empty_scene_ = faces.empty() ? scene : cv::Mat();
  frames_since_empty_check_ = 0;
  if (faces.empty()) {
    track_.reset();
    o.kind = "no_face";
    return o;
  }
  if (enrolment_.empty()) {
    // Nobody to compare with: no face can be "the user", so no descriptor is needed.
    track_.reset();
    o.kind = "face_other";
    o.not_enrolled = true;
    o.box = faces.front().box;
    return o;
  }

  // One face that is the tracked one, moved little, looks the same, identity
  // recent: reuse the identity instead of running the ResNet.
  std::vector<Chip> chips;
  for (const auto& face : faces) chips.push_back(analyzer_.chip(f, face));
  cv::Mat thumb = faces.size() == 1 ? thumbnail(chips[0]) : cv::Mat();
  if (faces.size() == 1 && track_ && moved(track_->box, faces[0].box) <= config_.max_move_fraction &&
      track_->frames_since_described + 1 < config_.redescribe_every &&
      thumb.dot(track_->thumb) >= config_.min_similarity) {
    ++track_->frames_since_described;
    track_->box = faces[0].box;
    o.kind = track_->identity.matched ? "face_matched" : "face_other";
    o.distance = track_->identity.distance;
    o.box = faces[0].box;
    return o;
  }

  const auto descriptors = analyzer_.describe(chips);
  o.described = true;
  std::size_t best = 0;
  Match best_match;
  best_match.distance = 1e9;
  for (std::size_t i = 0; i < descriptors.size(); ++i) {
    const Match m = match(enrolment_, descriptors[i], config_.threshold);
    if (m.distance < best_match.distance) {
      best_match = m;
      best = i;
    }
  }
  o.kind = best_match.matched ? "face_matched" : "face_other";
  o.distance = best_match.distance;
  o.onlooker = best_match.matched && faces.size() > 1;
  o.box = faces[best].box;
  if (faces.size() == 1)
    track_ = Track{faces[0].box, best_match, 0, thumb};
  else
    track_.reset();  // crowds are re-described every frame: identities could swap
  return o;
}

}  // namespace om::vision
