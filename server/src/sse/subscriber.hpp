#pragma once
// One Server-Sent Events client. Owns the socket after the HTTP upgrade;
// writes shared batches in order on its strand. A client that falls too far
// behind is disconnected (it resumes with Last-Event-ID) so one slow reader
// cannot grow the server's memory without bound.
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

#include "http/types.hpp"

namespace om::sse {

class Subscriber : public std::enable_shared_from_this<Subscriber> {
 public:
  explicit Subscriber(http::beast::tcp_stream stream);
  // Sends the response head, then the queued data; watches for the peer closing.
  void start(std::string head);
  void send(std::shared_ptr<const std::string> chunk);
  bool closed() const { return closed_.load(); }
  void close();

  static constexpr std::size_t kMaxQueuedBytes = 4 * 1024 * 1024;

 private:
  void write_next();
  void watch_peer();

  http::beast::tcp_stream stream_;
  std::mutex mutex_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  std::atomic<bool> closed_{false};
  char read_buf_[256];
};

}  // namespace om::sse
