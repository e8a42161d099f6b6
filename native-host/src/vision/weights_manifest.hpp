#pragma once
// Reads the tfjs weights manifest + binary that @vladmandic/face-api ships for
// its port of dlib's face recognition ResNet, and dequantizes every tensor to
// float32 in manifest order (which is dlib anet_type's input-to-output order).
#include <filesystem>
#include <string>
#include <vector>

namespace om::vision {

struct WeightTensor {
  std::string name;
  std::vector<int> shape;      // as in the manifest (tfjs layout: filters are HWIO)
  std::vector<float> values;   // dequantized, row-major in `shape`
};

// Throws std::runtime_error naming the tensor and the problem (unknown dtype,
// binary too short, trailing bytes).
std::vector<WeightTensor> load_tfjs_weights(const std::filesystem::path& manifest, const std::filesystem::path& weights_bin);

// HWIO [kh,kw,in,out] -> OIHW [out,in,kh,kw] (dlib con_ filter layout).
std::vector<float> hwio_to_oihw(const WeightTensor& t);

}  // namespace om::vision
