#include "agent/camera/camera_list.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

namespace om::agent {

nlohmann::json list_camera_devices() {
  auto out = nlohmann::json::array();
#ifdef __linux__
  std::error_code ec;
  std::vector<std::pair<int, nlohmann::json>> found;
  for (const auto& e : std::filesystem::directory_iterator("/dev", ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("video", 0) != 0 || name.size() == 5 ||
        name.find_first_not_of("0123456789", 5) != std::string::npos)
      continue;
    // UVC cameras expose a metadata node as well; sysfs "index" 0 is the capture node.
    std::ifstream idx("/sys/class/video4linux/" + name + "/index");
    int node = 0;
    if (idx >> node && node != 0) continue;
    std::string label;
    std::ifstream n("/sys/class/video4linux/" + name + "/name");
    std::getline(n, label);
    const int index = std::stoi(name.substr(5));
    found.push_back({index, {{"index", index}, {"path", e.path().string()}, {"name", label}}});
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& f : found) out.push_back(std::move(f.second));
#endif
  return out;
}

}  // namespace om::agent
