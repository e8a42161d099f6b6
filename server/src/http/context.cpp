#include "http/context.hpp"

#include "http/api_error.hpp"

namespace om::http {

std::int64_t RequestContext::param_id(std::size_t i) const {
  const auto& s = params.at(i);
  if (s.empty() || s.size() > 15) throw not_found();
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') throw not_found();
    v = v * 10 + (c - '0');
  }
  if (v <= 0) throw not_found();
  return v;
}

std::string RequestContext::query_value(const std::string& key) const {
  const auto it = query.find(key);
  return it == query.end() ? std::string() : it->second;
}

Response json_response(const Request& req, unsigned status, const std::string& body) {
  Response res{static_cast<Status>(status), req.version()};
  res.set(beast::http::field::content_type, "application/json; charset=utf-8");
  res.set(beast::http::field::cache_control, "no-store");
  res.body() = body;
  res.prepare_payload();
  return res;
}

Response empty_response(const Request& req, unsigned status) {
  Response res{static_cast<Status>(status), req.version()};
  res.set(beast::http::field::cache_control, "no-store");
  res.prepare_payload();
  return res;
}

}  // namespace om::http
