#include "sync/backoff.hpp"

#include <algorithm>

namespace om::sync {

Backoff::Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, std::uint64_t seed)
    : base_(std::max(base, std::chrono::milliseconds(1))), cap_(std::max(cap, base_)), rng_(seed) {}

std::chrono::milliseconds Backoff::ceiling() const {
  // Doubling stops once past the cap, so no overflow however long the outage.
  auto c = base_;
  for (int i = 0; i < failures_ && c < cap_; ++i) c *= 2;
  return std::min(c, cap_);
}

std::chrono::milliseconds Backoff::next() {
  const auto c = ceiling().count();
  if (failures_ < 64) ++failures_;
  const auto half = c / 2;
  std::uniform_int_distribution<std::int64_t> jitter(0, c - half);
  return std::chrono::milliseconds(half + jitter(rng_));
}

}  // namespace om::sync
