#include "vision/resilient_source.hpp"

#include <algorithm>

namespace om::vision {

ResilientSource::Result ResilientSource::read(std::chrono::milliseconds elapsed) {
  Result r;
  if (!source_) {
    if (elapsed < retry_at_) {
      r.attempted = false;
      r.read.status = FrameRead::Status::error;
      r.read.error = "waiting to retry the camera";
      r.retry_in = retry_at_ - elapsed;
      return r;
    }
    try {
      source_ = open_();
    } catch (const std::exception& e) {
      fail(r, elapsed, e.what());
      return r;
    }
  }
  r.read = source_->read(elapsed);
  if (r.read.status == FrameRead::Status::error) {
    source_.reset();  // release the device so it can come back (or another app can have it)
    fail(r, elapsed, r.read.error);
    return r;
  }
  failures_ = 0;
  return r;
}

void ResilientSource::fail(Result& r, std::chrono::milliseconds elapsed, std::string why) {
  ++failures_;
  const auto backoff = std::min<std::chrono::milliseconds>(
      max_backoff_, std::chrono::milliseconds(1000) * (1 << std::min(failures_ - 1, 5)));
  retry_at_ = elapsed + backoff;
  r.read.status = FrameRead::Status::error;
  r.read.frame.release();
  r.read.error = std::move(why);
  r.retry_in = backoff;
}

}  // namespace om::vision
