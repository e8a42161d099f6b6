#pragma once
// "Is the server up?" without libcurl (the host stays thin): a plain HTTP GET
// over Boost.Beast, or a TCP connect for https URLs.
#include <chrono>
#include <string>

namespace om::install {

struct HttpProbe {
  bool reachable = false;
  int status = 0;      // HTTP status, 0 when only TCP was tried or nothing answered
  std::string detail;  // what happened, for the checklist
};

HttpProbe probe_http(const std::string& url, const std::string& path, std::chrono::milliseconds timeout);

}  // namespace om::install
