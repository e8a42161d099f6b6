#pragma once
// What install wrote, so uninstall removes exactly that and the host knows
// which manifests are its own when it repairs stale paths at start.
#include "install/locations.hpp"
#include "install/platform.hpp"
#include "install/system_io.hpp"

#include <optional>
#include <string>
#include <vector>

namespace om::install {

struct WrittenManifest {
  Browser browser;
  std::string file;
  std::optional<RegistryKey> registry;
  bool operator==(const WrittenManifest&) const = default;
};

struct InstallRecord {
  Scope scope = Scope::User;
  std::string exe;                          // the host the manifests point at
  std::vector<std::string> extension_ids;   // allowed origins, as IDs
  std::vector<WrittenManifest> manifests;
  std::vector<std::string> created_dirs;    // in creation order (parents first)
  std::string models_dir;                   // empty when no models were copied
  std::vector<std::string> model_files;
};

std::string serialize(const InstallRecord& r);
// nullopt for a missing or unreadable record; a corrupt record is reported by
// the caller as such (it never guesses what to delete).
std::optional<InstallRecord> parse_record(const std::string& text);

std::optional<InstallRecord> load_record(SystemIo& io, const std::string& file);

}  // namespace om::install
