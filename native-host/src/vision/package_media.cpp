#include "vision/package_media.hpp"

#include "vision/enrolment.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace om::vision {
namespace fs = std::filesystem;

std::vector<fs::path> package_photos(const fs::path& source_dir) {
  std::vector<fs::path> out;
  const auto demo = source_dir / "node_modules" / "@vladmandic" / "face-api" / "demo";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(demo, ec)) {
    const auto name = e.path().filename().string();
    if (name.rfind("sample", 0) == 0 && e.path().extension() == ".jpg") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  if (out.empty()) throw std::runtime_error("no sample photos in " + demo.string() + " (run scripts/setup: npm ci)");
  return out;
}

std::vector<PackageFace> find_package_faces(const ModelFiles& models, const std::vector<fs::path>& photos) {
  AnalyzerConfig cfg;
  cfg.max_side = 1280;  // group photos: faces are small at 640
  FaceAnalyzer analyzer(models, cfg);
  std::vector<PackageFace> out;
  for (std::size_t i = 0; i < photos.size(); ++i) {
    const cv::Mat photo = cv::imread(photos[i].string(), cv::IMREAD_COLOR);
    if (photo.empty()) throw std::runtime_error("cannot decode " + photos[i].string());
    const auto f = analyzer.prepare(photo);
    auto faces = analyzer.detect(f);
    std::sort(faces.begin(), faces.end(), [](const DetectedFace& a, const DetectedFace& b) { return a.box.area() > b.box.area(); });
    std::vector<Chip> chips;
    for (const auto& face : faces) chips.push_back(analyzer.chip(f, face));
    const auto ds = analyzer.describe(chips);
    for (std::size_t k = 0; k < faces.size(); ++k) {
      const auto& b = faces[k].box;
      // Face box in photo pixels, grown by 60 % each side for hair and chin.
      const double s = 1.0 / f.scale;
      const double grow = 0.6 * double(b.width());
      cv::Rect r(int((double(b.left()) - grow) * s), int((double(b.top()) - grow) * s),
                 int((double(b.width()) + 2 * grow) * s), int((double(b.height()) + 2 * grow) * s));
      r &= cv::Rect(0, 0, photo.cols, photo.rows);
      out.push_back({photos[i], int(i), photo(r).clone(), ds[k]});
    }
  }
  return out;
}

cv::Mat make_scene(const cv::Mat& crop, const SceneParams& p) {
  cv::Mat scene(480, 640, CV_8UC3, cv::Scalar(120, 125, 130));
  // The crop is the face box grown by 60 % per side: face ~ crop / 2.2.
  const double scale = p.face_px * 2.2 / crop.cols;
  cv::Mat face;
  cv::resize(crop, face, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  if (p.mirror) cv::flip(face, face, 1);
  face.convertTo(face, -1, p.gain, 0);
  cv::Rect dst(p.centre.x - face.cols / 2, p.centre.y - face.rows / 2, face.cols, face.rows);
  const cv::Rect clipped = dst & cv::Rect(0, 0, scene.cols, scene.rows);
  face(cv::Rect(clipped.x - dst.x, clipped.y - dst.y, clipped.width, clipped.height)).copyTo(scene(clipped));
  scene.convertTo(scene, -1, 1.0, 0);
  return scene;
}

cv::Mat make_scene_two(const cv::Mat& a, const cv::Mat& b) {
  cv::Mat scene = make_scene(a, {150, {180, 250}, 1.0, false});
  const cv::Mat right = make_scene(b, {150, {470, 250}, 1.0, false});
  right(cv::Rect(320, 0, 320, 480)).copyTo(scene(cv::Rect(320, 0, 320, 480)));
  return scene;
}

DemoMedia make_demo_media(const ModelFiles& models, const fs::path& source_dir, const fs::path& out_dir) {
  const auto faces = find_package_faces(models, package_photos(source_dir));
  if (faces.size() < 2) throw std::runtime_error("the package photos gave fewer than two faces");
  // The user is the largest face of the first photo; "others" are faces of the
  // same photo (certainly different people) plus any face far from the user.
  const PackageFace& user = faces.front();
  std::vector<const PackageFace*> others;
  for (const auto& f : faces)
    if (&f != &user && (f.photo_index == user.photo_index || distance(f.descriptor, user.descriptor) > 0.75))
      others.push_back(&f);
  if (others.empty()) throw std::runtime_error("no second person in the package photos");

  fs::create_directories(out_dir);
  DemoMedia m;
  m.dir = out_dir;
  auto save = [&](const std::string& name, const cv::Mat& img) {
    const auto p = out_dir / name;
    if (!cv::imwrite(p.string(), img)) throw std::runtime_error("cannot write " + p.string());
    return p;
  };
  // Enrolment views and held-out views use different augmentations.
  const SceneParams enrol_views[] = {{170, {320, 240}, 1.0, false}, {150, {280, 230}, 1.1, false},
                                     {190, {360, 250}, 0.9, false}, {160, {300, 260}, 1.0, false},
                                     {180, {340, 220}, 1.05, false}};
  for (std::size_t i = 0; i < std::size(enrol_views); ++i)
    m.enrol_images.push_back(save("enrol_" + std::to_string(i) + ".jpg", make_scene(user.crop, enrol_views[i])));
  const SceneParams held_views[] = {{165, {330, 245}, 0.8, true}, {140, {250, 250}, 1.2, false}, {200, {380, 235}, 0.7, true}};
  for (std::size_t i = 0; i < std::size(held_views); ++i)
    m.user_images.push_back(save("user_" + std::to_string(i) + ".jpg", make_scene(user.crop, held_views[i])));
  for (std::size_t i = 0; i < std::min<std::size_t>(others.size(), 4); ++i)
    m.other_images.push_back(save("other_" + std::to_string(i) + ".jpg", make_scene(others[i]->crop, {})));
  m.crowd_image = save("crowd.jpg", make_scene_two(user.crop, others[0]->crop));
  m.empty_image = save("empty.jpg", make_scene(cv::Mat(10, 10, CV_8UC3, cv::Scalar(120, 125, 130)), {}));

  {
    FaceAnalyzer analyzer(models);
    std::vector<Chip> chips;
    for (const auto& p : m.enrol_images) {
      const auto f = analyzer.prepare(cv::imread(p.string()));
      const auto found = analyzer.detect(f);
      if (found.size() != 1) throw std::runtime_error(p.string() + ": expected one face, found " + std::to_string(found.size()));
      chips.push_back(analyzer.chip(f, found[0]));
    }
    m.enrolment = out_dir / "enrolment.json";
    std::ofstream(m.enrolment) << enrolment_to_json({analyzer.describe(chips)}).dump() << "\n";
  }

  m.timeline = out_dir / "demo.timeline";
  std::ofstream t(m.timeline);
  t << "# OfficeMates demo timeline (made by `officemates-vision media timeline`)\n"
       "# <seconds> <image|none|error>, images relative to this file\n"
       "0 user_0.jpg\n"
       "20 none\n"
       "30 other_0.jpg\n"
       "35 none\n"
       "60 user_1.jpg\n"
       "75 crowd.jpg\n"
       "80 user_2.jpg\n";
  t.close();
  std::ofstream(out_dir / "COMPLETE") << "made by make_demo_media\n";  // marks a finished set
  return m;
}

std::optional<DemoMedia> existing_demo_media(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir / "COMPLETE", ec)) return std::nullopt;
  DemoMedia m;
  m.dir = dir;
  m.timeline = dir / "demo.timeline";
  m.enrolment = dir / "enrolment.json";
  m.crowd_image = dir / "crowd.jpg";
  m.empty_image = dir / "empty.jpg";
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const auto n = e.path().filename().string();
    if (n.rfind("enrol_", 0) == 0) m.enrol_images.push_back(e.path());
    if (n.rfind("user_", 0) == 0) m.user_images.push_back(e.path());
    if (n.rfind("other_", 0) == 0) m.other_images.push_back(e.path());
  }
  for (auto* v : {&m.enrol_images, &m.user_images, &m.other_images}) std::sort(v->begin(), v->end());
  if (m.enrol_images.empty() || m.user_images.empty() || m.other_images.empty()) return std::nullopt;
  return m;
}

}  // namespace om::vision
