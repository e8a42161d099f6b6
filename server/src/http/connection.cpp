#include "http/connection.hpp"

#include <chrono>
#include <cstdint>
#include <limits>

namespace om::http {

namespace bhttp = beast::http;
using namespace std::chrono_literals;

Connection::Connection(tcp::socket socket, const Dispatcher& dispatcher, sse::Hub& hub)
    : stream_(std::move(socket)), dispatcher_(dispatcher), hub_(hub) {}

void Connection::start() {
  asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
}

void Connection::read_header() {
  parser_.emplace();
  parser_->header_limit(16 * 1024);
  // Beast checks Content-Length against its default 1 MiB cap while reading
  // the header; lift it here and apply the route's own cap in on_header.
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  stream_.expires_after(60s);  // idle keep-alive / slow header limit
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void Connection::on_header(beast::error_code ec) {
  if (ec) return close();
  const auto& req = parser_->get();
  const auto limit = dispatcher_.body_limit(req.method(), req.target());
  if (const auto len = parser_->content_length(); len && *len > limit) {
    auto res = Dispatcher::error_response(req, 413, "TOO_LARGE",
                                          "request body over " + std::to_string(limit) + " bytes");
    Dispatcher::add_security_headers(res);
    refused_body_ = true;
    return write(std::move(res), true);  // the unread body makes the stream unusable
  }
  parser_->body_limit(limit);
  stream_.expires_after(60s);
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code e, std::size_t) { self->on_body(e); });
}

void Connection::on_body(beast::error_code ec) {
  if (ec == bhttp::error::body_limit) {
    auto res = Dispatcher::error_response(parser_->get(), 413, "TOO_LARGE", "request body too large");
    Dispatcher::add_security_headers(res);
    refused_body_ = true;
    return write(std::move(res), true);
  }
  if (ec) return close();
  auto req = parser_->release();
  auto out = dispatcher_.dispatch(req);
  if (out.sse) return start_sse(*out.sse);
  write(std::move(out.response), !req.keep_alive());
}

void Connection::write(Response res, bool close_after) {
  res.keep_alive(!close_after);
  res_ = std::make_shared<Response>(std::move(res));
  stream_.expires_after(60s);
  bhttp::async_write(stream_, *res_, [self = shared_from_this(), close_after](beast::error_code ec, std::size_t) {
    self->res_.reset();
    if (!ec && close_after && self->refused_body_) return self->linger_close();
    if (ec || close_after) return self->close();
    self->read_header();
  });
}

void Connection::start_sse(const SseUpgrade& up) {
  auto sub = std::make_shared<sse::Subscriber>(std::move(stream_));
  sub->start(
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n"
      "Connection: keep-alive\r\nX-Accel-Buffering: no\r\nX-Content-Type-Options: nosniff\r\n\r\n"
      "retry: 2000\n\n");
  hub_.subscribe(up.group_id, sub, up.last_event_id);
}

// Closing a socket with unread input makes the kernel send RST, which can
// destroy our 413 before the client reads it. So: stop sending, then read and
// discard what the client still sends (bounded: 16 MiB or 5 s), then close.
void Connection::linger_close() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(5s);
  stream_.async_read_some(asio::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    self->drained_ += n;
    if (ec || self->drained_ > 16 * 1024 * 1024) return self->close();
    self->refused_body_ = true;
    self->linger_close();
  });
}

void Connection::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.close();
}

}  // namespace om::http
