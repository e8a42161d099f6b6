#pragma once
// Which bridge connection a request came from. The agent is single-threaded,
// so the server sets `current` around each dispatch; verbs that keep state per
// connection (monitor.start/stop) read it and hear about closed connections.
#include <cstdint>
#include <functional>
#include <vector>

namespace om::agent {

using ConnectionId = std::uint64_t;

struct ConnectionScope {
  ConnectionId current = 0;  // 0 outside a dispatch
  std::vector<std::function<void(ConnectionId)>> on_closed;
};

}  // namespace om::agent
