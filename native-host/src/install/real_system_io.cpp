// SystemIo on the real machine: std::filesystem plus the registry on Windows.
#include "install/registry.hpp"
#include "install/system_io.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

#ifndef _WIN32
#include <unistd.h>
#endif

namespace om::install {
namespace fs = std::filesystem;
namespace {

// Our strings are UTF-8; on Windows fs::path must be told so.
fs::path to_path(const std::string& s) { return fs::path(std::u8string(s.begin(), s.end())); }
std::string to_string(const fs::path& p) {
  const auto u = p.u8string();
  return std::string(u.begin(), u.end());
}

class RealSystemIo final : public SystemIo {
 public:
  std::optional<std::string> read_file(const std::string& path) override {
    std::ifstream in(to_path(path), std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  void write_file(const std::string& path, const std::string& content) override {
    const auto target = to_path(path);
    auto tmp = target;
    tmp += ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << content;
      out.flush();
      if (!out) throw std::runtime_error("cannot write " + to_string(tmp));
    }
    // Browsers run as the user; a system-wide manifest must be world-readable
    // even under a restrictive umask (root's postinst).
    fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
    fs::rename(tmp, target);
  }

  void copy_file(const std::string& from, const std::string& to) override {
    fs::copy_file(to_path(from), to_path(to), fs::copy_options::overwrite_existing);
    fs::permissions(to_path(to), fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                     fs::perms::others_read);
  }

  bool remove_file(const std::string& path) override {
    std::error_code ec;
    return fs::remove(to_path(path), ec);
  }

  bool exists(const std::string& path) override {
    std::error_code ec;
    return fs::exists(to_path(path), ec);
  }

  bool is_directory(const std::string& path) override {
    std::error_code ec;
    return fs::is_directory(to_path(path), ec);
  }

  bool is_executable_file(const std::string& path) override {
    std::error_code ec;
    if (!fs::is_regular_file(to_path(path), ec)) return false;
#ifdef _WIN32
    return true;
#else
    return ::access(path.c_str(), X_OK) == 0;
#endif
  }

  std::vector<std::string> list_files(const std::string& dir) override {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(to_path(dir), ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec)) out.push_back(to_string(it->path()));
    std::sort(out.begin(), out.end());
    return out;
  }

  void create_directory(const std::string& path) override {
    fs::create_directory(to_path(path));  // the umask decides: 0755 for root's system dirs
  }

  bool remove_directory_if_empty(const std::string& path) override {
    std::error_code ec;
    if (!fs::is_directory(to_path(path), ec) || !fs::is_empty(to_path(path), ec)) return false;
    return fs::remove(to_path(path), ec);
  }

  void remove_all(const std::string& path) override {
    std::error_code ec;
    fs::remove_all(to_path(path), ec);
  }

  std::string canonical(const std::string& path) override {
    std::error_code ec;
    auto c = fs::canonical(to_path(path), ec);
    return ec ? path : to_string(c);
  }

  std::optional<std::string> registry_default(const RegistryKey& key) override { return registry::get_default(key); }
  void set_registry_default(const RegistryKey& key, const std::string& value) override {
    registry::set_default(key, value);
  }
  bool delete_registry_key(const RegistryKey& key) override { return registry::delete_key(key); }
};

}  // namespace

SystemIo& real_system_io() {
  static RealSystemIo io;
  return io;
}

}  // namespace om::install
