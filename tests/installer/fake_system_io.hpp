#pragma once
// In-memory SystemIo: files, directories and a registry, for any OS's path
// syntax. Lets the Windows and macOS installer paths run on Linux.
#include "install/system_io.hpp"

#include <map>
#include <set>
#include <stdexcept>
#include <string>

namespace om::install::testing {

class FakeSystemIo final : public SystemIo {
 public:
  explicit FakeSystemIo(Os os) : os_(os) {}

  std::map<std::string, std::string> files;
  std::set<std::string> dirs;
  std::set<std::string> executables;
  std::map<std::string, std::string> registry;  // "HKCU\\Software\\..." -> default value

  // Marks `dir` and all its parents as existing (the machine's own dirs).
  void add_existing_dir(const std::string& dir) {
    for (auto d = dir; !d.empty() && !dirs.contains(d); d = parent_of(os_, d)) {
      dirs.insert(d);
      if (parent_of(os_, d) == d) break;
    }
  }

  std::optional<std::string> read_file(const std::string& path) override {
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  }
  void write_file(const std::string& path, const std::string& content) override {
    if (!dirs.contains(parent_of(os_, path))) throw std::runtime_error("no directory for " + path);
    files[path] = content;
  }
  void copy_file(const std::string& from, const std::string& to) override {
    auto text = read_file(from);
    if (!text) throw std::runtime_error("no file " + from);
    write_file(to, *text);
  }
  bool remove_file(const std::string& path) override { return files.erase(path) > 0; }
  bool exists(const std::string& path) override { return files.contains(path) || dirs.contains(path); }
  bool is_directory(const std::string& path) override { return dirs.contains(path); }
  bool is_executable_file(const std::string& path) override { return executables.contains(path) && files.contains(path); }
  std::vector<std::string> list_files(const std::string& dir) override {
    std::vector<std::string> out;
    for (const auto& [path, _] : files)
      if (parent_of(os_, path) == dir) out.push_back(path);
    return out;
  }
  void create_directory(const std::string& path) override {
    if (!dirs.contains(parent_of(os_, path))) throw std::runtime_error("no parent for " + path);
    dirs.insert(path);
  }
  bool remove_directory_if_empty(const std::string& path) override {
    if (!dirs.contains(path)) return false;
    for (const auto& [f, _] : files)
      if (parent_of(os_, f) == path) return false;
    for (const auto& d : dirs)
      if (d != path && parent_of(os_, d) == path) return false;
    dirs.erase(path);
    return true;
  }
  void remove_all(const std::string& path) override {
    const auto under = [&](const std::string& p) { return p == path || p.rfind(path + sep(), 0) == 0; };
    std::erase_if(files, [&](const auto& kv) { return under(kv.first); });
    std::erase_if(dirs, under);
  }
  std::string canonical(const std::string& path) override { return path; }

  std::optional<std::string> registry_default(const RegistryKey& key) override {
    auto it = registry.find(key.hive + "\\" + key.key);
    if (it == registry.end()) return std::nullopt;
    return it->second;
  }
  void set_registry_default(const RegistryKey& key, const std::string& value) override {
    if (os_ != Os::Windows) throw std::logic_error("registry write outside Windows");
    registry[key.hive + "\\" + key.key] = value;
  }
  bool delete_registry_key(const RegistryKey& key) override { return registry.erase(key.hive + "\\" + key.key) > 0; }

 private:
  std::string sep() const { return os_ == Os::Windows ? "\\" : "/"; }
  Os os_;
};

// Typical roots per OS, every one existing on the fake machine.
inline Roots fake_roots(Os os) {
  Roots r;
  switch (os) {
    case Os::Linux:
      r.home = "/home/ann";
      r.config_home = "/home/ann/.config";
      r.data_home = "/home/ann/.local/share";
      r.user_state = "/home/ann/.local/state/officemates";
      break;
    case Os::MacOS:
      r.home = "/Users/ann";
      r.user_state = "/Users/ann/Library/Application Support/OfficeMates";
      break;
    case Os::Windows:
      r.home = "C:\\Users\\ann";
      r.local_app_data = "C:\\Users\\ann\\AppData\\Local";
      r.program_data = "C:\\ProgramData";
      r.user_state = "C:\\Users\\ann\\AppData\\Local\\OfficeMates";
      r.system_root = "";
      break;
  }
  return r;
}

}  // namespace om::install::testing
