#include "vision/face_net.hpp"

#include <dlib/dnn.h>

#include <cmath>
#include <stdexcept>
#include <string>

namespace om::vision {
namespace {
// --- dlib_face_recognition_resnet_model_v1, verbatim from dlib's example ---
template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual = dlib::add_prev1<block<N, BN, 1, dlib::tag1<SUBNET>>>;
template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual_down = dlib::add_prev2<dlib::avg_pool<2, 2, 2, 2, dlib::skip1<dlib::tag2<block<N, BN, 2, dlib::tag1<SUBNET>>>>>>;
template <int N, template <typename> class BN, int stride, typename SUBNET>
using block = BN<dlib::con<N, 3, 3, 1, 1, dlib::relu<BN<dlib::con<N, 3, 3, stride, stride, SUBNET>>>>>;
template <int N, typename SUBNET> using ares = dlib::relu<residual<block, N, dlib::affine, SUBNET>>;
template <int N, typename SUBNET> using ares_down = dlib::relu<residual_down<block, N, dlib::affine, SUBNET>>;
template <typename SUBNET> using alevel0 = ares_down<256, SUBNET>;
template <typename SUBNET> using alevel1 = ares<256, ares<256, ares_down<256, SUBNET>>>;
template <typename SUBNET> using alevel2 = ares<128, ares<128, ares_down<128, SUBNET>>>;
template <typename SUBNET> using alevel3 = ares<64, ares<64, ares<64, ares_down<64, SUBNET>>>>;
template <typename SUBNET> using alevel4 = ares<32, ares<32, ares<32, SUBNET>>>;
using anet_type = dlib::loss_metric<dlib::fc_no_bias<128, dlib::avg_pool_everything<alevel0<alevel1<alevel2<alevel3<alevel4<
    dlib::max_pool<3, 3, 2, 2, dlib::relu<dlib::affine<dlib::con<32, 7, 7, 2, 2, dlib::input_rgb_image_sized<150>>>>>>>>>>>>>;

class DlibFaceNet final : public FaceNet {
 public:
  explicit DlibFaceNet(const std::filesystem::path& dat) {
    if (!std::filesystem::exists(dat)) throw std::runtime_error("model file missing: " + dat.string());
    try {
      dlib::deserialize(dat.string()) >> net_;
    } catch (const std::exception& e) {
      throw std::runtime_error("cannot load " + dat.string() + ": " + e.what());
    }
  }
  std::vector<Descriptor> describe(const std::vector<Chip>& chips) override {
    std::vector<Descriptor> out;
    if (chips.empty()) return out;
    const auto raw = net_(chips);
    for (const auto& m : raw) {
      Descriptor d{};
      for (long i = 0; i < 128; ++i) d[static_cast<std::size_t>(i)] = m(i);
      out.push_back(d);
    }
    return out;
  }

 private:
  anet_type net_;
};

// Hands out the face-api tensors in order and checks each one's element count.
class TensorCursor {
 public:
  explicit TensorCursor(const std::vector<WeightTensor>& t) : t_(t) {}
  const WeightTensor& next(std::size_t expected, const char* what) {
    if (i_ >= t_.size()) throw std::runtime_error(std::string("face-api weights ran out while filling a ") + what);
    const auto& t = t_[i_++];
    if (t.values.size() != expected)
      throw std::runtime_error(t.name + " has " + std::to_string(t.values.size()) + " values, dlib's " + what +
                               " needs " + std::to_string(expected));
    return t;
  }
  bool done() const { return i_ == t_.size(); }

 private:
  const std::vector<WeightTensor>& t_;
  std::size_t i_ = 0;
};

void copy_into(const std::vector<float>& src, float* dst) { std::copy(src.begin(), src.end(), dst); }

}  // namespace

std::unique_ptr<FaceNet> FaceNet::load(const std::filesystem::path& dat) { return std::make_unique<DlibFaceNet>(dat); }

float distance(const Descriptor& a, const Descriptor& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
  return static_cast<float>(std::sqrt(s));
}

void convert_face_api_weights(const std::vector<WeightTensor>& tensors, const std::filesystem::path& out_dat,
                              const ConvertOptions& options) {
  anet_type net;
  // A fresh affine_ is in per-element (FC) mode; face-api's scale layers are
  // per channel, so switch every one to CONV_MODE before the first forward.
  dlib::visit_computational_layers(net, [](auto& l) {
    if constexpr (std::is_same_v<std::decay_t<decltype(l)>, dlib::affine_>) l = dlib::affine_(dlib::CONV_MODE);
  });
  // One dummy forward pass so every layer allocates its parameter tensors.
  dlib::matrix<dlib::rgb_pixel> dummy(150, 150);
  dlib::assign_all_pixels(dummy, dlib::rgb_pixel(128, 128, 128));
  net(dummy);

  // visit_computational_layers walks output -> input; face-api's manifest is
  // input -> output, so collect the layers first and fill them in reverse.
  std::vector<std::function<void(TensorCursor&)>> fillers;
  bool first_conv = true;  // the input convolution is the last one visited
  dlib::visit_computational_layers(net, [&](auto& l) {
    using L = std::decay_t<decltype(l)>;
    if constexpr (std::is_same_v<L, dlib::affine_>) {
      fillers.push_back([&l](TensorCursor& c) {
        auto gamma = l.get_gamma();
        auto beta = l.get_beta();
        copy_into(c.next(gamma.size(), "affine gamma").values, gamma.host());
        copy_into(c.next(beta.size(), "affine beta").values, beta.host());
      });
    } else if constexpr (std::is_same_v<L, dlib::fc_<128, dlib::FC_NO_BIAS>>) {
      fillers.push_back([&l](TensorCursor& c) {
        auto& p = l.get_layer_params();
        // face-api's fc is [256 inputs, 128 outputs] row-major: dlib's fc_ layout as is.
        copy_into(c.next(p.size(), "fc").values, p.host());
      });
    } else if constexpr (requires { l.num_filters(); l.nr(); l.nc(); }) {
      fillers.push_back([&l, &first_conv, &options](TensorCursor& c) {
        auto& p = l.get_layer_params();
        const std::size_t filters = p.size() - static_cast<std::size_t>(l.num_filters());
        auto w = hwio_to_oihw(c.next(filters, "convolution filter"));
        if (first_conv && options.match_face_api_255)
          for (auto& v : w) v *= 256.0f / 255.0f;
        first_conv = false;
        copy_into(w, p.host());
        copy_into(c.next(static_cast<std::size_t>(l.num_filters()), "convolution bias").values, p.host() + filters);
      });
    }
  });
  TensorCursor cursor(tensors);
  for (auto it = fillers.rbegin(); it != fillers.rend(); ++it) (*it)(cursor);
  if (!cursor.done()) throw std::runtime_error("face-api weights have more tensors than dlib's anet_type has parameters");
  net.clean();
  dlib::serialize(out_dat.string()) << net;
}

}  // namespace om::vision
