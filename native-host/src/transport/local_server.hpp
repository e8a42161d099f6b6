#pragma once
// Accepts local connections for the agent. On POSIX only peers running as our
// own uid are handed on (SO_PEERCRED / getpeereid); others are closed at once.
#include "transport/local_stream.hpp"

#include <functional>
#include <memory>

#ifndef _WIN32
#include <boost/asio/local/stream_protocol.hpp>
#endif

namespace om::transport {

class LocalServer {
 public:
  using AcceptHandler = std::function<void(LocalStream)>;

  // Binds the endpoint (replacing a stale socket file: the caller holds the
  // agent lock, so no live agent owns it). Throws std::system_error on failure.
  LocalServer(boost::asio::io_context& io, std::filesystem::path endpoint);
  ~LocalServer();
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  // Starts accepting; `on_accept` runs on the io thread for each trusted peer.
  void start(AcceptHandler on_accept);
  void close();

 private:
  void accept_next();

  std::filesystem::path endpoint_;
  AcceptHandler on_accept_;
  bool closed_ = false;
#ifdef _WIN32
  boost::asio::io_context& io_;  // each pipe instance is created on demand
#else
  boost::asio::local::stream_protocol::acceptor acceptor_;
#endif
};

// True when the connected peer runs as the same user as this process.
bool peer_is_same_user(LocalStream& stream);

}  // namespace om::transport
