#pragma once
// Accepts TCP connections and starts a Connection for each on its own strand.
#include "http/dispatcher.hpp"
#include "sse/hub.hpp"

namespace om::http {

class Listener {
 public:
  Listener(asio::io_context& io, const tcp::endpoint& at, const Dispatcher& dispatcher, sse::Hub& hub);
  void start();
  void stop();
  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

 private:
  void accept();
  asio::io_context& io_;
  tcp::acceptor acceptor_;
  asio::steady_timer backoff_;
  const Dispatcher& dispatcher_;
  sse::Hub& hub_;
};

}  // namespace om::http
