#pragma once
// User settings kept by the agent (state.json "settings"). Unknown keys are
// rejected by settings.set; missing keys take these defaults.
#include <nlohmann/json.hpp>

#include <string>

namespace om::store {

struct Settings {
  int away_after_s = 30;
  int present_needed = 2;
  int present_window = 3;
  int grace_s = 60;
  double match_threshold = 0.6;
  std::string camera = "0";   // device index ("0") or a video/image-dir/timeline path
  std::string server_url;     // e.g. http://127.0.0.1:8080 ; empty = not configured
  bool operator==(const Settings&) const = default;
};

nlohmann::json to_json(const Settings& s);
// Applies the keys present in `patch` onto `base` after validating each; throws
// std::invalid_argument naming the bad key and the allowed range.
Settings apply_settings_patch(const Settings& base, const nlohmann::json& patch);

}  // namespace om::store
