#pragma once
// The enrolled person: descriptors only, never an image. Same JSON as the
// agent's enrolment.json: {"version":1,"descriptors":[[128 floats]...],"mean":[128]}.
#include "vision/face_net.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <vector>

namespace om::vision {

struct Enrolment {
  std::vector<Descriptor> descriptors;
  bool empty() const { return descriptors.empty(); }
};

struct Match {
  bool matched = false;
  double distance = 0;  // to the nearest enrolled descriptor
};

// Nearest enrolled descriptor by Euclidean distance; matched when <= threshold.
Match match(const Enrolment& e, const Descriptor& d, double threshold);

Descriptor mean_of(const std::vector<Descriptor>& ds);
nlohmann::json descriptors_to_json(const std::vector<Descriptor>& ds);
// Throws std::invalid_argument on anything but arrays of 128 finite numbers.
std::vector<Descriptor> descriptors_from_json(const nlohmann::json& j);

nlohmann::json enrolment_to_json(const Enrolment& e);
Enrolment enrolment_from_json(const nlohmann::json& j);

}  // namespace om::vision
