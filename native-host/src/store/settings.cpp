#include "store/settings.hpp"

#include <stdexcept>

namespace om::store {

nlohmann::json to_json(const Settings& s) {
  return {{"away_after_s", s.away_after_s},       {"present_needed", s.present_needed},
          {"present_window", s.present_window},   {"grace_s", s.grace_s},
          {"match_threshold", s.match_threshold}, {"camera", s.camera},
          {"server_url", s.server_url}};
}

namespace {

int int_in(const nlohmann::json& v, const std::string& key, int lo, int hi) {
  if (!v.is_number_integer()) throw std::invalid_argument(key + " must be an integer");
  const auto x = v.get<long long>();
  if (x < lo || x > hi)
    throw std::invalid_argument(key + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return static_cast<int>(x);
}

std::string string_of(const nlohmann::json& v, const std::string& key, std::size_t max_len) {
  if (!v.is_string()) throw std::invalid_argument(key + " must be a string");
  auto s = v.get<std::string>();
  if (s.size() > max_len) throw std::invalid_argument(key + " is longer than " + std::to_string(max_len) + " bytes");
  return s;
}

}  // namespace

Settings apply_settings_patch(const Settings& base, const nlohmann::json& patch) {
  if (!patch.is_object()) throw std::invalid_argument("settings must be an object");
  Settings s = base;
  for (const auto& [key, v] : patch.items()) {
    if (key == "away_after_s") s.away_after_s = int_in(v, key, 5, 3600);
    else if (key == "present_needed") s.present_needed = int_in(v, key, 1, 10);
    else if (key == "present_window") s.present_window = int_in(v, key, 1, 10);
    else if (key == "grace_s") s.grace_s = int_in(v, key, 0, 3600);
    else if (key == "match_threshold") {
      if (!v.is_number()) throw std::invalid_argument("match_threshold must be a number");
      const double t = v.get<double>();
      if (!(t >= 0.2 && t <= 1.0)) throw std::invalid_argument("match_threshold must be between 0.2 and 1.0");
      s.match_threshold = t;
    } else if (key == "camera") {
      if (v.is_number_integer()) s.camera = std::to_string(int_in(v, key, 0, 63));
      else s.camera = string_of(v, key, 4096);
      if (s.camera.empty()) throw std::invalid_argument("camera must not be empty");
    } else if (key == "server_url") s.server_url = string_of(v, key, 2048);
    else throw std::invalid_argument("unknown setting \"" + key + "\"");
  }
  if (s.present_needed > s.present_window)
    throw std::invalid_argument("present_needed must not exceed present_window");
  return s;
}

}  // namespace om::store
