#include "config/options.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string_view>

#ifndef OM_SOURCE_WEB_ROOT
#define OM_SOURCE_WEB_ROOT ""
#endif

namespace om::config {
namespace {

int to_int(std::string_view flag, const std::string& v, int lo, int hi) {
  try {
    std::size_t used = 0;
    const int n = std::stoi(v, &used);
    if (used != v.size() || n < lo || n > hi) throw std::out_of_range("range");
    return n;
  } catch (const std::exception&) {
    throw std::invalid_argument(std::string(flag) + ": expected an integer in [" + std::to_string(lo) + ", " +
                                std::to_string(hi) + "], got '" + v + "'");
  }
}

constexpr const char* kUsage =
    "usage: officemates-server [--listen HOST:PORT] [--db FILE] [--demo] [--web-root DIR]\n"
    "                          [--presence-ttl SECONDS] [--threads N] [--seed-load GROUPS:USERS]\n"
    "  --listen        address to listen on (default 127.0.0.1:8080; port 0 = any free port,\n"
    "                  the chosen one is printed as 'listening on HOST:PORT')\n"
    "  --db            SQLite database file (WAL), created and migrated when missing\n"
    "  --demo          seed the demo groups, reasons, admin and staff (see server/README.md)\n"
    "  --web-root      directory of the static pages\n"
    "  --presence-ttl  seconds without heartbeat before a user shows offline (default 90)\n"
    "  --seed-load     benchmarks: seed GROUPS extra groups of USERS users each\n";

}  // namespace

std::optional<Options> parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(std::string(a) + " needs a value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return std::nullopt;
    } else if (a == "--listen") {
      const auto v = value();
      const auto colon = v.rfind(':');
      if (colon == std::string::npos) throw std::invalid_argument("--listen: expected HOST:PORT");
      o.listen_host = v.substr(0, colon);
      o.listen_port = static_cast<std::uint16_t>(to_int("--listen port", v.substr(colon + 1), 0, 65535));
    } else if (a == "--db") {
      o.db_path = value();
    } else if (a == "--demo") {
      o.demo = true;
    } else if (a == "--web-root") {
      o.web_root = value();
    } else if (a == "--presence-ttl") {
      o.presence_ttl_s = to_int(a, value(), 1, 86400);
    } else if (a == "--threads") {
      o.threads = to_int(a, value(), 1, 64);
    } else if (a == "--seed-load") {
      const auto v = value();
      const auto colon = v.find(':');
      if (colon == std::string::npos) throw std::invalid_argument("--seed-load: expected GROUPS:USERS");
      o.load_groups = to_int("--seed-load groups", v.substr(0, colon), 1, 1000);
      o.load_users_per_group = to_int("--seed-load users", v.substr(colon + 1), 1, 1000);
    } else {
      throw std::invalid_argument("unknown option '" + std::string(a) + "'\n" + kUsage);
    }
  }
  return o;
}

std::string default_web_root(const char* argv0) {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("OFFICEMATES_WEB_ROOT"); env && *env) return env;
  std::error_code ec;
  const auto exe = fs::canonical("/proc/self/exe", ec);
  const fs::path base = ec ? fs::path(argv0).parent_path() : exe.parent_path();
  const auto installed = base / ".." / "share" / "officemates" / "web";
  if (fs::is_directory(installed, ec)) return fs::weakly_canonical(installed, ec).string();
  return OM_SOURCE_WEB_ROOT;
}

}  // namespace om::config
