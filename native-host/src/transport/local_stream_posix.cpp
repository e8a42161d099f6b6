#ifndef _WIN32
#include "common/paths.hpp"
#include "transport/local_server.hpp"
#include "transport/local_stream.hpp"

#include <spdlog/spdlog.h>

#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <system_error>

namespace om::transport {
namespace fs = std::filesystem;
using boost::asio::local::stream_protocol;

fs::path agent_endpoint() { return paths::runtime_dir() / "agent.sock"; }

bool connect_local(LocalStream& stream, const fs::path& endpoint, std::string& error) {
  boost::system::error_code ec;
  if (stream.is_open()) stream.close(ec);
  stream.connect(stream_protocol::endpoint(endpoint.string()), ec);
  if (ec) {
    error = ec.message();
    stream.close(ec);
    return false;
  }
  return true;
}

bool peer_is_same_user(LocalStream& stream) {
#if defined(__linux__)
  ucred cred{};
  socklen_t len = sizeof cred;
  if (::getsockopt(stream.native_handle(), SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) return false;
  return cred.uid == ::getuid();
#else
  uid_t uid = 0;
  gid_t gid = 0;
  if (::getpeereid(stream.native_handle(), &uid, &gid) != 0) return false;
  return uid == ::getuid();
#endif
}

LocalServer::LocalServer(boost::asio::io_context& io, fs::path endpoint)
    : endpoint_(std::move(endpoint)), acceptor_(io) {
  std::error_code fec;
  fs::remove(endpoint_, fec);  // stale socket from a killed agent; we hold the lock
  stream_protocol::endpoint ep(endpoint_.string());
  acceptor_.open(ep.protocol());
  acceptor_.bind(ep);
  acceptor_.listen();
}

LocalServer::~LocalServer() { close(); }

void LocalServer::start(AcceptHandler on_accept) {
  on_accept_ = std::move(on_accept);
  accept_next();
}

void LocalServer::accept_next() {
  if (closed_) return;
  acceptor_.async_accept([this](const boost::system::error_code& ec, stream_protocol::socket peer) {
    if (closed_ || ec == boost::asio::error::operation_aborted) return;
    if (ec) {
      spdlog::warn("accept failed: {}", ec.message());
    } else if (!peer_is_same_user(peer)) {
      spdlog::warn("refused a local connection from another user");
    } else {
      on_accept_(std::move(peer));
    }
    accept_next();
  });
}

void LocalServer::close() {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ec;
  acceptor_.close(ec);
  std::error_code fec;
  fs::remove(endpoint_, fec);
}

}  // namespace om::transport
#endif
