#pragma once
// Test harness for the sync tests: temp dirs, free ports, child processes
// (officemates-server, officemates-agent), an SSE listener and an agent
// socket client. Every process started here is killed and reaped by its
// destructor, so a failing test leaves nothing running.
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace om::test {

std::filesystem::path bin_dir();  // OFFICEMATES_BIN_DIR
bool have_binary(const std::string& name);

struct TempDir {
  std::filesystem::path path;
  TempDir();
  ~TempDir();
};

// A TCP port on 127.0.0.1 nobody listens on right now.
int free_port();

// Polls `cond` every 20 ms until true or `timeout`.
bool wait_until(const std::function<bool()>& cond, std::chrono::milliseconds timeout);

class Process {
 public:
  Process(std::vector<std::string> argv, std::map<std::string, std::string> env,
          std::filesystem::path log_file);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  void kill_hard();  // SIGKILL + reap
  void terminate();  // SIGTERM, wait up to 5 s, then SIGKILL
  bool running();
  int pid() const { return pid_; }
  std::string log() const;

 private:
  void reap(std::chrono::milliseconds timeout);
  int pid_ = -1;
  std::filesystem::path log_file_;
};

// officemates-server --listen 127.0.0.1:<port> --db <db> --demo, ready when it answers HTTP.
class ServerProcess {
 public:
  ServerProcess(int port, std::filesystem::path db, std::filesystem::path log,
                std::vector<std::string> extra_args = {});
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void start();
  void kill_hard() { proc_.reset(); }
  bool up() const { return proc_ != nullptr; }
  std::string log() const { return proc_ ? proc_->log() : std::string(); }

 private:
  int port_;
  std::filesystem::path db_, log_;
  std::vector<std::string> extra_args_;
  std::unique_ptr<Process> proc_;
};

// Small synchronous HTTP helpers on top of the product's client.
struct Http {
  long status = 0;
  nlohmann::json body;
  std::string error;
};
Http http(const std::string& method, const std::string& url, const std::string& token = {},
          const nlohmann::json& body = nullptr);
// Device token for a demo user; throws on failure.
std::string device_token(const std::string& base, const std::string& email, const std::string& password);

// Follows /api/v1/groups/{id}/events and records every `presence` event.
class SseListener {
 public:
  SseListener(std::string url, std::string token);
  ~SseListener();
  std::vector<nlohmann::json> presence_events() const;
  bool connected() const { return connected_; }
  void stop();

 private:
  void run();
  std::string url_, token_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> connected_{false};
  mutable std::mutex mutex_;
  std::string pending_;
  std::string event_name_;
  std::vector<nlohmann::json> events_;
  std::thread thread_;
  friend std::size_t sse_on_data(char*, std::size_t, std::size_t, void*);
  void feed(std::string_view data);
};

// Speaks the agent's framing (4-byte native-endian length + JSON) on its socket.
class AgentClient {
 public:
  explicit AgentClient(const std::filesystem::path& socket);
  ~AgentClient();
  // Sends {v:1,id,type,...params} and waits for the reply with that id;
  // events read meanwhile are kept for events().
  nlohmann::json call(const std::string& type, nlohmann::json params = nlohmann::json::object(),
                      std::chrono::milliseconds timeout = std::chrono::seconds(15));
  std::vector<nlohmann::json> events() const { return events_; }
  void clear_events() { events_.clear(); }
  // Reads for up to `timeout` collecting events until `pred` holds for one.
  bool wait_event(const std::function<bool(const nlohmann::json&)>& pred, std::chrono::milliseconds timeout);

 private:
  std::optional<nlohmann::json> read_frame(std::chrono::milliseconds timeout);
  int fd_ = -1;
  int next_id_ = 1;
  std::vector<nlohmann::json> events_;
};

}  // namespace om::test
