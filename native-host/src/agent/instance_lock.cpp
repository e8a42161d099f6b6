#include "agent/instance_lock.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <system_error>

#ifdef _WIN32
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

namespace om::agent {

#ifndef _WIN32
std::optional<InstanceLock> InstanceLock::acquire(const std::filesystem::path& file, std::string& holder) {
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "open " + file.string());
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char buf[32] = {};
    const auto n = ::pread(fd, buf, sizeof buf - 1, 0);
    holder = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("unknown");
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    ::close(fd);
    return std::nullopt;
  }
  const auto pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    // The lock itself holds; only the diagnostic pid is missing.
  }
  return InstanceLock(fd);
}

InstanceLock::~InstanceLock() {
  if (handle_ >= 0) ::close(static_cast<int>(handle_));  // releases the flock
}
#else
std::optional<InstanceLock> InstanceLock::acquire(const std::filesystem::path& file, std::string& holder) {
  // No share mode: a second CreateFile fails while we hold the handle.
  HANDLE h = CreateFileW(file.c_str(), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, nullptr, OPEN_ALWAYS,
                         FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    holder = "another agent";
    return std::nullopt;
  }
  const auto pid = std::to_string(GetCurrentProcessId()) + "\n";
  DWORD written = 0;
  SetEndOfFile(h);
  WriteFile(h, pid.data(), static_cast<DWORD>(pid.size()), &written, nullptr);
  return InstanceLock(reinterpret_cast<std::intptr_t>(h));
}

InstanceLock::~InstanceLock() {
  if (handle_ != -1) CloseHandle(reinterpret_cast<HANDLE>(handle_));
}
#endif

InstanceLock::InstanceLock(InstanceLock&& other) noexcept : handle_(other.handle_) { other.handle_ = -1; }

}  // namespace om::agent
