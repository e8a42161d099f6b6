#pragma once
// The browser side of the bridge: frames in on stdin, frames out on stdout.
// stdout carries nothing but frames; logs go to stderr and the log file.
#include "protocol/frame.hpp"
#include "transport/framed_connection.hpp"

#include <boost/asio/io_context.hpp>

#include <functional>
#include <memory>
#include <string_view>

namespace om::bridge {

class BrowserPort {
 public:
  virtual ~BrowserPort() = default;
  // Starts reading stdin; on_close fires once when stdin ends or fails.
  virtual void start(std::function<void(protocol::FrameEvent)> on_frame,
                     std::function<void(transport::CloseReason)> on_close) = 0;
  virtual void send(std::string_view body) = 0;
  // `done` runs when everything sent so far is out (or stdout is gone).
  virtual void after_flush(std::function<void()> done) = 0;
  // Stops reading stdin (used before exiting).
  virtual void stop() = 0;
  // Set when stdout fails (the browser went away): the bridge exits.
  std::function<void()> on_output_lost;
};

// Binary stdio: POSIX descriptors under asio; on Windows a reader thread
// (anonymous pipes do not support overlapped I/O) with stdio in _O_BINARY.
std::unique_ptr<BrowserPort> make_stdio_port(boost::asio::io_context& io);

}  // namespace om::bridge
