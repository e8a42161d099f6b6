#pragma once
// enrolment.json in the state dir: the enrolled person's face descriptors
// (128 numbers each) and their mean, never an image. Written atomically.
// {"version":1,"descriptors":[[...128]...],"mean":[...128],"created_ms":...}
#include <nlohmann/json.hpp>

#include <filesystem>

namespace om::agent {

struct EnrolmentFile {
  nlohmann::json descriptors = nlohmann::json::array();  // validated: arrays of 128 finite numbers
  std::int64_t created_ms = 0;
  bool empty() const { return descriptors.empty(); }
};

std::filesystem::path enrolment_path(const std::filesystem::path& state_dir);
// Missing -> empty; corrupt -> moved aside by the store and empty.
EnrolmentFile load_enrolment(const std::filesystem::path& state_dir);
// Throws std::invalid_argument when `descriptors` are not 128-number arrays.
void save_enrolment(const std::filesystem::path& state_dir, const EnrolmentFile& e);
void clear_enrolment(const std::filesystem::path& state_dir);
bool valid_descriptors(const nlohmann::json& descriptors);

}  // namespace om::agent
