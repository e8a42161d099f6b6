#pragma once
// Live enrolment from the camera: only frames with exactly one face that is
// big, bright and sharp enough count. A second face pauses (with a message),
// a dark / blurred / small / absent face skips the frame with a reason.
#include "vision/face_analyzer.hpp"

#include <string>
#include <vector>

namespace om::vision {

struct EnrolQuality {
  long min_side = 80;         // face box side in the (<= 640 px) prepared frame
  double min_luma = 45;       // mean grey level of the aligned chip
  double min_sharpness = 25;  // variance of the Laplacian of the grey chip
};

struct EnrolStep {
  bool accepted = false;
  bool paused = false;          // several faces: waits until only one is in view
  std::string skipped_reason;   // no_face | several_faces | too_small | too_dark | blurred
  std::string message;          // for the person, English
  std::vector<dlib::rectangle> boxes;  // faces seen (for the preview)
};

class EnrolSession {
 public:
  EnrolSession(FaceAnalyzer& analyzer, int total, EnrolQuality quality = {})
      : analyzer_(analyzer), total_(total), quality_(quality) {}
  EnrolStep feed(const PreparedFrame& f);
  int done() const { return static_cast<int>(descriptors_.size()); }
  int total() const { return total_; }
  bool complete() const { return done() >= total_; }
  const std::vector<Descriptor>& descriptors() const { return descriptors_; }

 private:
  FaceAnalyzer& analyzer_;
  int total_;
  EnrolQuality quality_;
  std::vector<Descriptor> descriptors_;
};

}  // namespace om::vision
