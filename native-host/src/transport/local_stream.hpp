#pragma once
// The local channel between bridge and agent: a Unix domain socket in the
// private runtime directory on POSIX, a named pipe on Windows. Everything
// above this header sees only LocalStream and an endpoint path.
#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <string>

#ifdef _WIN32
#include <boost/asio/windows/stream_handle.hpp>
#else
#include <boost/asio/local/stream_protocol.hpp>
#endif

namespace om::transport {

#ifdef _WIN32
using LocalStream = boost::asio::windows::stream_handle;
#else
using LocalStream = boost::asio::local::stream_protocol::socket;
#endif

// Where the agent listens: <runtime_dir>/agent.sock, or on Windows
// \\.\pipe\officemates-<user> (pipes live in their own namespace).
std::filesystem::path agent_endpoint();

// Connects synchronously (a local connect either succeeds or fails at once).
// Returns false with `error` set when nobody is listening.
bool connect_local(LocalStream& stream, const std::filesystem::path& endpoint, std::string& error);

}  // namespace om::transport
