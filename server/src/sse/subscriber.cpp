#include "sse/subscriber.hpp"

namespace om::sse {

namespace asio = http::asio;

Subscriber::Subscriber(http::beast::tcp_stream stream) : stream_(std::move(stream)) {
  stream_.expires_never();
}

void Subscriber::start(std::string head) {
  send(std::make_shared<const std::string>(std::move(head)));
  asio::post(stream_.get_executor(), [self = shared_from_this()] { self->watch_peer(); });
}

void Subscriber::send(std::shared_ptr<const std::string> chunk) {
  if (closed_) return;
  bool start_write = false;
  {
    std::lock_guard lock(mutex_);
    queued_bytes_ += chunk->size();
    if (queued_bytes_ > kMaxQueuedBytes) {
      start_write = false;
      queue_.clear();
      closed_ = true;
    } else {
      queue_.push_back(std::move(chunk));
      if (!writing_) writing_ = start_write = true;
    }
  }
  if (closed_) {
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->close(); });
    return;
  }
  if (start_write) asio::post(stream_.get_executor(), [self = shared_from_this()] { self->write_next(); });
}

void Subscriber::write_next() {
  std::shared_ptr<const std::string> chunk;
  {
    std::lock_guard lock(mutex_);
    if (queue_.empty() || closed_) {
      writing_ = false;
      return;
    }
    chunk = queue_.front();
  }
  asio::async_write(stream_.socket(), asio::buffer(*chunk),
                    [self = shared_from_this(), chunk](boost::system::error_code ec, std::size_t) {
                      if (ec) {
                        self->close();
                        return;
                      }
                      {
                        std::lock_guard lock(self->mutex_);
                        if (!self->queue_.empty()) {
                          self->queued_bytes_ -= self->queue_.front()->size();
                          self->queue_.pop_front();
                        }
                      }
                      self->write_next();
                    });
}

// SSE clients never send after the request; a completed read means the peer
// closed (or misbehaves) — either way the stream ends.
void Subscriber::watch_peer() {
  stream_.socket().async_read_some(asio::buffer(read_buf_),
                                   [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                                     if (ec) self->close();
                                     else self->watch_peer();
                                   });
}

void Subscriber::close() {
  closed_ = true;
  boost::system::error_code ignored;
  stream_.socket().shutdown(http::tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
}

}  // namespace om::sse
