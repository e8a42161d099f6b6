#pragma once
// What a route handler sees: the parsed request, path parameters, the query,
// and the application's services.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/types.hpp"

namespace om::app { struct Services; }

namespace om::http {

// A handler that wants to turn the connection into an SSE stream fills this;
// the connection then hands its socket to the hub instead of replying.
struct SseUpgrade {
  std::int64_t group_id = 0;
  std::optional<std::int64_t> last_event_id;
};

struct RequestContext {
  const Request& req;
  app::Services& services;
  std::string path;
  std::map<std::string, std::string> query;
  std::vector<std::string> params;  // values of {placeholders} in route order
  std::optional<SseUpgrade> sse;

  std::int64_t param_id(std::size_t i) const;  // positive integer or 404
  std::string query_value(const std::string& key) const;
};

// JSON helpers used by every handler.
Response json_response(const Request& req, unsigned status, const std::string& body);
Response empty_response(const Request& req, unsigned status);

}  // namespace om::http
