// Enrolment and verification on real faces from package photos:
// `face enroll` refuses images with no face or several, `face match` accepts
// held-out views of the enrolled person and rejects other people, live
// enrolment pauses on a second face and skips dark/blurred frames, and the
// observer re-describes only when needed.
#include "package_media_fixture.hpp"
#include "vision/enrol_session.hpp"
#include "vision/face_observer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <sstream>

namespace om::vision {
using namespace om::vision::testing;
using json = nlohmann::json;

namespace {
std::vector<json> json_lines(const std::string& out) {
  std::vector<json> v;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) v.push_back(json::parse(line));
  return v;
}
std::vector<std::string> strings(const std::vector<std::filesystem::path>& ps) {
  std::vector<std::string> v;
  for (const auto& p : ps) v.push_back(p.string());
  return v;
}
}  // namespace

TEST(FaceCli, EnrolRefusesAnImageWithSeveralFaces) {
  TempDir tmp("enrol");
  auto args = std::vector<std::string>{"face", "enroll", "--out", (tmp.path() / "e.json").string(),
                                       "--models", env().models_dir.string(), media().enrol_images[0].string(),
                                       media().crowd_image.string()};
  const auto r = run(env().vision_exe, args);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("2 faces found"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("exactly one face"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp.path() / "e.json"));
}

TEST(FaceCli, EnrolRefusesAnImageWithoutAFace) {
  TempDir tmp("enrol");
  const auto r = run(env().vision_exe, {"face", "enroll", "--out", (tmp.path() / "e.json").string(), "--models",
                                        env().models_dir.string(), media().empty_image.string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no face found"), std::string::npos) << r.err;
}

TEST(FaceCli, MatchAcceptsTheEnrolledPersonAndRejectsOthers) {
  TempDir tmp("match");
  const auto enrol_file = (tmp.path() / "e.json").string();
  auto args = std::vector<std::string>{"face", "enroll", "--out", enrol_file, "--models", env().models_dir.string()};
  for (const auto& p : strings(media().enrol_images)) args.push_back(p);
  const auto enrolled = run(env().vision_exe, args);
  ASSERT_EQ(enrolled.exit_code, 0) << enrolled.err;
  const auto stored = json::parse(std::ifstream(enrol_file));
  EXPECT_EQ(stored.at("descriptors").size(), media().enrol_images.size());
  EXPECT_EQ(stored.at("mean").size(), 128u);

  args = {"face", "match", "--enrolment", enrol_file, "--models", env().models_dir.string()};
  for (const auto& p : strings(media().user_images)) args.push_back(p);
  for (const auto& p : strings(media().other_images)) args.push_back(p);
  args.push_back(media().empty_image.string());
  const auto r = run(env().vision_exe, args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), media().user_images.size() + media().other_images.size() + 1);
  std::size_t i = 0;
  for (; i < media().user_images.size(); ++i) {
    EXPECT_EQ(lines[i].at("faces"), 1) << lines[i];
    EXPECT_TRUE(lines[i].at("match").get<bool>()) << "held-out view of the user not matched: " << lines[i];
    EXPECT_LT(lines[i].at("distance").get<double>(), 0.6);
  }
  for (; i < lines.size() - 1; ++i) {
    EXPECT_FALSE(lines[i].at("match").get<bool>()) << "someone else matched: " << lines[i];
    EXPECT_GT(lines[i].at("distance").get<double>(), 0.6);
  }
  EXPECT_EQ(lines.back().at("faces"), 0);
  EXPECT_FALSE(lines.back().at("match").get<bool>());
  EXPECT_TRUE(lines.back().at("distance").is_null());
}

class LiveEnrolment : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { analyzer_ = new FaceAnalyzer(ModelFiles::in(env().models_dir)); }
  static void TearDownTestSuite() { delete analyzer_; }
  static PreparedFrame frame(const std::filesystem::path& p) { return analyzer_->prepare(cv::imread(p.string())); }
  static FaceAnalyzer* analyzer_;
};
FaceAnalyzer* LiveEnrolment::analyzer_ = nullptr;

TEST_F(LiveEnrolment, CountsOnlyGoodSingleFaceFramesAndPausesOnASecondFace) {
  EnrolSession s(*analyzer_, 3);
  auto step = s.feed(frame(media().crowd_image));
  EXPECT_TRUE(step.paused);
  EXPECT_EQ(step.skipped_reason, "several_faces");
  EXPECT_NE(step.message.find("2 faces"), std::string::npos);
  EXPECT_EQ(step.boxes.size(), 2u);

  step = s.feed(frame(media().empty_image));
  EXPECT_EQ(step.skipped_reason, "no_face");

  // Dark: the same view at 12 % brightness (CLAHE lets dlib still find the face).
  cv::Mat dark;
  cv::imread(media().enrol_images[0].string()).convertTo(dark, -1, 0.12, 0);
  step = s.feed(analyzer_->prepare(dark));
  EXPECT_FALSE(step.accepted);
  EXPECT_TRUE(step.skipped_reason == "too_dark" || step.skipped_reason == "no_face") << step.skipped_reason;

  // Blurred: a strong Gaussian blur.
  cv::Mat blurred;
  cv::GaussianBlur(cv::imread(media().enrol_images[0].string()), blurred, cv::Size(0, 0), 4.0);
  step = s.feed(analyzer_->prepare(blurred));
  EXPECT_FALSE(step.accepted);
  EXPECT_TRUE(step.skipped_reason == "blurred" || step.skipped_reason == "no_face") << step.skipped_reason;
  EXPECT_EQ(s.done(), 0);

  for (int i = 0; i < 3; ++i) {
    step = s.feed(frame(media().enrol_images[static_cast<std::size_t>(i)]));
    EXPECT_TRUE(step.accepted) << step.skipped_reason << ": " << step.message;
  }
  EXPECT_TRUE(s.complete());
  EXPECT_EQ(s.descriptors().size(), 3u);
}

TEST_F(LiveEnrolment, ObserverDescribesOnlyWhenNeeded) {
  FaceObserver obs(*analyzer_, {});
  obs.set_enrolment(enrolment_from_json(json::parse(std::ifstream(media().enrolment))));
  const auto user = frame(media().user_images[0]);
  int described = 0;
  for (int i = 0; i < 12; ++i) {
    const auto o = obs.observe(user);
    EXPECT_EQ(o.kind, "face_matched");
    described += o.described ? 1 : 0;
  }
  EXPECT_EQ(described, 2);  // first frame, then every 6th
  // Someone else sits down: the box jumps or the face changes -> re-described at once.
  const auto other = obs.observe(frame(media().other_images[0]));
  EXPECT_EQ(other.kind, "face_other");
  const auto crowd = obs.observe(frame(media().crowd_image));
  EXPECT_EQ(crowd.kind, "face_matched");
  EXPECT_TRUE(crowd.onlooker);
  EXPECT_EQ(crowd.faces, 2);
  EXPECT_EQ(obs.observe(frame(media().empty_image)).kind, "no_face");
}

TEST_F(LiveEnrolment, WithoutEnrolmentEveryFaceIsSomeoneElse) {
  FaceObserver obs(*analyzer_, {});
  const auto o = obs.observe(frame(media().user_images[0]));
  EXPECT_EQ(o.kind, "face_other");
  EXPECT_TRUE(o.not_enrolled);
  EXPECT_FALSE(o.described);
}

}  // namespace om::vision
