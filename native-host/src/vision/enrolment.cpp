#include "vision/enrolment.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace om::vision {

Match match(const Enrolment& e, const Descriptor& d, double threshold) {
  Match m;
  m.distance = std::numeric_limits<double>::infinity();
  for (const auto& ref : e.descriptors) m.distance = std::min(m.distance, double(distance(ref, d)));
  m.matched = !e.descriptors.empty() && m.distance <= threshold;
  return m;
}

Descriptor mean_of(const std::vector<Descriptor>& ds) {
  Descriptor m{};
  if (ds.empty()) return m;
  for (const auto& d : ds)
    for (std::size_t i = 0; i < m.size(); ++i) m[i] += d[i];
  for (auto& v : m) v /= static_cast<float>(ds.size());
  return m;
}

nlohmann::json descriptors_to_json(const std::vector<Descriptor>& ds) {
  auto arr = nlohmann::json::array();
  for (const auto& d : ds) arr.push_back(d);
  return arr;
}

std::vector<Descriptor> descriptors_from_json(const nlohmann::json& j) {
  if (!j.is_array()) throw std::invalid_argument("descriptors must be an array");
  std::vector<Descriptor> out;
  for (const auto& row : j) {
    if (!row.is_array() || row.size() != 128) throw std::invalid_argument("each descriptor must have 128 numbers");
    Descriptor d{};
    for (std::size_t i = 0; i < 128; ++i) {
      if (!row[i].is_number()) throw std::invalid_argument("descriptor values must be numbers");
      d[i] = row[i].get<float>();
      if (!std::isfinite(d[i])) throw std::invalid_argument("descriptor values must be finite");
    }
    out.push_back(d);
  }
  return out;
}

nlohmann::json enrolment_to_json(const Enrolment& e) {
  return {{"version", 1}, {"descriptors", descriptors_to_json(e.descriptors)}, {"mean", mean_of(e.descriptors)}};
}

Enrolment enrolment_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("descriptors")) throw std::invalid_argument("not an enrolment: no descriptors");
  return {descriptors_from_json(j.at("descriptors"))};
}

}  // namespace om::vision
