#pragma once
// The shared workload: N subscribers spread over G groups, U publishers per
// group, R updates/s for D seconds; each update must reach every subscriber
// of its group.
#include <chrono>
#include <cstdint>
#include <string>

namespace ombench {

struct Workload {
  int subscribers = 200;
  int groups = 4;
  int users_per_group = 5;
  int rate = 100;       // updates per second, all groups together
  int duration_s = 3;
  int drain_ms = 2000;  // wait for stragglers after the last update
};

inline std::int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace ombench
