#pragma once
// Stand-ins for the agent (Unix socket, native-messaging framing) and for the
// server (one-line HTTP) so the doctor's agent/server checks are tested
// without depending on the real ones' state.
#include <nlohmann/json.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <thread>

namespace om::install::testing {

class FakeAgent {
 public:
  // replies: request type -> fields merged into {"v":1,"id":<id>,"ok":true}.
  FakeAgent(const std::filesystem::path& socket_path, std::map<std::string, nlohmann::json> replies)
      : replies_(std::move(replies)) {
    fd_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, socket_path.c_str(), sizeof(addr.sun_path) - 1);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 4) != 0)
      throw std::runtime_error("fake agent cannot listen on " + socket_path.string());
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeAgent() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }

 private:
  static bool read_all(int fd, void* buf, std::size_t n) {
    auto* p = static_cast<char*>(buf);
    while (n > 0) {
      const auto r = ::read(fd, p, n);
      if (r <= 0) return false;
      p += r;
      n -= static_cast<std::size_t>(r);
    }
    return true;
  }
  void serve() {
    while (!stop_) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::uint32_t len = 0;
      while (read_all(c, &len, 4)) {
        std::string body(len, '\0');
        if (!read_all(c, body.data(), len)) break;
        const auto req = nlohmann::json::parse(body);
        nlohmann::json reply{{"v", 1}, {"id", req["id"]}, {"ok", true}};
        if (auto it = replies_.find(req["type"]); it != replies_.end()) reply.update(it->second);
        const auto out = reply.dump();
        const auto n = static_cast<std::uint32_t>(out.size());
        if (::write(c, &n, 4) != 4 || ::write(c, out.data(), out.size()) != static_cast<ssize_t>(out.size())) break;
      }
      ::close(c);
    }
  }
  std::map<std::string, nlohmann::json> replies_;
  int fd_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

class FakeHttpServer {
 public:
  FakeHttpServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 4) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      throw std::runtime_error("fake server cannot listen");
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] {
      for (;;) {
        const int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) return;
        char buf[4096];
        (void)::read(c, buf, sizeof buf);
        const std::string res = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
        (void)::write(c, res.data(), res.size());
        ::close(c);
      }
    });
  }
  ~FakeHttpServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace om::install::testing
