#pragma once
// The officemates-vision worker as a child process on the agent's io thread:
// its stdin/stdout are pipes carrying length-prefixed JSON frames
// (vision/WORKER-PROTOCOL.md); its stderr is the agent's (logs).
// POSIX only (posix_spawn + asio stream descriptors); Windows needs a
// named-pipe variant behind the same class.
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "protocol/frame.hpp"

#include <array>
#include <chrono>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <sys/types.h>

namespace om::agent {

class WorkerProcess : public std::enable_shared_from_this<WorkerProcess> {
 public:
  using OnMessage = std::function<void(const nlohmann::json&)>;
  // Exit status as from waitpid (or -1 when unknown); called once.
  using OnExit = std::function<void(int wait_status)>;

  // Throws std::system_error when the process cannot be started.
  static std::shared_ptr<WorkerProcess> spawn(boost::asio::io_context& io, const std::filesystem::path& exe,
                                              const std::vector<std::string>& args, OnMessage on_message, OnExit on_exit);
  ~WorkerProcess();

  void send(const nlohmann::json& message);
  // Polite stop: sends {"type":"stop"}, closes its stdin, and kills it if it
  // has not exited after `grace`.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

 private:
  WorkerProcess(boost::asio::io_context& io, pid_t pid, int in_fd, int out_fd, OnMessage m, OnExit e);
  void read_more();
  void write_more();
  void wait_for_exit(std::chrono::steady_clock::time_point kill_at);
  void poll_exit(std::chrono::steady_clock::time_point kill_at);
  void reaped(int status);

  pid_t pid_;
  boost::asio::posix::stream_descriptor in_;   // worker's stdin (we write)
  boost::asio::posix::stream_descriptor out_;  // worker's stdout (we read)
  boost::asio::steady_timer reap_timer_;
  OnMessage on_message_;
  OnExit on_exit_;
  protocol::FrameDecoder decoder_;
  std::array<char, 65536> buf_{};
  std::deque<std::string> outbox_;
  bool writing_ = false;
  bool stopping_ = false;
  bool waiting_ = false;
};

}  // namespace om::agent
