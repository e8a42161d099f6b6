#pragma once
// Turns frames into presence observations for the enrolled person, cheaply:
// while one face is tracked it searches only around the last box and reuses
// the last identity; it re-describes when the box jumped, when the face count
// changed, or every `redescribe_every` frames, and scans the whole frame every
// `full_scan_every` frames so a newcomer (onlooker) is not missed. A 32x32
// thumbnail of the aligned chip (0.3 ms) guards the reuse: if it no longer
// correlates with the face last described (someone else sat down in the same
// place), the face is described again at once.
#include "vision/enrolment.hpp"
#include "vision/face_analyzer.hpp"

#include <optional>
#include <string>

namespace om::vision {

struct ObserverConfig {
  double threshold = 0.6;
  int redescribe_every = 6;      // frames (~3 s at 2 fps)
  int full_scan_every = 4;       // frames
  double max_move_fraction = 0.35;  // of the box side, between two frames
  double min_similarity = 0.85;     // thumbnail correlation with the last described face
  // Nobody in view and the scene unchanged (mean |difference| of a 64x48 grey
  // thumbnail under this many grey levels): skip detection, still no_face.
  // A full detection runs at least every `empty_check_every` frames anyway.
  double still_scene_diff = 3.0;
  int empty_check_every = 5;
};

struct FrameObservation {
  std::string kind;                // face_matched | face_other | no_face
  std::optional<double> distance;  // nearest enrolled distance of the best face
  int faces = 0;
  bool onlooker = false;           // matched with other faces in view
  bool described = false;          // a descriptor was computed this frame
  bool enhanced = false;           // low light: CLAHE applied
  bool not_enrolled = false;       // faces seen but nobody to compare with
  bool gated = false;              // empty, unchanged scene: detection skipped
  std::optional<dlib::rectangle> box;  // the reported face, prepared-frame pixels
};

class FaceObserver {
 public:
  FaceObserver(FaceAnalyzer& analyzer, ObserverConfig config) : analyzer_(analyzer), config_(config) {}

  void set_enrolment(Enrolment e) { enrolment_ = std::move(e); track_.reset(); }
  void set_threshold(double t) { config_.threshold = t; track_.reset(); }
  const Enrolment& enrolment() const { return enrolment_; }

  FrameObservation observe(const cv::Mat& bgr);
  FrameObservation observe(const PreparedFrame& f);

 private:
  struct Track {
    dlib::rectangle box;
    Match identity;
    int frames_since_described = 0;
    cv::Mat thumb;  // normalised 32x32 grey of the described chip
  };
  FaceAnalyzer& analyzer_;
  ObserverConfig config_;
  Enrolment enrolment_;
  std::optional<Track> track_;
  int frame_no_ = 0;
  cv::Mat empty_scene_;            // thumbnail of the last scene where detection found nobody
  int frames_since_empty_check_ = 0;
};

}  // namespace om::vision
