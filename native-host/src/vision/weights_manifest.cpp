#include "vision/weights_manifest.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace om::vision {
namespace {

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t element_count(const std::vector<int>& shape) {
  std::size_t n = 1;
  for (int d : shape) n *= static_cast<std::size_t>(d);
  return n;
}

}  // namespace

std::vector<WeightTensor> load_tfjs_weights(const std::filesystem::path& manifest, const std::filesystem::path& weights_bin) {
  const auto groups = nlohmann::json::parse(read_all(manifest));
  const std::string bin = read_all(weights_bin);
  std::vector<WeightTensor> out;
  std::size_t offset = 0;
  for (const auto& group : groups) {
    for (const auto& w : group.at("weights")) {
      WeightTensor t;
      t.name = w.at("name").get<std::string>();
      t.shape = w.at("shape").get<std::vector<int>>();
      const std::size_t n = element_count(t.shape);
      t.values.resize(n);
      // Quantized tensors store q (uint8/uint16) and dequantize as q*scale + min;
      // the rest are plain little-endian float32. The dtype is per tensor.
      std::string stored = w.value("dtype", "float32");
      double scale = 1, min = 0;
      if (w.contains("quantization")) {
        const auto& q = w.at("quantization");
        stored = q.at("dtype").get<std::string>();
        scale = q.at("scale").get<double>();
        min = q.at("min").get<double>();
      }
      const std::size_t width = stored == "uint8" ? 1 : stored == "uint16" ? 2 : stored == "float32" ? 4 : 0;
      if (width == 0) throw std::runtime_error(t.name + ": unsupported dtype " + stored);
      if (offset + n * width > bin.size())
        throw std::runtime_error(t.name + ": weights file ends early (need " + std::to_string(offset + n * width) +
                                 " bytes, have " + std::to_string(bin.size()) + ")");
      const auto* p = reinterpret_cast<const unsigned char*>(bin.data() + offset);
      for (std::size_t i = 0; i < n; ++i) {
        if (width == 1) {
          t.values[i] = static_cast<float>(p[i] * scale + min);
        } else if (width == 2) {
          std::uint16_t q;
          std::memcpy(&q, p + 2 * i, 2);
          t.values[i] = static_cast<float>(q * scale + min);
        } else {
          std::memcpy(&t.values[i], p + 4 * i, 4);
        }
      }
      offset += n * width;
      out.push_back(std::move(t));
    }
  }
  if (offset != bin.size())
    throw std::runtime_error("weights file has " + std::to_string(bin.size() - offset) + " unexplained trailing bytes");
  return out;
}

std::vector<float> hwio_to_oihw(const WeightTensor& t) {
  if (t.shape.size() != 4) throw std::runtime_error(t.name + ": expected a 4-D HWIO filter tensor");
  const std::size_t kh = static_cast<std::size_t>(t.shape[0]), kw = static_cast<std::size_t>(t.shape[1]);
  const std::size_t ci = static_cast<std::size_t>(t.shape[2]), co = static_cast<std::size_t>(t.shape[3]);
  std::vector<float> r(t.values.size());
  for (std::size_t y = 0; y < kh; ++y)
    for (std::size_t x = 0; x < kw; ++x)
      for (std::size_t i = 0; i < ci; ++i)
        for (std::size_t o = 0; o < co; ++o)
          r[((o * ci + i) * kh + y) * kw + x] = t.values[((y * kw + x) * ci + i) * co + o];
  return r;
}

}  // namespace om::vision
