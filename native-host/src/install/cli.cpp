#include "install/cli.hpp"

#include "common/paths.hpp"
#include "install/doctor.hpp"
#include "common/paths.hpp"
#include "install/installer.hpp"
#include "install/manifest.hpp"

#include <algorithm>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace om::install {
namespace {

constexpr std::string_view kUsage =
    "usage:\n"
    "  officemates-host install [--system] [--browser chrome|chromium|edge|all]... [--extension-id ID]...\n"
    "                           [--models-from DIR | --no-models]\n"
    "  officemates-host uninstall [--system] [--purge]\n"
    "  officemates-host doctor [--json]\n"
    "\n"
    "install   registers the native messaging host for the browsers (per user, or system-wide with\n"
    "          --system) and copies the recognition models where the agent finds them.\n"
    "          --extension-id replaces the default extension ID (" "dkkcednaiplllonaknmddgahkiahlkli" "); repeat it to allow several.\n"
    "uninstall removes exactly what install wrote; --purge also deletes the user's OfficeMates state.\n"
    "doctor    checks manifests, models, camera, agent and server; exit 1 if something is wrong.\n";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string path_string(const std::filesystem::path& p) {
  const auto u = p.u8string();
  return std::string(u.begin(), u.end());
}

bool is_command(std::string_view s) { return s == "install" || s == "uninstall" || s == "doctor"; }

Platform this_platform() { return Platform{current_os(), roots_from_environment()}; }

void print(const Report& report) {
  for (const auto& l : report.lines) std::cout << "  " << l << "\n";
  for (const auto& w : report.warnings) std::cerr << "warning: " << w << "\n";
}

int run_install(const std::vector<std::string_view>& args) {
  InstallOptions o;
  bool no_models = false;
  std::string models_from;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw UsageError(std::string(a) + " needs a value");
      return std::string(args[++i]);
    };
    if (a == "--system") {
      o.scope = Scope::System;
    } else if (a == "--browser") {
      const auto b = value();
      if (b == "all") {
        o.browsers.assign(std::begin(kAllBrowsers), std::end(kAllBrowsers));
      } else if (auto parsed = parse_browser(b)) {
        o.browsers.push_back(*parsed);
      } else {
        throw UsageError("unknown browser \"" + b + "\" (chrome, chromium, edge or all)");
      }
    } else if (a == "--extension-id") {
      const auto id = value();
      if (!is_valid_extension_id(id)) throw UsageError("not an extension ID (32 letters a-p): " + id);
      o.extension_ids.push_back(id);
    } else if (a == "--models-from") {
      models_from = value();
    } else if (a == "--no-models") {
      no_models = true;
    } else if (a == "--exe") {  // packaging: register a path other than the running binary
      o.exe = value();
    } else {
      throw UsageError("unknown option " + std::string(a));
    }
  }
  if (o.exe.empty()) o.exe = path_string(paths::self_exe());

  const auto platform = this_platform();
  if (!no_models) {
    o.models_from = models_from.empty() ? path_string(paths::model_dir()) : models_from;
    // Already where the agent looks (the package put them there): nothing to copy.
    if (models_from.empty()) {
      auto& io = real_system_io();
      const auto src = io.canonical(o.models_from);
      for (auto scope : {Scope::User, Scope::System})
        if (src == io.canonical(models_dir(platform.os, scope, platform.roots))) o.models_from.clear();
    }
  }

  Installer installer(real_system_io(), platform);
  std::cout << "officemates-host install (" << name(o.scope) << "):\n";
  const auto report = installer.install(o);
  print(report);
  return report.ok ? 0 : 1;
}

int run_uninstall(const std::vector<std::string_view>& args) {
  UninstallOptions o;
  for (auto a : args) {
    if (a == "--system") o.scope = Scope::System;
    else if (a == "--purge") o.purge = true;
    else throw UsageError("unknown option " + std::string(a));
  }
  Installer installer(real_system_io(), this_platform());
  std::cout << "officemates-host uninstall (" << name(o.scope) << "):\n";
  const auto report = installer.uninstall(o);
  print(report);
  return report.ok ? 0 : 1;
}

int run_doctor(const std::vector<std::string_view>& args) {
  bool json = false;
  for (auto a : args) {
    if (a == "--json") json = true;
    else throw UsageError("unknown option " + std::string(a));
  }
  return doctor(json);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv, argv + argc);
  // Accept both main(argc, argv) forwarded whole and argv starting at the command.
  if (!args.empty() && !is_command(args.front())) args.erase(args.begin());
  if (args.empty() || args.front() == "--help" || args.front() == "-h") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const auto command = args.front();
  args.erase(args.begin());
  for (auto a : args)
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
  try {
    if (command == "install") return run_install(args);
    if (command == "uninstall") return run_uninstall(args);
    if (command == "doctor") return run_doctor(args);
    throw UsageError("unknown command " + std::string(command));
  } catch (const UsageError& e) {
    std::cerr << "officemates-host: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "officemates-host " << command << " failed: " << e.what() << "\n";
    const bool system = std::find(args.begin(), args.end(), "--system") != args.end();
    if (system && std::string_view(e.what()).find("ermission denied") != std::string_view::npos)
      std::cerr << "system-wide locations need administrator rights: run it with sudo\n";
    return 1;
  }
}

}  // namespace om::install
