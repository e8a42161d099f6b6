#pragma once
// A frame source that survives the camera going away: any open or read
// failure is reported once per attempt and retried with exponential backoff
// (1 s, 2 s, 4 s ... 30 s); when the source works again it simply resumes.
// Time is the caller's `elapsed`, so tests drive the backoff without sleeping.
#include "vision/frame_source.hpp"

#include <functional>
#include <optional>

namespace om::vision {

class ResilientSource {
 public:
  using Factory = std::function<std::unique_ptr<FrameSource>()>;  // throws SourceError
  explicit ResilientSource(Factory open, std::chrono::milliseconds max_backoff = std::chrono::seconds(30))
      : open_(std::move(open)), max_backoff_(max_backoff) {}

  struct Result {
    FrameRead read;
    bool attempted = true;                        // false: still waiting for the next retry
    std::optional<std::chrono::milliseconds> retry_in;  // set on failure
  };
  Result read(std::chrono::milliseconds elapsed);

  bool healthy() const { return source_ != nullptr && failures_ == 0; }
  int consecutive_failures() const { return failures_; }

 private:
  void fail(Result& r, std::chrono::milliseconds elapsed, std::string why);

  Factory open_;
  std::chrono::milliseconds max_backoff_;
  std::unique_ptr<FrameSource> source_;
  int failures_ = 0;
  std::chrono::milliseconds retry_at_{0};
};

}  // namespace om::vision
