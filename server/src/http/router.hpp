#pragma once
// Maps (method, path pattern) to handlers. Patterns use {name} segments.
// The router also knows each route's body cap, which the connection applies
// before reading the body (so an oversized upload is refused with 413
// without buffering it).
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "http/context.hpp"

namespace om::http {

using Handler = std::function<Response(RequestContext&)>;

constexpr std::size_t kJsonBodyLimit = 64 * 1024;

struct Route {
  Verb method;
  std::string pattern;
  std::vector<std::string> segments;
  Handler handler;
  std::size_t body_limit;
};

struct Match {
  const Route* route = nullptr;     // null: no route for this method
  bool path_known = false;          // true: some route has this path (→ 405)
  std::vector<std::string> params;
};

class Router {
 public:
  void add(Verb method, std::string pattern, Handler h, std::size_t body_limit = kJsonBodyLimit);
  Match match(Verb method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace om::http
