#include "bridge/browser_port.hpp"

#include <spdlog/spdlog.h>

#ifdef _WIN32
#include <boost/asio/post.hpp>
#include <fcntl.h>
#include <io.h>
#include <cstdio>
#include <thread>
#else
#include <boost/asio/posix/stream_descriptor.hpp>
#include <unistd.h>
#endif

namespace om::bridge {

#ifndef _WIN32
namespace {
using Descriptor = boost::asio::posix::stream_descriptor;
using Channel = transport::FramedConnection<Descriptor>;

class PosixStdioPort final : public BrowserPort {
 public:
  explicit PosixStdioPort(boost::asio::io_context& io)
      : in_(std::make_shared<Channel>(Descriptor(io, ::dup(STDIN_FILENO)))),
        out_(std::make_shared<Channel>(Descriptor(io, ::dup(STDOUT_FILENO)))) {}
  ~PosixStdioPort() override {
    in_->close();
    out_->close();
  }

  void start(std::function<void(protocol::FrameEvent)> on_frame,
             std::function<void(transport::CloseReason)> on_close) override {
    out_->set_close_handler([this](transport::CloseReason why) {
      if (why != transport::CloseReason::local && on_output_lost) on_output_lost();
    });
    in_->start({std::move(on_frame), std::move(on_close)});
  }
  void send(std::string_view body) override {
    if (!out_->send(body)) spdlog::warn("dropped a {}-byte frame to the browser", body.size());
  }
  void after_flush(std::function<void()> done) override { out_->after_flush(std::move(done)); }
  void stop() override { in_->close(); }

 private:
  std::shared_ptr<Channel> in_;
  std::shared_ptr<Channel> out_;
};
}  // namespace

std::unique_ptr<BrowserPort> make_stdio_port(boost::asio::io_context& io) {
  return std::make_unique<PosixStdioPort>(io);
}

#else
namespace {
// Windows: not built on the Linux CI. The reader thread posts each chunk to
// the io thread, which owns the decoder; writes are small and blocking.
class WindowsStdioPort final : public BrowserPort {
 public:
  explicit WindowsStdioPort(boost::asio::io_context& io) : io_(io) {
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
  }
  ~WindowsStdioPort() override {
    if (reader_.joinable()) reader_.detach();  // blocked in read(); the process is exiting
  }
  void start(std::function<void(protocol::FrameEvent)> on_frame,
             std::function<void(transport::CloseReason)> on_close) override {
    on_frame_ = std::move(on_frame);
    on_close_ = std::move(on_close);
    reader_ = std::thread([this] {
      char buf[64 * 1024];
      for (;;) {
        const int n = _read(_fileno(stdin), buf, sizeof buf);
        if (n <= 0) break;
        boost::asio::post(io_, [this, chunk = std::string(buf, static_cast<std::size_t>(n))] { feed(chunk); });
      }
      boost::asio::post(io_, [this] { finish(); });
    });
  }
  void send(std::string_view body) override {
    if (body.empty() || body.size() > protocol::kMaxFrameBytes) return;
    const auto frame = protocol::encode_frame(body);
    if (std::fwrite(frame.data(), 1, frame.size(), stdout) != frame.size() || std::fflush(stdout) != 0) {
      if (on_output_lost) on_output_lost();
    }
  }
  void after_flush(std::function<void()> done) override { done(); }
  void stop() override { stopped_ = true; }

 private:
  void feed(std::string_view data) {
    while (!data.empty() && !stopped_) {
      data.remove_prefix(decoder_.feed(data));
      while (auto ev = decoder_.next()) {
        const bool desync = ev->error == protocol::FrameError::Desync;
        on_frame_(std::move(*ev));
        if (desync) {
          stopped_ = true;
          return on_close_(transport::CloseReason::desync);
        }
      }
    }
  }
  void finish() {
    if (stopped_) return;
    stopped_ = true;
    on_close_(decoder_.mid_frame() ? transport::CloseReason::eof_mid_frame : transport::CloseReason::eof);
  }

  boost::asio::io_context& io_;
  std::thread reader_;
  protocol::FrameDecoder decoder_;
  std::function<void(protocol::FrameEvent)> on_frame_;
  std::function<void(transport::CloseReason)> on_close_;
  bool stopped_ = false;
};
}  // namespace

std::unique_ptr<BrowserPort> make_stdio_port(boost::asio::io_context& io) {
  return std::make_unique<WindowsStdioPort>(io);
}
#endif

}  // namespace om::bridge
