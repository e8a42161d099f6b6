// Outside Windows there is no registry; no location row refers to one there.
#ifndef _WIN32
#include "install/registry.hpp"

#include <stdexcept>

namespace om::install::registry {

std::optional<std::string> get_default(const RegistryKey&) { return std::nullopt; }
void set_default(const RegistryKey&, const std::string&) {
  throw std::logic_error("the registry exists only on Windows");
}
bool delete_key(const RegistryKey&) { return false; }

}  // namespace om::install::registry
#endif
