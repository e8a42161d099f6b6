#pragma once
// One agent per OS user: an exclusive advisory lock on <runtime_dir>/agent.lock
// held for the agent's lifetime. The kernel drops it when the process dies
// (even by SIGKILL), so a crashed agent never blocks its successor. The file
// holds the owner's pid for diagnostics and tests.
#include <filesystem>
#include <optional>
#include <cstdint>
#include <string>

namespace om::agent {

class InstanceLock {
 public:
  // Returns nullopt when another process holds the lock; `holder` then says who.
  static std::optional<InstanceLock> acquire(const std::filesystem::path& file, std::string& holder);
  InstanceLock(InstanceLock&& other) noexcept;
  InstanceLock& operator=(InstanceLock&&) = delete;
  InstanceLock(const InstanceLock&) = delete;
  ~InstanceLock();

 private:
  explicit InstanceLock(std::intptr_t handle) : handle_(handle) {}
  std::intptr_t handle_ = -1;
};

}  // namespace om::agent
