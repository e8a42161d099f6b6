#pragma once
// Injected time so the state machine is pure and tests run timelines instantly.
#include <chrono>
#include <cstdint>

namespace om::presence {

using SteadyTime = std::chrono::steady_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual SteadyTime steady() const = 0;
  virtual std::int64_t wall_ms() const = 0;  // ms since the Unix epoch
};

class SystemClock final : public Clock {
 public:
  SteadyTime steady() const override { return std::chrono::steady_clock::now(); }
  std::int64_t wall_ms() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// For tests: time moves only when told to.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t wall_start_ms = 1'780'000'000'000) : wall_start_(wall_start_ms) {}
  SteadyTime steady() const override { return SteadyTime{} + offset_; }
  std::int64_t wall_ms() const override {
    return wall_start_ + std::chrono::duration_cast<std::chrono::milliseconds>(offset_).count();
  }
  void advance(std::chrono::milliseconds d) { offset_ += d; }

 private:
  std::int64_t wall_start_;
  std::chrono::milliseconds offset_{0};
};

}  // namespace om::presence
