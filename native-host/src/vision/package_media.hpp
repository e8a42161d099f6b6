#pragma once
// Test and demo media made from photos that ship inside installed packages
// (@vladmandic/face-api's demo/sample*.jpg group photos). Nothing is
// downloaded and nothing is committed: faces are cropped at run time into a
// directory the caller owns (a temp dir in tests).
#include "vision/face_analyzer.hpp"

#include <opencv2/core.hpp>

#include <filesystem>
#include <optional>
#include <vector>

namespace om::vision {

struct PackageFace {
  std::filesystem::path photo;
  int photo_index = 0;   // which package photo (faces of one photo are different people)
  cv::Mat crop;          // face plus margin, from the full-resolution photo
  Descriptor descriptor{};
};

// <source>/node_modules/@vladmandic/face-api/demo/sample*.jpg, sorted.
std::vector<std::filesystem::path> package_photos(const std::filesystem::path& source_dir);

// Every face dlib finds in the photos (detected at up to 1280 px so small
// faces in group photos are found), largest first within each photo.
std::vector<PackageFace> find_package_faces(const ModelFiles& models, const std::vector<std::filesystem::path>& photos);

// A 640x480 "webcam" frame: grey background, the face crop scaled so the face
// is about `face_px` wide, centred at `centre`, brightness multiplied by
// `gain`, optionally mirrored. Used for augmented views of one person.
struct SceneParams {
  int face_px = 170;
  cv::Point centre{320, 240};
  double gain = 1.0;
  bool mirror = false;
};
cv::Mat make_scene(const cv::Mat& crop, const SceneParams& p);
cv::Mat make_scene_two(const cv::Mat& a, const cv::Mat& b);

struct DemoMedia {
  std::filesystem::path dir, timeline, enrolment;
  std::vector<std::filesystem::path> enrol_images;  // the user, one face each
  std::vector<std::filesystem::path> user_images;   // held-out views of the user
  std::vector<std::filesystem::path> other_images;  // other people
  std::filesystem::path crowd_image;                // user + someone else
  std::filesystem::path empty_image;                // nobody
};

// Writes scene images, enrolment.json (descriptors of enrol_images) and a
// demo.timeline: user present 0-20 s, away 20-60 s (someone else passes at
// 30-35 s), user back 60-75 s with an onlooker 75-80 s, back alone after.
DemoMedia make_demo_media(const ModelFiles& models, const std::filesystem::path& source_dir,
                          const std::filesystem::path& out_dir);
// The media make_demo_media wrote into `dir` earlier (nullopt if incomplete).
std::optional<DemoMedia> existing_demo_media(const std::filesystem::path& dir);

}  // namespace om::vision
