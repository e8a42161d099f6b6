// Live cameras through OpenCV VideoCapture (V4L2 on Linux).
#include "vision/frame_source.hpp"

#include <opencv2/videoio.hpp>


namespace om::vision {
namespace {

class CameraSource final : public FrameSource {
 public:
  CameraSource(std::string label, cv::VideoCapture cap) : label_(std::move(label)), cap_(std::move(cap)) {
    // Keep the driver queue short so a frame read at 1 fps is recent, not
    // several frames old.
    cap_.set(cv::CAP_PROP_BUFFERSIZE, 1);
  }
  FrameRead read(std::chrono::milliseconds) override {
    FrameRead r;
    // grab() then retrieve(): one frame dropped first so we see the scene now.
    if (!cap_.grab() || !cap_.grab() || !cap_.retrieve(r.frame) || r.frame.empty()) {
      r.status = FrameRead::Status::error;
      r.error = label_ + ": camera stopped delivering frames (unplugged or taken by another application?)";
      r.frame.release();
    }
    return r;
  }
  std::string describe() const override { return label_; }

 private:
  std::string label_;
  cv::VideoCapture cap_;
};

std::unique_ptr<FrameSource> finish_open(std::string label, cv::VideoCapture cap) {
  if (!cap.isOpened()) throw SourceError(label + ": cannot open the camera (missing, busy or no permission)");
  cap.set(cv::CAP_PROP_FRAME_WIDTH, 640);
  cap.set(cv::CAP_PROP_FRAME_HEIGHT, 480);
  cv::Mat probe;
  if (!cap.read(probe) || probe.empty()) throw SourceError(label + ": camera opened but delivers no frames (busy?)");
  return std::make_unique<CameraSource>(std::move(label), std::move(cap));
}

}  // namespace

std::unique_ptr<FrameSource> open_camera(int index) {
#ifdef __linux__
  const int api = cv::CAP_V4L2;  // straight to V4L2: no GStreamer pipeline probing first
#else
  const int api = cv::CAP_ANY;
#endif
  return finish_open("camera " + std::to_string(index), cv::VideoCapture(index, api));
}

std::unique_ptr<FrameSource> open_camera_path(const std::string& device) {
  return finish_open(device, cv::VideoCapture(device, cv::CAP_V4L2));
}

}  // namespace om::vision
