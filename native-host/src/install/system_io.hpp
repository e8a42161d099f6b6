#pragma once
// Everything the installer does to the machine goes through this interface:
// files and, on Windows, the registry. The real implementation touches the
// machine; tests use an in-memory fake, which is how the Windows and macOS
// paths and registry writes are tested on Linux.
#include "install/locations.hpp"

#include <optional>
#include <string>
#include <vector>

namespace om::install {

class SystemIo {
 public:
  virtual ~SystemIo() = default;

  virtual std::optional<std::string> read_file(const std::string& path) = 0;
  // Replaces `path` atomically (temp file + rename) with mode 0644; the
  // directory must exist.
  virtual void write_file(const std::string& path, const std::string& content) = 0;
  virtual void copy_file(const std::string& from, const std::string& to) = 0;
  virtual bool remove_file(const std::string& path) = 0;  // true if something was removed
  virtual bool exists(const std::string& path) = 0;
  virtual bool is_directory(const std::string& path) = 0;
  virtual bool is_executable_file(const std::string& path) = 0;
  virtual std::vector<std::string> list_files(const std::string& dir) = 0;  // regular files, full paths, sorted
  virtual void create_directory(const std::string& path) = 0;              // one level; parent exists
  virtual bool remove_directory_if_empty(const std::string& path) = 0;
  virtual void remove_all(const std::string& path) = 0;
  // Resolves symlinks and ".." when the path exists; else returns it unchanged.
  virtual std::string canonical(const std::string& path) = 0;

  virtual std::optional<std::string> registry_default(const RegistryKey& key) = 0;
  virtual void set_registry_default(const RegistryKey& key, const std::string& value) = 0;
  virtual bool delete_registry_key(const RegistryKey& key) = 0;
};

// The machine this runs on. Registry methods throw outside Windows (no
// location row asks for them there).
SystemIo& real_system_io();

}  // namespace om::install
