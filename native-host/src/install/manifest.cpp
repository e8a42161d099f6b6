#include "install/manifest.hpp"

namespace om::install {

bool is_valid_extension_id(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id)
    if (c < 'a' || c > 'p') return false;
  return true;
}

std::string origin_for(std::string_view extension_id) {
  return "chrome-extension://" + std::string(extension_id) + "/";
}

nlohmann::json to_json(const Manifest& m) {
  return {{"name", kHostName},
          {"description", kHostDescription},
          {"path", m.path},
          {"type", "stdio"},
          {"allowed_origins", m.allowed_origins}};
}

std::optional<Manifest> parse_manifest(std::string_view text) {
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  const auto name = j.find("name");
  const auto path = j.find("path");
  if (name == j.end() || !name->is_string() || name->get<std::string>() != kHostName) return std::nullopt;
  if (path == j.end() || !path->is_string()) return std::nullopt;
  Manifest m{path->get<std::string>(), {}};
  if (const auto o = j.find("allowed_origins"); o != j.end() && o->is_array())
    for (const auto& e : *o)
      if (e.is_string()) m.allowed_origins.push_back(e.get<std::string>());
  return m;
}

}  // namespace om::install
