#pragma once
// One HTTP/1.1 connection: reads the header, applies the route's body cap
// (413 without reading an oversized body), dispatches, writes, keeps alive.
// An SSE route hands the socket over to the hub.
#include <array>
#include <memory>
#include <optional>

#include "http/dispatcher.hpp"
#include "sse/hub.hpp"

namespace om::http {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, const Dispatcher& dispatcher, sse::Hub& hub);
  void start();

 private:
  void read_header();
  void on_header(beast::error_code ec);
  void on_body(beast::error_code ec);
  void write(Response res, bool close_after);
  void close();
  void linger_close();  // after refusing a body: drain it so the client reads our answer
  void start_sse(const SseUpgrade& up);

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  const Dispatcher& dispatcher_;
  sse::Hub& hub_;
  std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
  std::shared_ptr<Response> res_;
  bool refused_body_ = false;
  std::size_t drained_ = 0;
  std::array<char, 16384> scratch_{};
};

}  // namespace om::http
