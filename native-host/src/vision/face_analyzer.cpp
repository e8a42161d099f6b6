#include "vision/face_analyzer.hpp"

#include <dlib/opencv/cv_image.h>
#include <opencv2/imgproc.hpp>

#include <fstream>
#include <stdexcept>
#include <string>

namespace om::vision {

ModelFiles ModelFiles::in(const std::filesystem::path& dir) {
  return {dir / "shape_predictor_68_face_landmarks.dat", dir / "dlib_face_recognition_resnet_model_v1.dat"};
}

FaceAnalyzer::FaceAnalyzer(const ModelFiles& models, AnalyzerConfig config)
    : config_(config), detector_(dlib::get_frontal_face_detector()) {
  if (!std::filesystem::exists(models.shape_predictor))
    throw std::runtime_error("model file missing: " + models.shape_predictor.string());
  dlib::deserialize(models.shape_predictor.string()) >> predictor_;
  net_ = FaceNet::load(models.recognition);
}

PreparedFrame FaceAnalyzer::prepare(const cv::Mat& bgr) const {
  PreparedFrame f;
  const int side = std::max(bgr.cols, bgr.rows);
  if (side > config_.max_side) {
    f.scale = double(config_.max_side) / side;
    cv::resize(bgr, f.bgr, cv::Size(), f.scale, f.scale, cv::INTER_AREA);
  } else {
    f.bgr = bgr.clone();
  }
  cv::Mat grey;
  cv::cvtColor(f.bgr, grey, cv::COLOR_BGR2GRAY);
  f.mean_luma = cv::mean(grey)[0];
  if (f.mean_luma < config_.low_light_luma) {
    // Equalise the luma channel only, so colours (and the descriptor) stay sane.
    cv::Mat ycc;
    cv::cvtColor(f.bgr, ycc, cv::COLOR_BGR2YCrCb);
    std::vector<cv::Mat> ch;
    cv::split(ycc, ch);
    cv::createCLAHE(2.0, cv::Size(8, 8))->apply(ch[0], ch[0]);
    cv::merge(ch, ycc);
    cv::cvtColor(ycc, f.bgr, cv::COLOR_YCrCb2BGR);
    f.enhanced = true;
  }
  return f;
}

std::vector<DetectedFace> FaceAnalyzer::detect(const PreparedFrame& f, std::optional<dlib::rectangle> roi) {
  dlib::cv_image<dlib::bgr_pixel> whole(f.bgr);
  std::vector<dlib::rectangle> boxes;
  const int upsample = std::max(f.bgr.cols, f.bgr.rows) < config_.upsample_below_side ? 1 : 0;
  if (roi) {
    const dlib::rectangle r = roi->intersect(dlib::get_rect(whole));
    if (r.width() >= 80 && r.height() >= 80) {
      cv::Mat sub = f.bgr(cv::Rect(int(r.left()), int(r.top()), int(r.width()), int(r.height())));
      dlib::cv_image<dlib::bgr_pixel> part(sub);
      for (auto b : detector_(part, upsample)) boxes.push_back(dlib::translate_rect(b, r.left(), r.top()));
    }
  } else {
    boxes = detector_(whole, upsample);
  }
  std::vector<DetectedFace> faces;
  for (const auto& b : boxes) faces.push_back({b, predictor_(whole, b)});
  return faces;
}

dlib::full_object_detection FaceAnalyzer::landmarks(const PreparedFrame& f, const dlib::rectangle& box) {
  dlib::cv_image<dlib::bgr_pixel> whole(f.bgr);
  return predictor_(whole, box);
}

Chip FaceAnalyzer::chip(const PreparedFrame& f, const DetectedFace& face) const {
  dlib::cv_image<dlib::bgr_pixel> whole(f.bgr);
  Chip c;
  dlib::extract_image_chip(whole, dlib::get_face_chip_details(face.shape, 150, 0.25), c);
  return c;
}

cv::Mat chip_to_bgr(const Chip& chip) {
  cv::Mat m(int(chip.nr()), int(chip.nc()), CV_8UC3);
  for (long r = 0; r < chip.nr(); ++r)
    for (long c = 0; c < chip.nc(); ++c) {
      const auto& p = chip(r, c);
      m.at<cv::Vec3b>(int(r), int(c)) = cv::Vec3b(p.blue, p.green, p.red);
    }
  return m;
}

FaceQuality measure_quality(const PreparedFrame& f, const DetectedFace& face, const Chip& chip) {
  FaceQuality q;
  q.side = std::min(face.box.width(), face.box.height());
  cv::Mat grey, lap;
  cv::cvtColor(chip_to_bgr(chip), grey, cv::COLOR_BGR2GRAY);
  q.luma = cv::mean(grey)[0];
  cv::Laplacian(grey, lap, CV_64F);
  cv::Scalar mean, stddev;
  cv::meanStdDev(lap, mean, stddev);
  q.sharpness = stddev[0] * stddev[0];
  (void)f;
  return q;
}

std::string blas_in_use() {
#ifdef __linux__
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    const auto slash = line.find('/');
    if (slash == std::string::npos) continue;
    const std::string path = line.substr(slash);
    if (path.find("blas") != std::string::npos) {
      std::error_code ec;
      auto real = std::filesystem::canonical(path, ec);
      return ec ? path : real.string();
    }
  }
  return "none found in /proc/self/maps";
#else
  return "unknown on this platform";
#endif
}

}  // namespace om::vision
