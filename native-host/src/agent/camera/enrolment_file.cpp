#include "agent/camera/enrolment_file.hpp"

#include "store/json_file.hpp"

#include <spdlog/spdlog.h>

#include <cmath>
#include <stdexcept>

namespace om::agent {

std::filesystem::path enrolment_path(const std::filesystem::path& state_dir) { return state_dir / "enrolment.json"; }

bool valid_descriptors(const nlohmann::json& ds) {
  if (!ds.is_array()) return false;
  for (const auto& d : ds) {
    if (!d.is_array() || d.size() != 128) return false;
    for (const auto& v : d)
      if (!v.is_number() || !std::isfinite(v.get<double>())) return false;
  }
  return true;
}

EnrolmentFile load_enrolment(const std::filesystem::path& state_dir) {
  EnrolmentFile e;
  const auto r = store::load_json_file(enrolment_path(state_dir));
  if (!r.value) return e;
  const auto& j = *r.value;
  if (!j.contains("descriptors") || !valid_descriptors(j.at("descriptors"))) {
    spdlog::warn("enrolment.json has no valid descriptors; treating the user as not enrolled");
    return e;
  }
  e.descriptors = j.at("descriptors");
  e.created_ms = j.value("created_ms", std::int64_t{0});
  return e;
}

void save_enrolment(const std::filesystem::path& state_dir, const EnrolmentFile& e) {
  if (!valid_descriptors(e.descriptors) || e.descriptors.empty())
    throw std::invalid_argument("enrolment descriptors must be non-empty arrays of 128 numbers");
  std::vector<double> mean(128, 0.0);
  for (const auto& d : e.descriptors)
    for (std::size_t i = 0; i < 128; ++i) mean[i] += d[i].get<double>() / double(e.descriptors.size());
  const nlohmann::json j{{"version", 1}, {"descriptors", e.descriptors}, {"mean", mean}, {"created_ms", e.created_ms}};
  store::write_file_atomic(enrolment_path(state_dir), j.dump() + "\n");
}

void clear_enrolment(const std::filesystem::path& state_dir) {
  std::error_code ec;
  std::filesystem::remove(enrolment_path(state_dir), ec);
}

}  // namespace om::agent
