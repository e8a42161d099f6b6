#pragma once
// dlib's 128-D face recognition ResNet (anet_type of dnn_face_recognition_ex.cpp).
// The network type is defined in face_net.cpp only: dlib DNN templates are
// slow to compile, so exactly one translation unit instantiates them.
#include "vision/weights_manifest.hpp"

#include <dlib/image_processing/full_object_detection.h>
#include <dlib/matrix.h>
#include <dlib/pixel.h>

#include <array>
#include <filesystem>
#include <memory>
#include <vector>

namespace om::vision {

using Descriptor = std::array<float, 128>;
using Chip = dlib::matrix<dlib::rgb_pixel>;  // aligned 150x150 face chip

class FaceNet {
 public:
  // Throws std::runtime_error when the file is missing or not an anet_type model.
  static std::unique_ptr<FaceNet> load(const std::filesystem::path& dat);
  virtual ~FaceNet() = default;
  virtual std::vector<Descriptor> describe(const std::vector<Chip>& chips) = 0;
};

struct ConvertOptions {
  // face-api (vladmandic) normalises input by /255, dlib by /256. Scaling the
  // first convolution's filters by 256/255 makes dlib reproduce face-api's
  // descriptors (< 1e-6 apart) instead of differing by up to ~1.5e-3.
  bool match_face_api_255 = true;
};

// Builds the dlib network from face-api's tensors (load_tfjs_weights order) and
// serializes it. Throws naming the tensor that does not map.
void convert_face_api_weights(const std::vector<WeightTensor>& tensors, const std::filesystem::path& out_dat,
                              const ConvertOptions& options = {});

float distance(const Descriptor& a, const Descriptor& b);

}  // namespace om::vision
