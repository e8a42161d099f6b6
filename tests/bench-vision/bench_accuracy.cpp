// Same-person and different-person distances on the faces the packages give
// us (@vladmandic/face-api demo photos, detected at up to 1280 px).
//  - different people, certain: two faces in the same photo;
//  - same person: augmented views of each face (mirror, brightness 0.6/1.4,
//    scale 0.6, blur, JPEG q30, small rotation) -- the packages have no second
//    photo known to show the same person, so this is what "same" can mean here;
//  - cross-photo pairs: identity unknown (printed for information).
#include "bench_common.hpp"
#include "vision/face_analyzer.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>

using namespace om;

namespace {
struct Stats {
  std::vector<double> v;
  void print(const char* what) const {
    if (v.empty()) {
      std::printf("%-38s none\n", what);
      return;
    }
    auto s = v;
    std::sort(s.begin(), s.end());
    std::printf("%-38s n=%-4zu min %.3f  median %.3f  max %.3f\n", what, s.size(), s.front(), s[s.size() / 2], s.back());
  }
};
}  // namespace

int main() {
  const auto models = vision::ModelFiles::in(bench::models_dir());
  const auto faces = vision::find_package_faces(models, vision::package_photos(bench::source_dir()));
  vision::FaceAnalyzer analyzer(models);
  Stats same, different, cross;
  int false_matches = 0, missed = 0, lost = 0;
  for (std::size_t i = 0; i < faces.size(); ++i)
    for (std::size_t j = i + 1; j < faces.size(); ++j) {
      const double d = vision::distance(faces[i].descriptor, faces[j].descriptor);
      if (faces[i].photo_index == faces[j].photo_index) {
        different.v.push_back(d);
        false_matches += d <= 0.6;
      } else {
        cross.v.push_back(d);
      }
    }
  for (const auto& f : faces) {
    std::vector<cv::Mat> views;
    const cv::Mat base = vision::make_scene(f.crop, {170, {320, 240}, 1.0, false});
    views.push_back(vision::make_scene(f.crop, {170, {320, 240}, 1.0, true}));
    views.push_back(vision::make_scene(f.crop, {170, {320, 240}, 0.6, false}));
    views.push_back(vision::make_scene(f.crop, {170, {320, 240}, 1.4, false}));
    views.push_back(vision::make_scene(f.crop, {100, {300, 250}, 1.0, false}));
    cv::Mat blur, jpeg, rot;
    cv::GaussianBlur(base, blur, cv::Size(0, 0), 1.5);
    views.push_back(blur);
    std::vector<uchar> buf;
    cv::imencode(".jpg", base, buf, {cv::IMWRITE_JPEG_QUALITY, 30});
    views.push_back(cv::imdecode(buf, cv::IMREAD_COLOR));
    cv::warpAffine(base, rot, cv::getRotationMatrix2D({320, 240}, 10, 1.0), base.size(), cv::INTER_LINEAR,
                   cv::BORDER_REPLICATE);
    views.push_back(rot);
    for (const auto& v : views) {
      const auto pf = analyzer.prepare(v);
      const auto found = analyzer.detect(pf);
      if (found.size() != 1) {
        ++lost;
        continue;
      }
      const double d = vision::distance(analyzer.describe({analyzer.chip(pf, found[0])}).at(0), f.descriptor);
      same.v.push_back(d);
      missed += d > 0.6;
    }
  }
  std::printf("%zu faces from %zu package photos\n", faces.size(), vision::package_photos(bench::source_dir()).size());
  same.print("same person (augmented views)");
  different.print("different people (same photo)");
  cross.print("cross-photo pairs (identity unknown)");
  std::printf("at threshold 0.6: %d false matches between different people, %d same-person views not matched, %d views without exactly one detected face\n",
              false_matches, missed, lost);
  return 0;
}
