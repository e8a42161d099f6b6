#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace omtest {

namespace {

int connect_loopback(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    throw std::runtime_error("connect failed");
  }
  return fd;
}

void send_all(int fd, const std::string& s) {
  std::size_t off = 0;
  while (off < s.size()) {
    const auto n = ::send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;  // the server may close early (e.g. 413) — read its answer anyway
    off += static_cast<std::size_t>(n);
  }
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string build_request(const Client& c, const std::string& method, const std::string& target,
                          const std::string& body, const std::string& content_type,
                          const std::map<std::string, std::string>& headers) {
  std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!c.cookie.empty()) r += "Cookie: om_session=" + c.cookie + "\r\n";
  if (!c.csrf.empty()) r += "X-OM-CSRF: " + c.csrf + "\r\n";
  if (!c.bearer.empty()) r += "Authorization: Bearer " + c.bearer + "\r\n";
  for (auto& [k, v] : headers) r += k + ": " + v + "\r\n";
  if (method != "GET" || !body.empty()) {
    r += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  r += "\r\n";
  return r + body;
}

// Parses status line + headers from raw; returns offset of the body.
std::size_t parse_head(const std::string& raw, int& status, std::map<std::string, std::string>& headers) {
  const auto end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return std::string::npos;
  status = std::stoi(raw.substr(9, 3));
  std::size_t i = raw.find("\r\n") + 2;
  while (i < end) {
    const auto e = raw.find("\r\n", i);
    const auto line = raw.substr(i, e - i);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      auto v = line.substr(colon + 1);
      v.erase(0, v.find_first_not_of(' '));
      headers[lower(line.substr(0, colon))] = v;
    }
    i = e + 2;
  }
  return end + 4;
}

}  // namespace

std::string HttpResponse::error_code() const {
  const auto j = json();
  if (j.is_object() && j.contains("error")) return j["error"].value("code", "");
  return "";
}

HttpResponse Client::request(const std::string& method, const std::string& target, const std::string& body,
                             const std::string& content_type, std::map<std::string, std::string> headers) const {
  const int fd = connect_loopback(port_);
  send_all(fd, build_request(*this, method, target, body, content_type, headers));
  std::string raw;
  char buf[65536];
  for (;;) {
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  HttpResponse r;
  const auto off = parse_head(raw, r.status, r.headers);
  if (off == std::string::npos) throw std::runtime_error("no HTTP response to " + method + " " + target);
  r.body = raw.substr(off);
  return r;
}

bool Client::login(const std::string& email, const std::string& password) {
  const auto r = post("/api/v1/auth/login", {{"email", email}, {"password", password}});
  if (r.status != 200) return false;
  const auto sc = r.headers.count("set-cookie") ? r.headers.at("set-cookie") : "";
  const auto eq = sc.find('=');
  cookie = sc.substr(eq + 1, sc.find(';') - eq - 1);
  csrf = r.json()["csrf"].get<std::string>();
  return true;
}

bool Client::device_login(const std::string& email, const std::string& password) {
  const auto r = post("/api/v1/auth/device-token", {{"email", email}, {"password", password}, {"device_name", "test"}});
  if (r.status != 200) return false;
  bearer = r.json()["token"].get<std::string>();
  return true;
}

SseReader::SseReader(const Client& c, const std::string& target, long long last_event_id) {
  fd_ = connect_loopback(c.port());
  std::map<std::string, std::string> h{{"Accept", "text/event-stream"}};
  if (last_event_id >= 0) h["Last-Event-ID"] = std::to_string(last_event_id);
  send_all(fd_, build_request(c, "GET", target, "", "", h));
  // Wait for the response head.
  for (int i = 0; i < 50 && !headers_done_; ++i) pump(100);
}

SseReader::~SseReader() {
  if (fd_ >= 0) ::close(fd_);
}

void SseReader::pump(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return;
  char buf[65536];
  const auto n = ::recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) return;
  buf_.append(buf, static_cast<std::size_t>(n));
  if (!headers_done_) {
    std::map<std::string, std::string> h;
    const auto off = parse_head(buf_, status_, h);
    if (off == std::string::npos) return;
    headers_done_ = true;
    buf_.erase(0, off);
  }
  std::size_t end;
  while ((end = buf_.find("\n\n")) != std::string::npos) {
    const auto block = buf_.substr(0, end);
    buf_.erase(0, end + 2);
    SseEvent ev;
    std::size_t i = 0;
    bool any = false;
    while (i <= block.size()) {
      auto e = block.find('\n', i);
      if (e == std::string::npos) e = block.size();
      const auto line = block.substr(i, e - i);
      if (line.rfind("id: ", 0) == 0) ev.id = std::stoll(line.substr(4)), any = true;
      else if (line.rfind("event: ", 0) == 0) ev.event = line.substr(7), any = true;
      else if (line.rfind("data: ", 0) == 0) ev.data = line.substr(6), any = true;
      i = e + 1;
    }
    if (any && !ev.event.empty()) events_.push_back(ev);
  }
}

const std::vector<SseEvent>& SseReader::wait_for(std::size_t count, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (events_.size() < count && std::chrono::steady_clock::now() < deadline) pump(20);
  return events_;
}

const std::vector<SseEvent>& SseReader::drain(std::chrono::milliseconds window) {
  const auto deadline = std::chrono::steady_clock::now() + window;
  while (std::chrono::steady_clock::now() < deadline) pump(20);
  return events_;
}

}  // namespace omtest
