#include "vision/enrol_session.hpp"

namespace om::vision {

EnrolStep EnrolSession::feed(const PreparedFrame& f) {
  EnrolStep s;
  const auto faces = analyzer_.detect(f);
  for (const auto& face : faces) s.boxes.push_back(face.box);
  if (faces.empty()) {
    s.skipped_reason = "no_face";
    s.message = "No face in view: look at the camera.";
    return s;
  }
  if (faces.size() > 1) {
    s.paused = true;
    s.skipped_reason = "several_faces";
    s.message = "Enrolment paused: " + std::to_string(faces.size()) +
                " faces in view. Only the person enrolling may be in front of the camera.";
    return s;
  }
  const Chip chip = analyzer_.chip(f, faces[0]);
  const FaceQuality q = measure_quality(f, faces[0], chip);
  if (q.side < quality_.min_side) {
    s.skipped_reason = "too_small";
    s.message = "Face too small: come closer to the camera.";
  } else if (q.luma < quality_.min_luma) {
    s.skipped_reason = "too_dark";
    s.message = "Too dark: add light in front of you.";
  } else if (q.sharpness < quality_.min_sharpness) {
    s.skipped_reason = "blurred";
    s.message = "Image blurred: hold still.";
  } else {
    descriptors_.push_back(analyzer_.describe({chip}).at(0));
    s.accepted = true;
  }
  return s;
}

}  // namespace om::vision
