#pragma once
// One blocking HTTP(S) request through libcurl. Called only from sync worker
// threads, never from the agent's io thread. Safe defaults on every request:
// TLS peer and host verification on, no redirects (a redirect could carry the
// Bearer token elsewhere), http/https only, connect and total timeouts, a cap
// on the response size, and a cancel flag so shutdown does not wait out a
// timeout.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace om::sync {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // sent when non-empty or method is POST/PUT
};

struct HttpResponse {
  long status = 0;              // 0 when the server was not reached
  std::string body;
  std::string transport_error;  // empty when an HTTP response arrived
  bool cancelled = false;
  bool reached() const { return transport_error.empty(); }
};

struct HttpLimits {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{10000};
  std::size_t max_response_bytes = 1 << 20;
};

// Never throws for network failures; they come back in transport_error.
HttpResponse perform(const HttpRequest& request, const HttpLimits& limits = {},
                     const std::atomic<bool>* cancel = nullptr);

}  // namespace om::sync
