#include "http_keepalive.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace ombench {

KeepAliveClient::KeepAliveClient(unsigned short port) : port_(port) { connect_now(); }
KeepAliveClient::~KeepAliveClient() {
  if (fd_ >= 0) ::close(fd_);
}

void KeepAliveClient::connect_now() {
  if (fd_ >= 0) ::close(fd_);
  buf_.clear();
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{10, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port_);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("connect failed");
}

Reply KeepAliveClient::request(const std::string& method, const std::string& target, const std::string& body,
                               const std::vector<std::string>& headers) {
  std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& h : headers) r += h + "\r\n";
  r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (::send(fd_, r.data(), r.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(r.size())) {
      connect_now();
      continue;
    }
    std::size_t head_end;
    char tmp[16384];
    bool failed = false;
    while ((head_end = buf_.find("\r\n\r\n")) == std::string::npos) {
      const auto n = ::recv(fd_, tmp, sizeof tmp, 0);
      if (n <= 0) { failed = true; break; }
      buf_.append(tmp, static_cast<std::size_t>(n));
    }
    if (failed) {
      connect_now();
      continue;
    }
    Reply rep;
    rep.status = std::stoi(buf_.substr(9, 3));
    const auto head = buf_.substr(0, head_end);
    std::size_t len = 0;
    for (std::size_t i = 0; i < head.size();) {
      auto e = head.find("\r\n", i);
      if (e == std::string::npos) e = head.size();
      auto line = head.substr(i, e - i);
      for (std::size_t k = 0; k < line.size() && line[k] != ':'; ++k) line[k] = static_cast<char>(std::tolower(line[k]));
      if (line.rfind("content-length:", 0) == 0) len = std::stoul(line.substr(15));
      if (line.rfind("set-cookie:", 0) == 0) rep.set_cookie = line.substr(12);
      i = e + 2;
    }
    while (buf_.size() < head_end + 4 + len) {
      const auto n = ::recv(fd_, tmp, sizeof tmp, 0);
      if (n <= 0) throw std::runtime_error("connection lost mid-response");
      buf_.append(tmp, static_cast<std::size_t>(n));
    }
    rep.body = buf_.substr(head_end + 4, len);
    buf_.erase(0, head_end + 4 + len);
    return rep;
  }
  throw std::runtime_error("request failed twice: " + method + " " + target);
}

}  // namespace ombench
