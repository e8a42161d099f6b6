#pragma once
// One framed byte stream (Unix socket, named pipe, stdin or stdout) driven by
// asio on the caller's io thread. Reads are cut into frames by
// protocol::FrameDecoder, so no peer can make us buffer more than 1 MiB per
// frame; writes are queued and bounded so a peer that stops reading is
// dropped instead of growing our memory.
#include "protocol/frame.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace om::transport {

enum class CloseReason {
  eof,           // peer closed between frames
  eof_mid_frame, // peer closed inside a length prefix or body (truncated)
  desync,        // absurd length prefix: stream cannot be trusted
  error,         // read/write error
  overflow,      // peer does not read and our write queue hit its bound
  local,         // close() was called
};

// Unread output we hold for one peer before giving up on it.
inline constexpr std::size_t kMaxQueuedBytes = 8 * protocol::kMaxFrameBytes;

template <class Stream>
class FramedConnection : public std::enable_shared_from_this<FramedConnection<Stream>> {
 public:
  // on_frame sees every decoded frame or frame error (ZeroLength, TooLarge,
  // Desync); on_close is called exactly once, after which nothing else is.
  struct Handlers {
    std::function<void(protocol::FrameEvent)> on_frame;
    std::function<void(CloseReason)> on_close;
  };

  explicit FramedConnection(Stream stream) : stream_(std::move(stream)) {}

  // Starts the read loop. A write-only stream (stdout) need not call this.
  void start(Handlers handlers) {
    handlers_ = std::move(handlers);
    read_more();
  }
  void set_close_handler(std::function<void(CloseReason)> fn) { handlers_.on_close = std::move(fn); }

  // Queues one frame; false when the body is above the 1 MiB bound (nothing sent).
  bool send(std::string_view body) {
    if (closed_) return false;
    if (body.size() > protocol::kMaxFrameBytes || body.empty()) return false;
    queued_ += body.size() + 4;
    out_.push_back(protocol::encode_frame(body));
    if (queued_ > kMaxQueuedBytes) {
      finish(CloseReason::overflow);
      return false;
    }
    if (!writing_) write_more();
    return true;
  }

  // Calls `done` once everything queued so far has been written (or the
  // stream failed); used before exiting so a last error reply is not lost.
  void after_flush(std::function<void()> done) {
    if (closed_ || out_.empty()) {
      done();
      return;
    }
    flushed_ = std::move(done);
  }

  void close() { finish(CloseReason::local); }
  bool is_open() const { return !closed_; }
  Stream& stream() { return stream_; }

 private:
  void read_more() {
    if (closed_) return;
    stream_.async_read_some(boost::asio::buffer(buf_),
                            [self = this->shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
                              self->on_read(ec, n);
                            });
  }

  void on_read(const boost::system::error_code& ec, std::size_t n) {
    if (closed_) return;
    std::string_view data(buf_.data(), n);
    while (!data.empty() && !closed_) {
      const auto used = decoder_.feed(data);
      data.remove_prefix(used);
      while (auto ev = decoder_.next()) {
        const bool desync = ev->error == protocol::FrameError::Desync;
        if (handlers_.on_frame) handlers_.on_frame(std::move(*ev));
        if (desync) return finish(CloseReason::desync);
        if (closed_) return;
      }
      if (used == 0) break;  // decoder stalled (cannot happen without a pending event); avoid spinning
    }
    if (ec) return finish(ec == boost::asio::error::eof
                              ? (decoder_.mid_frame() ? CloseReason::eof_mid_frame : CloseReason::eof)
                              : CloseReason::error);
    read_more();
  }

  void write_more() {
    if (closed_ || out_.empty()) {
      writing_ = false;
      if (!closed_ && flushed_) std::exchange(flushed_, nullptr)();
      return;
    }
    writing_ = true;
    boost::asio::async_write(stream_, boost::asio::buffer(out_.front()),
                             [self = this->shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                               if (self->closed_) return;
                               if (ec) return self->finish(CloseReason::error);
                               self->queued_ -= self->out_.front().size();
                               self->out_.pop_front();
                               self->write_more();
                             });
  }

  void finish(CloseReason why) {
    if (closed_) return;
    closed_ = true;
    boost::system::error_code ignored;
    stream_.close(ignored);
    out_.clear();
    if (flushed_) std::exchange(flushed_, nullptr)();
    if (auto fn = std::exchange(handlers_.on_close, nullptr)) fn(why);
    handlers_.on_frame = nullptr;
  }

  Stream stream_;
  protocol::FrameDecoder decoder_;
  std::array<char, 64 * 1024> buf_{};
  std::deque<std::string> out_;
  std::size_t queued_ = 0;
  bool writing_ = false;
  bool closed_ = false;
  Handlers handlers_;
  std::function<void()> flushed_;
};

}  // namespace om::transport
