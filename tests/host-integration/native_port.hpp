#pragma once
// Test helpers that act like a browser: start officemates-host with a caller
// origin and speak native messaging over its stdin/stdout, with timeouts so a
// broken host fails the test instead of hanging it.
#include <boost/process/child.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/pipe.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace om::test {

inline constexpr const char* kAllowedOrigin = "chrome-extension://dkkcednaiplllonaknmddgahkiahlkli/";

std::filesystem::path bin_dir();

// Waits for `child` to exit by polling (Boost 1.74's wait_for can sleep the
// whole timeout when SIGCHLD came early). Kills it on timeout; nullopt then.
std::optional<int> wait_or_kill(boost::process::child& child, std::chrono::milliseconds timeout);

// A private state dir and runtime dir for one test, exported as
// OFFICEMATES_STATE_DIR/RUNTIME_DIR in this process's environment so every
// child inherits them (Boost 1.74's bp::environment lookup overreads under
// ASan, so it is not used). Kills the agent that ran there (pid from the lock
// file) and removes everything on destruction. One at a time per process.
class TempHome {
 public:
  TempHome();
  ~TempHome();
  TempHome(const TempHome&) = delete;
  TempHome& operator=(const TempHome&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path state_dir() const { return root_ / "state"; }
  std::filesystem::path runtime_dir() const { return root_ / "run"; }

  // Pid written by the running agent into its lock file, if it is alive and is an agent.
  std::optional<int> agent_pid() const;
  // SIGKILLs the agent and waits (bounded) until it is gone.
  void kill_agent(int sig = 9);

 private:
  std::filesystem::path root_;
};

// One browser port: a bridge process.
class NativePort {
 public:
  explicit NativePort(const TempHome& home, const std::string& origin = kAllowedOrigin,
                      const std::filesystem::path& host_exe = {});
  ~NativePort();
  NativePort(const NativePort&) = delete;
  NativePort& operator=(const NativePort&) = delete;

  void send(const nlohmann::json& message);
  void send_raw(const std::string& bytes);
  // Next frame of any kind (reply or event), or nullopt after `timeout` / EOF.
  std::optional<nlohmann::json> next(std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // Sends a request with a fresh id and returns the reply with that id;
  // events met on the way are kept for wait_event().
  nlohmann::json request(nlohmann::json request, std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // Returns the first event called `name` (already received or arriving in time)
  // that satisfies `match`.
  std::optional<nlohmann::json> wait_event(const std::string& name,
                                           std::chrono::milliseconds timeout = std::chrono::seconds(15),
                                           const std::function<bool(const nlohmann::json&)>& match = {});
  // Frames that arrive (ids or errors) without being asked for.
  std::optional<nlohmann::json> wait_reply_with_id(const nlohmann::json& id, std::chrono::milliseconds timeout);

  void close_stdin();
  // Exit code, or nullopt if it did not exit in time (then it is killed).
  std::optional<int> wait_exit(std::chrono::milliseconds timeout = std::chrono::seconds(15));
  int pid() { return child_.id(); }
  std::string stderr_text() const;

 private:
  bool read_exact(std::string& out, std::size_t n, std::chrono::steady_clock::time_point deadline);

  boost::process::pipe in_;
  boost::process::pipe out_;
  std::filesystem::path stderr_file_;
  boost::process::child child_;
  std::deque<nlohmann::json> pending_;
  std::string buffer_;
  int next_id_ = 1000;
  bool eof_ = false;
};

}  // namespace om::test
