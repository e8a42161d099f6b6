// Per-stage cost on a 640x480 frame with one face (median of 60 runs), with
// one BLAS thread and with the default (one per core).
#include "bench_common.hpp"
#include "vision/blas_threads.hpp"
#include "vision/face_analyzer.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>

using namespace om;
using Clock = std::chrono::steady_clock;

static double time_ms(const std::function<void()>& fn, int runs) {
  std::vector<double> v;
  fn();  // warm-up
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    fn();
    v.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return bench::median(v);
}

int main() {
  const int runs = 60;
  vision::FaceAnalyzer analyzer(vision::ModelFiles::in(bench::models_dir()));
  const cv::Mat frame = cv::imread(bench::media().user_images[0].string());  // 640x480, one face
  cv::Mat big;
  cv::resize(frame, big, cv::Size(1280, 960));
  std::printf("dlib BLAS: %s\nframe %dx%d, %d runs per stage, median ms\n", vision::blas_in_use().c_str(), frame.cols,
              frame.rows, runs);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (int threads : {1, int(cores)}) {
    const bool set = vision::set_blas_threads(threads);
    const auto f = analyzer.prepare(frame);
    auto faces = analyzer.detect(f);
    if (faces.size() != 1) {
      std::printf("expected one face, found %zu\n", faces.size());
      return 1;
    }
    const auto chip = analyzer.chip(f, faces[0]);
    std::printf("\nBLAS threads: %d%s\n", threads, set ? "" : " (no OpenBLAS control: library default)");
    std::printf("  downscale 1280x960 -> 640 + luma  %7.2f\n", time_ms([&] { (void)analyzer.prepare(big); }, runs));
    std::printf("  HOG detection (+68 landmarks) full %7.2f\n", time_ms([&] { (void)analyzer.detect(f); }, runs));
    const auto roi = dlib::grow_rect(faces[0].box, faces[0].box.width() / 2);  // as FaceObserver tracks
    std::printf("  HOG detection (+68 landmarks) ROI  %7.2f\n", time_ms([&] { (void)analyzer.detect(f, roi); }, runs));
    std::printf("  68-point landmarks only           %7.2f\n",
                time_ms([&] { (void)analyzer.landmarks(f, faces[0].box); }, runs));
    std::printf("  aligned chip 150x150              %7.2f\n", time_ms([&] { (void)analyzer.chip(f, faces[0]); }, runs));
    std::printf("  ResNet descriptor                 %7.2f\n", time_ms([&] { (void)analyzer.describe({chip}); }, runs));
  }
  return 0;
}
