#pragma once
// Minimal blocking HTTP/1.1 client for the tests (one connection per request,
// 10 s socket timeouts) and an SSE reader on a raw socket.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace omtest {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string error_code() const;
};

class Client {
 public:
  explicit Client(unsigned short port) : port_(port) {}
  HttpResponse request(const std::string& method, const std::string& target, const std::string& body = "",
                       const std::string& content_type = "application/json",
                       std::map<std::string, std::string> headers = {}) const;
  HttpResponse get(const std::string& target) const { return request("GET", target); }
  HttpResponse post(const std::string& target, const nlohmann::json& j) const { return request("POST", target, j.dump()); }
  HttpResponse put(const std::string& target, const nlohmann::json& j) const { return request("PUT", target, j.dump()); }
  HttpResponse del(const std::string& target) const { return request("DELETE", target, ""); }

  // Cookie session login (stores cookie + csrf) and Bearer device token.
  bool login(const std::string& email, const std::string& password);
  bool device_login(const std::string& email, const std::string& password);

  std::string cookie;
  std::string csrf;
  std::string bearer;
  unsigned short port() const { return port_; }

 private:
  unsigned short port_;
};

struct SseEvent {
  long long id = 0;
  std::string event;
  std::string data;
};

class SseReader {
 public:
  // Opens GET target with the client's credentials; last_event_id < 0 = none.
  SseReader(const Client& c, const std::string& target, long long last_event_id = -1);
  ~SseReader();
  int status() const { return status_; }
  // Waits until `count` events arrived or the timeout passed; returns all so far.
  const std::vector<SseEvent>& wait_for(std::size_t count, std::chrono::milliseconds timeout);
  // Reads whatever arrives within `window`.
  const std::vector<SseEvent>& drain(std::chrono::milliseconds window);

 private:
  void pump(int timeout_ms);
  int fd_ = -1;
  int status_ = 0;
  std::string buf_;
  bool headers_done_ = false;
  std::vector<SseEvent> events_;
};

}  // namespace omtest
