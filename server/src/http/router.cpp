#include "http/router.hpp"

namespace om::http {
namespace {
std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t i = 1;
  while (i <= path.size()) {
    const auto j = path.find('/', i);
    const auto end = j == std::string::npos ? path.size() : j;
    out.push_back(path.substr(i, end - i));
    i = end + 1;
  }
  return out;
}
}  // namespace

void Router::add(Verb method, std::string pattern, Handler h, std::size_t body_limit) {
  auto segs = split(pattern);
  routes_.push_back(Route{method, std::move(pattern), std::move(segs), std::move(h), body_limit});
}

Match Router::match(Verb method, const std::string& path) const {
  Match m;
  const auto segs = split(path);
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    std::vector<std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < segs.size() && ok; ++i) {
      const auto& p = r.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        if (segs[i].empty()) ok = false;
        else params.push_back(segs[i]);
      } else if (p != segs[i]) {
        ok = false;
      }
    }
    if (!ok) continue;
    m.path_known = true;
    if (r.method == method) {
      m.route = &r;
      m.params = std::move(params);
      return m;
    }
  }
  return m;
}

}  // namespace om::http
