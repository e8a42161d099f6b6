#include "install/locations.hpp"

#include "common/paths.hpp"
#include "install/manifest.hpp"

#include <array>
#include <cstdlib>
#include <stdexcept>
#include <utility>

namespace om::install {
namespace {

enum class Base { ConfigHome, Home, SystemRoot, LocalAppData, ProgramData };

struct Row {
  Os os;
  Scope scope;
  Browser browser;
  Base base;
  std::array<std::string_view, 5> dir;  // relative to base; unused slots stay empty
  std::string_view registry_key;                // Windows only: key under HKCU/HKLM (without the host name)
};

// Sources: developer.chrome.com/docs/extensions/develop/concepts/native-messaging
// and learn.microsoft.com/microsoft-edge/extensions/developer-guide/native-messaging.
// Windows keeps the manifest file in our own directory; the registry key is
// what the browser reads, its default value points at that file.
const Row kTable[] = {
    {Os::Linux, Scope::User, Browser::Chrome, Base::ConfigHome, {"google-chrome", "NativeMessagingHosts"}, {}},
    {Os::Linux, Scope::User, Browser::Chromium, Base::ConfigHome, {"chromium", "NativeMessagingHosts"}, {}},
    {Os::Linux, Scope::User, Browser::Edge, Base::ConfigHome, {"microsoft-edge", "NativeMessagingHosts"}, {}},
    {Os::Linux, Scope::System, Browser::Chrome, Base::SystemRoot, {"etc", "opt", "chrome", "native-messaging-hosts"}, {}},
    {Os::Linux, Scope::System, Browser::Chromium, Base::SystemRoot, {"etc", "chromium", "native-messaging-hosts"}, {}},
    {Os::Linux, Scope::System, Browser::Edge, Base::SystemRoot, {"etc", "opt", "edge", "native-messaging-hosts"}, {}},

    {Os::MacOS, Scope::User, Browser::Chrome, Base::Home,
     {"Library", "Application Support", "Google", "Chrome", "NativeMessagingHosts"}, {}},
    {Os::MacOS, Scope::User, Browser::Chromium, Base::Home,
     {"Library", "Application Support", "Chromium", "NativeMessagingHosts"}, {}},
    {Os::MacOS, Scope::User, Browser::Edge, Base::Home,
     {"Library", "Application Support", "Microsoft Edge", "NativeMessagingHosts"}, {}},
    {Os::MacOS, Scope::System, Browser::Chrome, Base::SystemRoot, {"Library", "Google", "Chrome", "NativeMessagingHosts"}, {}},
    {Os::MacOS, Scope::System, Browser::Chromium, Base::SystemRoot,
     {"Library", "Application Support", "Chromium", "NativeMessagingHosts"}, {}},
    {Os::MacOS, Scope::System, Browser::Edge, Base::SystemRoot, {"Library", "Microsoft", "Edge", "NativeMessagingHosts"}, {}},

    {Os::Windows, Scope::User, Browser::Chrome, Base::LocalAppData, {"OfficeMates", "NativeMessagingHosts", "chrome"},
     "Software\\Google\\Chrome\\NativeMessagingHosts"},
    {Os::Windows, Scope::User, Browser::Chromium, Base::LocalAppData, {"OfficeMates", "NativeMessagingHosts", "chromium"},
     "Software\\Chromium\\NativeMessagingHosts"},
    {Os::Windows, Scope::User, Browser::Edge, Base::LocalAppData, {"OfficeMates", "NativeMessagingHosts", "edge"},
     "Software\\Microsoft\\Edge\\NativeMessagingHosts"},
    {Os::Windows, Scope::System, Browser::Chrome, Base::ProgramData, {"OfficeMates", "NativeMessagingHosts", "chrome"},
     "Software\\Google\\Chrome\\NativeMessagingHosts"},
    {Os::Windows, Scope::System, Browser::Chromium, Base::ProgramData,
     {"OfficeMates", "NativeMessagingHosts", "chromium"}, "Software\\Chromium\\NativeMessagingHosts"},
    {Os::Windows, Scope::System, Browser::Edge, Base::ProgramData, {"OfficeMates", "NativeMessagingHosts", "edge"},
     "Software\\Microsoft\\Edge\\NativeMessagingHosts"},
};

const std::string& base_dir(Base base, const Roots& r) {
  switch (base) {
    case Base::ConfigHome: return r.config_home;
    case Base::Home: return r.home;
    case Base::SystemRoot: return r.system_root;
    case Base::LocalAppData: return r.local_app_data;
    case Base::ProgramData: return r.program_data;
  }
  throw std::logic_error("unknown base");
}

std::string require(const std::string& dir, std::string_view what) {
  if (dir.empty()) throw std::runtime_error("cannot locate " + std::string(what) + ": its environment variable is not set");
  return dir;
}

std::string env(const char* n) {
  const char* v = std::getenv(n);
  return v ? v : "";
}

}  // namespace

std::string join(Os os, std::string base, std::span<const std::string_view> parts) {
  const char sep = os == Os::Windows ? '\\' : '/';
  for (auto p : parts) {
    if (p.empty()) continue;
    if (!base.empty() && base.back() != sep && !(os == Os::Windows && base.back() == '/')) base += sep;
    base += p;
  }
  return base;
}

std::string join(Os os, std::string base, std::initializer_list<std::string_view> parts) {
  return join(os, std::move(base), std::span<const std::string_view>(parts.begin(), parts.size()));
}

std::string parent_of(Os os, const std::string& file) {
  const auto pos = os == Os::Windows ? file.find_last_of("\\/") : file.find_last_of('/');
  if (pos == std::string::npos) return "";
  if (pos == 0) return file.substr(0, 1);
  return file.substr(0, pos);
}

ManifestLocation manifest_location(Os os, Scope scope, Browser browser, const Roots& roots) {
  for (const auto& row : kTable) {
    if (row.os != os || row.scope != scope || row.browser != browser) continue;
    const auto dir = join(os, require(base_dir(row.base, roots), "the manifest directory"), row.dir);
    ManifestLocation loc{browser, scope, join(os, dir, {std::string(kHostName) + ".json"}), std::nullopt};
    if (!row.registry_key.empty())
      loc.registry = RegistryKey{scope == Scope::System ? "HKLM" : "HKCU",
                                 std::string(row.registry_key) + "\\" + std::string(kHostName)};
    return loc;
  }
  throw std::logic_error("no manifest location for this browser/OS/scope");
}

std::vector<ManifestLocation> manifest_locations(Os os, Scope scope, const Roots& roots) {
  std::vector<ManifestLocation> out;
  for (auto b : kAllBrowsers) out.push_back(manifest_location(os, scope, b, roots));
  return out;
}

// These agree with paths::model_dir(): OFFICEMATES_MODEL_DIR, else
// <exe>/../share/officemates/models (so /usr/bin -> /usr/share/officemates/models).
std::string models_dir(Os os, Scope scope, const Roots& r) {
  switch (os) {
    case Os::Linux:
      return scope == Scope::System ? join(os, r.system_root, {"usr", "share", "officemates", "models"})
                                    : join(os, require(r.data_home, "the data directory"), {"officemates", "models"});
    case Os::MacOS:
      return scope == Scope::System
                 ? join(os, r.system_root, {"Library", "Application Support", "OfficeMates", "models"})
                 : join(os, require(r.home, "HOME"), {"Library", "Application Support", "OfficeMates", "models"});
    case Os::Windows:
      return join(os, require(scope == Scope::System ? r.program_data : r.local_app_data, "the data directory"),
                  {"OfficeMates", "models"});
  }
  throw std::logic_error("unknown OS");
}

std::string record_file(Os os, Scope scope, const Roots& r) {
  if (scope == Scope::User) return join(os, require(r.user_state, "the state directory"), {"install-record.json"});
  switch (os) {
    case Os::Linux: return join(os, r.system_root, {"var", "lib", "officemates", "install-record.json"});
    case Os::MacOS:
      return join(os, r.system_root, {"Library", "Application Support", "OfficeMates", "install-record.json"});
    case Os::Windows:
      return join(os, require(r.program_data, "%ProgramData%"), {"OfficeMates", "install-record.json"});
  }
  throw std::logic_error("unknown OS");
}

Roots roots_from_environment() {
  Roots r;
#ifdef _WIN32
  r.home = env("USERPROFILE");
#else
  r.home = env("HOME");
#endif
  r.config_home = env("XDG_CONFIG_HOME");
  if (r.config_home.empty() && !r.home.empty()) r.config_home = join(current_os(), r.home, {".config"});
  r.data_home = env("XDG_DATA_HOME");
  if (r.data_home.empty() && !r.home.empty()) r.data_home = join(current_os(), r.home, {".local", "share"});
  r.user_state = paths::state_dir().string();
  r.local_app_data = env("LOCALAPPDATA");
  r.program_data = env("ProgramData");
  if (auto root = env("OFFICEMATES_INSTALL_ROOT"); !root.empty()) r.system_root = root;
#ifdef _WIN32
  r.system_root = "";
#endif
  return r;
}

}  // namespace om::install
