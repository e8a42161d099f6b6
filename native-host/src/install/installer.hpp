#pragma once
// install / uninstall / repair over a SystemIo and a location table. No
// knowledge of argv or of the real machine: the CLI and the tests drive it.
#include "install/install_record.hpp"
#include "install/locations.hpp"
#include "install/platform.hpp"
#include "install/system_io.hpp"

#include <string>
#include <vector>

namespace om::install {

struct Platform {
  Os os;
  Roots roots;
};

struct InstallOptions {
  Scope scope = Scope::User;
  std::vector<Browser> browsers;           // empty = all
  std::vector<std::string> extension_ids;  // empty = the default ID
  std::string exe;                         // absolute path the manifests point at
  std::string models_from;                 // where built models are; empty = do not install models
};

struct UninstallOptions {
  Scope scope = Scope::User;
  bool purge = false;  // also delete the user's state directory (system: our record directory)
};

// Human-readable lines describing what was done; `warnings` do not fail the
// command (e.g. models not built yet), `ok` false means it did fail.
struct Report {
  bool ok = true;
  std::vector<std::string> lines;
  std::vector<std::string> warnings;
};

class Installer {
 public:
  Installer(SystemIo& io, Platform platform) : io_(io), platform_(std::move(platform)) {}

  Report install(const InstallOptions& options);
  Report uninstall(const UninstallOptions& options);
  // Rewrites manifests listed in the record of `scope` whose path is no longer
  // an executable file, so they point at `exe`. Manifests pointing at another
  // existing host (a package beside a dev build) are left alone. Returns the
  // number rewritten.
  int repair(Scope scope, const std::string& exe);

  std::string record_path(Scope scope) const { return record_file(platform_.os, scope, platform_.roots); }

 private:
  void ensure_directory(const std::string& dir, InstallRecord& record);
  void install_models(const std::string& from, Scope scope, InstallRecord& record, Report& report);
  void write_manifest(const std::string& file, const std::string& exe, const std::vector<std::string>& ids);

  SystemIo& io_;
  Platform platform_;
};

}  // namespace om::install
