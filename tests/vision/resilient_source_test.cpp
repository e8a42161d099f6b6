// A camera that fails mid-run (unplugged, taken by another app) is retried
// with backoff and recovers by itself.
#include "vision/resilient_source.hpp"

#include <gtest/gtest.h>

namespace om::vision {
using std::chrono::milliseconds;

namespace {
// Works for `good` reads, then fails every read; opening fails while `broken`.
struct FakeCamera {
  bool broken = false;
  int opens = 0;
  int good_reads_left = 0;
};

class FakeSource final : public FrameSource {
 public:
  explicit FakeSource(FakeCamera& c) : c_(c) {}
  FrameRead read(milliseconds) override {
    FrameRead r;
    if (c_.good_reads_left-- > 0) {
      r.frame = cv::Mat(4, 4, CV_8UC3, cv::Scalar(1, 2, 3));
    } else {
      r.status = FrameRead::Status::error;
      r.error = "device disappeared";
    }
    return r;
  }
  std::string describe() const override { return "fake"; }

 private:
  FakeCamera& c_;
};
}  // namespace

TEST(ResilientSource, FailsMidRunRetriesWithBackoffAndRecovers) {
  FakeCamera cam;
  cam.good_reads_left = 3;
  ResilientSource src([&]() -> std::unique_ptr<FrameSource> {
    ++cam.opens;
    if (cam.broken) throw SourceError("no such device");
    return std::make_unique<FakeSource>(cam);
  });
  for (int t = 0; t < 3; ++t) EXPECT_EQ(src.read(milliseconds(t * 500)).read.status, FrameRead::Status::ok);
  EXPECT_TRUE(src.healthy());

  // Unplugged: the read fails, the device is released, retry in 1 s.
  cam.broken = true;
  auto r = src.read(milliseconds(1500));
  EXPECT_EQ(r.read.status, FrameRead::Status::error);
  EXPECT_EQ(r.read.error, "device disappeared");
  EXPECT_EQ(r.retry_in, milliseconds(1000));
  EXPECT_FALSE(src.healthy());
  // Before the retry time nothing is attempted.
  EXPECT_FALSE(src.read(milliseconds(2000)).attempted);
  EXPECT_EQ(cam.opens, 1);
  // The retries back off: 2 s, then 4 s.
  r = src.read(milliseconds(2500));
  EXPECT_TRUE(r.attempted);
  EXPECT_EQ(r.retry_in, milliseconds(2000));
  r = src.read(milliseconds(4500));
  EXPECT_EQ(r.retry_in, milliseconds(4000));
  EXPECT_EQ(cam.opens, 3);

  // Plugged back in: the next retry opens it and frames flow again.
  cam.broken = false;
  cam.good_reads_left = 100;
  EXPECT_FALSE(src.read(milliseconds(6000)).attempted);
  r = src.read(milliseconds(8500));
  EXPECT_EQ(r.read.status, FrameRead::Status::ok);
  EXPECT_TRUE(src.healthy());
  EXPECT_EQ(src.consecutive_failures(), 0);
}

TEST(ResilientSource, BackoffIsCapped) {
  ResilientSource src([]() -> std::unique_ptr<FrameSource> { throw SourceError("busy"); }, milliseconds(5000));
  milliseconds t{0};
  milliseconds last{0};
  for (int i = 0; i < 10; ++i) {
    auto r = src.read(t);
    ASSERT_TRUE(r.retry_in);
    last = *r.retry_in;
    t += last;
  }
  EXPECT_EQ(last, milliseconds(5000));
}

}  // namespace om::vision
