#pragma once
// The Windows registry calls behind SystemIo (registry_windows.cpp). Only
// compiled into Windows builds; elsewhere these throw std::logic_error.
#include "install/locations.hpp"

#include <optional>
#include <string>

namespace om::install::registry {

std::optional<std::string> get_default(const RegistryKey& key);
void set_default(const RegistryKey& key, const std::string& value);
bool delete_key(const RegistryKey& key);

}  // namespace om::install::registry
