#pragma once
// Blocking HTTP/1.1 client on one keep-alive loopback connection (the
// publishers' side of the load: a host posts on a persistent connection).
#include <string>
#include <vector>

namespace ombench {

struct Reply {
  int status = 0;
  std::string body;
  std::string set_cookie;
};

class KeepAliveClient {
 public:
  explicit KeepAliveClient(unsigned short port);
  ~KeepAliveClient();
  KeepAliveClient(const KeepAliveClient&) = delete;
  KeepAliveClient& operator=(const KeepAliveClient&) = delete;
  Reply request(const std::string& method, const std::string& target, const std::string& body,
                const std::vector<std::string>& headers = {});

 private:
  void connect_now();
  unsigned short port_;
  int fd_ = -1;
  std::string buf_;
};

}  // namespace ombench
