#pragma once
// Shared by the vision benchmarks: where the models and package media are.
#include "vision/package_media.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace om::bench {
std::filesystem::path source_dir();
std::filesystem::path data_dir();
std::filesystem::path models_dir();
std::filesystem::path bin_dir();
// The cached test media (made on first use, like the tests do).
const vision::DemoMedia& media();

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
}  // namespace om::bench
