#include "http/listener.hpp"

#include <spdlog/spdlog.h>

#include "http/connection.hpp"

namespace om::http {

Listener::Listener(asio::io_context& io, const tcp::endpoint& at, const Dispatcher& dispatcher, sse::Hub& hub)
    : io_(io), acceptor_(io), backoff_(io), dispatcher_(dispatcher), hub_(hub) {
  acceptor_.open(at.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(at);
  acceptor_.listen(asio::socket_base::max_listen_connections);
}

void Listener::start() { accept(); }

void Listener::stop() {
  beast::error_code ignored;
  backoff_.cancel();
  acceptor_.close(ignored);
}

void Listener::accept() {
  acceptor_.async_accept(asio::make_strand(io_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (ec) {
      // EMFILE and friends: log, back off 50 ms (the error would repeat at
      // once in a hot loop), then keep accepting rather than dying.
      spdlog::warn("accept failed: {}", ec.message());
      backoff_.expires_after(std::chrono::milliseconds(50));
      backoff_.async_wait([this](beast::error_code e) {
        if (!e) accept();
      });
      return;
    } else {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      std::make_shared<Connection>(std::move(socket), dispatcher_, hub_)->start();
    }
    accept();
  });
}

}  // namespace om::http
