#pragma once
// Retry delays for an unreachable server: exponential with "equal jitter"
// (half the ceiling fixed, half random) so a fleet of hosts that lost the
// server together does not come back in lock-step, yet never retries at ~0.
#include <chrono>
#include <cstdint>
#include <random>

namespace om::sync {

class Backoff {
 public:
  Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, std::uint64_t seed = std::random_device{}());

  // Delay before the next attempt after one more failure.
  std::chrono::milliseconds next();
  // After a success: the next failure starts from `base` again.
  void reset() { failures_ = 0; }
  int failures() const { return failures_; }
  // Upper bound of the delay next() would return now (for tests and status).
  std::chrono::milliseconds ceiling() const;

 private:
  std::chrono::milliseconds base_;
  std::chrono::milliseconds cap_;
  int failures_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace om::sync
