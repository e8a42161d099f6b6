#pragma once
// camera.list without OpenCV (the agent does not link it, and listing must not
// switch a camera on): /dev/video* capture nodes with their sysfs names.
#include <nlohmann/json.hpp>

namespace om::agent {
// [{"index":0,"path":"/dev/video0","name":"Integrated Camera"}, ...]; empty off Linux.
nlohmann::json list_camera_devices();
}
