// Windows named pipe transport behind the same interface as the Unix socket.
// Compile-guarded: it cannot be built or run on the Linux CI, so it is kept
// small and follows the documented overlapped ConnectNamedPipe pattern.
#ifdef _WIN32
#include "transport/local_server.hpp"
#include "transport/local_stream.hpp"

#include <boost/asio/windows/overlapped_ptr.hpp>
#include <spdlog/spdlog.h>

#include <windows.h>

namespace om::transport {
namespace fs = std::filesystem;

fs::path agent_endpoint() {
  wchar_t user[256];
  DWORD n = 256;
  std::wstring name = L"\\\\.\\pipe\\officemates-";
  name += GetUserNameW(user, &n) ? std::wstring(user) : std::wstring(L"user");
  return fs::path(name);
}

bool connect_local(LocalStream& stream, const fs::path& endpoint, std::string& error) {
  HANDLE h = CreateFileW(endpoint.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING,
                         FILE_FLAG_OVERLAPPED, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    error = "cannot open pipe (error " + std::to_string(GetLastError()) + ")";
    return false;
  }
  boost::system::error_code ec;
  if (stream.is_open()) stream.close(ec);
  stream.assign(h);
  return true;
}

// Named pipes created without a security descriptor are already limited to
// the creating user and administrators; PIPE_REJECT_REMOTE_CLIENTS keeps it local.
bool peer_is_same_user(LocalStream&) { return true; }

LocalServer::LocalServer(boost::asio::io_context& io, fs::path endpoint) : endpoint_(std::move(endpoint)), io_(io) {}
LocalServer::~LocalServer() { close(); }

void LocalServer::start(AcceptHandler on_accept) {
  on_accept_ = std::move(on_accept);
  accept_next();
}

void LocalServer::accept_next() {
  if (closed_) return;
  HANDLE h = CreateNamedPipeW(endpoint_.c_str(), PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED,
                              PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS,
                              PIPE_UNLIMITED_INSTANCES, 64 * 1024, 64 * 1024, 0, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    spdlog::error("CreateNamedPipe failed: {}", GetLastError());
    return;
  }
  auto pipe = std::make_shared<LocalStream>(io_, h);
  boost::asio::windows::overlapped_ptr op(io_, [this, pipe](const boost::system::error_code& ec, std::size_t) {
    if (closed_) return;
    if (!ec) on_accept_(std::move(*pipe));
    accept_next();
  });
  if (!ConnectNamedPipe(h, op.get())) {
    const DWORD err = GetLastError();
    if (err == ERROR_PIPE_CONNECTED) {
      op.complete(boost::system::error_code(), 0);
    } else if (err != ERROR_IO_PENDING) {
      op.complete(boost::system::error_code(static_cast<int>(err), boost::asio::error::get_system_category()), 0);
    } else {
      op.release();
    }
  } else {
    op.release();
  }
}

void LocalServer::close() { closed_ = true; }

}  // namespace om::transport
#endif
