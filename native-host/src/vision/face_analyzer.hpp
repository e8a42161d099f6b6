#pragma once
// One frame in, faces out (DESIGN.md section 4): downscale to max side 640,
// CLAHE when the frame is dark, dlib HOG detection, 68-point landmarks,
// aligned 150x150 chip (padding 0.25), 128-D ResNet descriptor on demand.
#include "vision/face_net.hpp"

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <opencv2/core.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace om::vision {

struct AnalyzerConfig {
  int max_side = 640;               // frames are downscaled to this first
  double low_light_luma = 60.0;     // mean luma under this -> CLAHE before detection
  int upsample_below_side = 0;      // frames whose longer side is under this get one pyramid upsample
};

// A frame after downscaling (and CLAHE), ready for detection.
struct PreparedFrame {
  cv::Mat bgr;          // downscaled (CLAHE-enhanced when dark); owns pixels
  double scale = 1.0;   // prepared = original * scale
  double mean_luma = 0; // before enhancement
  bool enhanced = false;
};

struct DetectedFace {
  dlib::rectangle box;                  // in prepared-frame pixels
  dlib::full_object_detection shape;    // 68 landmarks
};

struct ModelFiles {
  std::filesystem::path shape_predictor;  // shape_predictor_68_face_landmarks.dat
  std::filesystem::path recognition;      // dlib_face_recognition_resnet_model_v1.dat
  static ModelFiles in(const std::filesystem::path& dir);
};

class FaceAnalyzer {
 public:
  // Throws std::runtime_error naming a missing model file (MODEL_MISSING).
  explicit FaceAnalyzer(const ModelFiles& models, AnalyzerConfig config = {});

  PreparedFrame prepare(const cv::Mat& bgr) const;
  // Faces in the whole frame, or only inside `roi` (a cheap search around a
  // face being tracked); boxes are in prepared-frame coordinates either way.
  std::vector<DetectedFace> detect(const PreparedFrame& f, std::optional<dlib::rectangle> roi = std::nullopt);
  dlib::full_object_detection landmarks(const PreparedFrame& f, const dlib::rectangle& box);
  Chip chip(const PreparedFrame& f, const DetectedFace& face) const;
  std::vector<Descriptor> describe(const std::vector<Chip>& chips) { return net_->describe(chips); }

  const AnalyzerConfig& config() const { return config_; }

 private:
  AnalyzerConfig config_;
  dlib::frontal_face_detector detector_;
  dlib::shape_predictor predictor_;
  std::unique_ptr<FaceNet> net_;
};

// Quality of a face for enrolment: size, brightness, sharpness (variance of
// the Laplacian of the grey chip, so it does not depend on the face's size).
struct FaceQuality {
  long side = 0;
  double luma = 0;
  double sharpness = 0;
};
FaceQuality measure_quality(const PreparedFrame& f, const DetectedFace& face, const Chip& chip);

cv::Mat chip_to_bgr(const Chip& chip);

// Which BLAS dlib's matrix products run on (from the loaded libraries), for the log.
std::string blas_in_use();

}  // namespace om::vision
