#pragma once
// Bridge mode: one per browser port. Relays frames between the browser
// (stdin/stdout) and the per-user agent (local socket), starting the agent if
// nobody answers and reconnecting with backoff when it goes away.
#include "bridge/browser_port.hpp"
#include "transport/framed_connection.hpp"
#include "transport/local_stream.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace om::bridge {

struct BridgeOptions {
  std::filesystem::path endpoint;                          // agent socket / pipe
  std::optional<std::filesystem::path> agent_exe;          // nullopt: cannot start one
  std::chrono::milliseconds hold_for{3000};                // requests wait this long for the agent
  std::chrono::milliseconds max_backoff{1000};             // reconnect backoff ceiling
  std::chrono::milliseconds relaunch_every{1000};          // at most one agent start per period (crash loops)
};

class Bridge {
 public:
  Bridge(boost::asio::io_context& io, std::unique_ptr<BrowserPort> browser, BridgeOptions options);
  // Runs until stdin ends; returns the process exit code.
  int run();

 private:
  using AgentChannel = transport::FramedConnection<transport::LocalStream>;
  struct Held {
    std::string body;
    std::chrono::steady_clock::time_point since;
  };

  void on_browser_frame(protocol::FrameEvent ev);
  void on_browser_closed(transport::CloseReason why);
  void try_connect();
  void schedule_connect(std::chrono::milliseconds delay);
  void on_agent_connected(transport::LocalStream stream);
  void on_agent_lost(transport::CloseReason why);
  void forward_to_agent(std::string body);
  void expire_held();
  void arm_hold_timer();
  void send_agent_event(bool connected);
  void fail_in_flight();
  void exit_after_flush(int code);

  boost::asio::io_context& io_;
  std::unique_ptr<BrowserPort> browser_;
  BridgeOptions options_;
  std::shared_ptr<AgentChannel> agent_;
  std::deque<Held> held_;
  // Ids sent to the agent and not answered yet: if the agent dies they get an
  // AGENT_UNAVAILABLE reply, so no caller waits for an answer that never comes.
  std::multiset<std::int64_t> in_flight_;
  boost::asio::steady_timer connect_timer_;
  boost::asio::steady_timer hold_timer_;
  std::chrono::milliseconds backoff_{0};
  std::optional<std::chrono::steady_clock::time_point> last_launch_;
  bool hold_timer_armed_ = false;
  bool exiting_ = false;
  int exit_code_ = 0;
};

}  // namespace om::bridge
