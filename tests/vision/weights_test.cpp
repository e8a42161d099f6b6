// The tfjs weights reader: per-tensor dtype, q*scale+min dequantization,
// size checks, and the HWIO -> OIHW filter transpose.
#include "vision/base64.hpp"
#include "vision/weights_manifest.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <random>

#include <cstring>
#include <fstream>

namespace om::vision {
namespace fs = std::filesystem;

class WeightsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Unique across the parallel test processes ctest starts (an address is not).
    dir_ = fs::temp_directory_path() /
           ("om-weights-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& manifest, const std::string& bin) {
    std::ofstream(dir_ / "m.json") << manifest;
    std::ofstream(dir_ / "m.bin", std::ios::binary) << bin;
  }
  std::vector<WeightTensor> load() { return load_tfjs_weights(dir_ / "m.json", dir_ / "m.bin"); }
  fs::path dir_;
};

TEST_F(WeightsTest, DequantizesUint8AndReadsFloat32PerTensor) {
  std::string bin = {char(0), char(10), char(255)};
  const float f[2] = {1.5f, -2.25f};
  bin.append(reinterpret_cast<const char*>(f), sizeof f);
  write(R"([{"paths":["m.bin"],"weights":[
      {"name":"a","shape":[3],"dtype":"float32","quantization":{"dtype":"uint8","scale":0.5,"min":-1.0}},
      {"name":"b","shape":[2],"dtype":"float32"}]}])",
        bin);
  const auto t = load();
  ASSERT_EQ(t.size(), 2u);
  EXPECT_FLOAT_EQ(t[0].values[0], -1.0f);
  EXPECT_FLOAT_EQ(t[0].values[1], 4.0f);
  EXPECT_FLOAT_EQ(t[0].values[2], 126.5f);
  EXPECT_FLOAT_EQ(t[1].values[0], 1.5f);
  EXPECT_FLOAT_EQ(t[1].values[1], -2.25f);
}

TEST_F(WeightsTest, ShortOrLongBinaryIsAnErrorNamingTheTensor) {
  write(R"([{"weights":[{"name":"conv/filters","shape":[4],"dtype":"float32"}]}])", std::string(8, '\0'));
  try {
    load();
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("conv/filters"), std::string::npos);
  }
  write(R"([{"weights":[{"name":"x","shape":[1],"dtype":"float32"}]}])", std::string(5, '\0'));
  EXPECT_THROW(load(), std::runtime_error);
}

TEST(Weights, HwioToOihwMovesEveryElementToItsDlibPlace) {
  WeightTensor t{"f", {2, 3, 4, 5}, {}};  // kh=2 kw=3 in=4 out=5
  for (int i = 0; i < 2 * 3 * 4 * 5; ++i) t.values.push_back(float(i));
  const auto r = hwio_to_oihw(t);
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 3; ++x)
      for (int i = 0; i < 4; ++i)
        for (int o = 0; o < 5; ++o)
          EXPECT_EQ(r[static_cast<std::size_t>(((o * 4 + i) * 2 + y) * 3 + x)], float(((y * 3 + x) * 4 + i) * 5 + o));
}

TEST(Base64, Rfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\xff\xd8\xff", 3)), "/9j/");
}

}  // namespace om::vision
