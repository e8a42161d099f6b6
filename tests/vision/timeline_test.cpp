// Scripted timelines: parsing and the frame each moment gets.
#include "vision/frame_source.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <random>
#include <opencv2/imgcodecs.hpp>

#include <fstream>

namespace om::vision {
namespace fs = std::filesystem;
using std::chrono::milliseconds;

class TimelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // ctest runs each test in its own process, two at a time: the pid keeps
    // parallel processes out of each other's directories.
    dir_ = fs::temp_directory_path() /
           ("om-timeline-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_ / "img");
    cv::imwrite((dir_ / "img" / "red.png").string(), cv::Mat(20, 30, CV_8UC3, cv::Scalar(0, 0, 255)));
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& text) {
    const auto p = dir_ / "t.timeline";
    std::ofstream(p) << text;
    return p;
  }
  fs::path dir_;
};

TEST_F(TimelineTest, ParsesEntriesCommentsAndRelativePaths) {
  const auto entries = parse_timeline(write("# demo\n0 img/red.png\n\n2.5 none   # gone\n4 error\n"));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].kind, TimelineEntry::Kind::image);
  EXPECT_EQ(entries[0].image, dir_ / "img" / "red.png");
  EXPECT_DOUBLE_EQ(entries[1].at_s, 2.5);
  EXPECT_EQ(entries[1].kind, TimelineEntry::Kind::none);
  EXPECT_EQ(entries[2].kind, TimelineEntry::Kind::error);
}

TEST_F(TimelineTest, RejectsBadLines) {
  EXPECT_THROW(parse_timeline(write("zero img/red.png\n")), SourceError);
  EXPECT_THROW(parse_timeline(write("1\n")), SourceError);
  EXPECT_THROW(parse_timeline(write("2 none\n1 none\n")), SourceError);
  EXPECT_THROW(open_timeline(write("0 img/missing.png\n")), SourceError);
}

TEST_F(TimelineTest, PlaysTheFrameForEachMoment) {
  auto src = open_source(write("1 img/red.png\n2 none\n3 error\n4 img/red.png\n").string());
  auto at = [&](int ms) { return src->read(milliseconds(ms)); };
  // Before the first entry: an empty scene.
  EXPECT_EQ(at(500).frame.cols, 640);
  const auto red = at(1500);
  ASSERT_EQ(red.status, FrameRead::Status::ok);
  EXPECT_EQ(red.frame.cols, 30);
  EXPECT_EQ(red.frame.at<cv::Vec3b>(0, 0)[2], 255);
  EXPECT_EQ(at(2000).frame.cols, 640);
  const auto broken = at(3200);
  EXPECT_EQ(broken.status, FrameRead::Status::error);
  EXPECT_FALSE(broken.error.empty());
  EXPECT_EQ(at(9000).frame.cols, 30);  // the last entry holds
}

TEST_F(TimelineTest, ImageDirectoryPlaysAtItsFps) {
  cv::imwrite((dir_ / "img" / "zz_blue.png").string(), cv::Mat(10, 10, CV_8UC3, cv::Scalar(255, 0, 0)));
  SourceOptions o;
  o.dir_fps = 2;
  auto src = open_source((dir_ / "img").string(), o);
  EXPECT_EQ(src->read(milliseconds(100)).frame.cols, 30);   // red.png first (sorted)
  EXPECT_EQ(src->read(milliseconds(600)).frame.cols, 10);   // 0.5 s per image
  EXPECT_EQ(src->read(milliseconds(1100)).frame.cols, 30);  // loops
}

TEST_F(TimelineTest, UnknownSourceIsAClearError) {
  try {
    open_source((dir_ / "nope.mp4").string());
    FAIL() << "expected SourceError";
  } catch (const SourceError& e) {
    EXPECT_NE(std::string(e.what()).find("nope.mp4"), std::string::npos);
  }
}

}  // namespace om::vision
