#pragma once
// Latency samples (microseconds) and the summary the benchmark prints.
#include <algorithm>
#include <cstdint>
#include <mutex>
#include <vector>

namespace ombench {

struct Summary {
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  std::size_t count = 0;
};

class Latencies {
 public:
  void add(std::int64_t us) {
    std::lock_guard lock(m_);
    if (samples_.size() < kMaxSamples) samples_.push_back(static_cast<std::uint32_t>(std::max<std::int64_t>(us, 0)));
  }
  Summary summary() {
    std::lock_guard lock(m_);
    Summary s;
    s.count = samples_.size();
    if (samples_.empty()) return s;
    std::sort(samples_.begin(), samples_.end());
    auto at = [&](double q) { return samples_[std::min(samples_.size() - 1, static_cast<std::size_t>(q * static_cast<double>(samples_.size())))] / 1000.0; };
    s.p50_ms = at(0.50);
    s.p99_ms = at(0.99);
    s.max_ms = samples_.back() / 1000.0;
    return s;
  }

 private:
  static constexpr std::size_t kMaxSamples = 50'000'000;  // bounded memory (200 MB worst case)
  std::mutex m_;
  std::vector<std::uint32_t> samples_;
};

struct RunResult {
  std::size_t subscribers_connected = 0;
  std::size_t updates_sent = 0;
  std::size_t expected_deliveries = 0;
  std::size_t delivered = 0;
  double seconds = 0;  // publishing window
  Summary latency;
  Summary publish_latency;  // REST POST round trip (ours only)
};

}  // namespace ombench
