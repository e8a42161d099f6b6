#pragma once
// Starts the real officemates-server on a free loopback port (--listen
// 127.0.0.1:0; the port is read from its "listening on" line) with a DB in
// a temp dir, and stops it (SIGTERM, then SIGKILL) when destroyed.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace omtest {

std::filesystem::path server_binary();

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class ServerProcess {
 public:
  // extra: more arguments, e.g. {"--presence-ttl", "1"}.
  ServerProcess(const std::filesystem::path& db, std::vector<std::string> extra = {}, bool demo = true);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  pid_t pid() const { return pid_; }
  void kill_hard();  // SIGKILL, as a crash would
  void stop();       // SIGTERM and wait

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
};

}  // namespace omtest
