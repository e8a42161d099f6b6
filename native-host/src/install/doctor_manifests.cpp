#include "install/doctor_manifests.hpp"

#include "install/manifest.hpp"

#include <algorithm>
#include <cctype>

namespace om::install {
namespace {

bool is_absolute(Os os, const std::string& p) {
  if (os != Os::Windows) return !p.empty() && p[0] == '/';
  return (p.size() > 2 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':' && (p[2] == '\\' || p[2] == '/')) ||
         p.rfind("\\\\", 0) == 0;
}

std::string install_command(Scope scope, Browser b) {
  return std::string(scope == Scope::System ? "sudo officemates-host install --system" : "officemates-host install") +
         " --browser " + std::string(name(b));
}

// The manifest file a browser would read for this scope, or "" if none: on
// Windows through the registry key, elsewhere the file in the table.
std::string registered_file(SystemIo& io, const ManifestLocation& loc) {
  if (loc.registry) return io.registry_default(*loc.registry).value_or("");
  return io.exists(loc.file) ? loc.file : "";
}

CheckResult check_one(SystemIo& io, const Platform& p, Browser browser, const std::vector<std::string>& ids,
                      Scope preferred) {
  CheckResult r{"manifest." + std::string(name(browser)), "native messaging host registered for " + std::string(name(browser)),
                CheckStatus::ok, "", ""};
  // User level first, then system: the order Chrome searches in.
  std::string file;
  Scope scope = preferred;
  for (auto s : {Scope::User, Scope::System}) {
    const auto loc = manifest_location(p.os, s, browser, p.roots);
    if (auto f = registered_file(io, loc); !f.empty()) {
      file = f;
      scope = s;
      break;
    }
  }
  auto fail = [&](std::string detail, std::string fix) {
    r.status = CheckStatus::fail;
    r.detail = std::move(detail);
    r.fix = std::move(fix);
    return r;
  };
  if (file.empty()) {
    const auto loc = manifest_location(p.os, preferred, browser, p.roots);
    return fail("no manifest at " + (loc.registry ? loc.registry->hive + "\\" + loc.registry->key : loc.file),
                install_command(preferred, browser));
  }
  const auto text = io.read_file(file);
  if (!text) return fail("registered manifest " + file + " does not exist", install_command(scope, browser));
  const auto m = parse_manifest(*text);
  if (!m) return fail(file + " is not a valid manifest for " + std::string(kHostName), install_command(scope, browser));
  if (!is_absolute(p.os, m->path))
    return fail(file + ": path \"" + m->path + "\" is not absolute", install_command(scope, browser));
  if (!io.is_executable_file(m->path))
    return fail(file + " points at " + m->path + ", which is not an executable file (moved or deleted?)",
                "run the host once from its new place (it repairs its manifests) or: " + install_command(scope, browser));
  for (const auto& id : ids) {
    if (std::find(m->allowed_origins.begin(), m->allowed_origins.end(), origin_for(id)) == m->allowed_origins.end())
      return fail(file + ": allowed_origins lacks " + origin_for(id),
                  install_command(scope, browser) + " --extension-id " + id);
  }
  r.detail = file + " -> " + m->path;
  return r;
}

}  // namespace

std::vector<CheckResult> check_manifests(SystemIo& io, const Platform& platform) {
  std::vector<Browser> browsers;
  std::vector<std::string> ids;
  Scope preferred = Scope::User;
  for (auto scope : {Scope::User, Scope::System}) {
    const auto rec = load_record(io, record_file(platform.os, scope, platform.roots));
    if (!rec) continue;
    if (browsers.empty() && ids.empty()) preferred = scope;
    for (const auto& m : rec->manifests)
      if (std::find(browsers.begin(), browsers.end(), m.browser) == browsers.end()) browsers.push_back(m.browser);
    for (const auto& id : rec->extension_ids)
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  // Nothing recorded: expect every browser and the default extension.
  if (browsers.empty()) browsers.assign(std::begin(kAllBrowsers), std::end(kAllBrowsers));
  if (ids.empty()) ids.emplace_back(kDefaultExtensionId);
  std::sort(browsers.begin(), browsers.end());

  std::vector<CheckResult> out;
  for (auto b : browsers) out.push_back(check_one(io, platform, b, ids, preferred));
  return out;
}

}  // namespace om::install
