#include "http/dispatcher.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "db/database.hpp"
#include "http/api_error.hpp"

namespace om::http {
namespace {

struct Target {
  std::string path;  // still percent-encoded
  std::string query;
};

Target split_target(std::string_view t) {
  const auto q = t.find('?');
  if (q == std::string_view::npos) return {std::string(t), {}};
  return {std::string(t.substr(0, q)), std::string(t.substr(q + 1))};
}

std::map<std::string, std::string> parse_query(const std::string& q) {
  std::map<std::string, std::string> out;
  std::size_t i = 0;
  while (i < q.size()) {
    const auto amp = q.find('&', i);
    const auto part = q.substr(i, amp == std::string::npos ? std::string::npos : amp - i);
    const auto eq = part.find('=');
    std::string k = part.substr(0, eq), v = eq == std::string::npos ? std::string() : part.substr(eq + 1);
    for (auto* s : {&k, &v})
      for (auto& c : *s)
        if (c == '+') c = ' ';
    std::string dk, dv;
    if (!percent_decode(k, dk) || !percent_decode(v, dv)) throw bad_request("malformed query string");
    out[dk] = dv;
    if (amp == std::string::npos) break;
    i = amp + 1;
  }
  return out;
}

bool is_api(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

}  // namespace

std::size_t Dispatcher::body_limit(Verb method, std::string_view target) const {
  const auto t = split_target(target);
  const auto m = router_.match(method, t.path);
  return m.route ? m.route->body_limit : kJsonBodyLimit;
}

Response Dispatcher::error_response(const Request& req, unsigned status, const std::string& code,
                                    const std::string& message) {
  const nlohmann::json body{{"error", {{"code", code}, {"message", message}}}};
  auto res = json_response(req, status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (status == 401) res.set(beast::http::field::www_authenticate, "Bearer realm=\"officemates\"");
  return res;
}

void Dispatcher::add_security_headers(Response& res) {
  res.set("Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
          "frame-ancestors 'none'; base-uri 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "same-origin");
}

Outcome Dispatcher::dispatch(const Request& req) const {
  Outcome out;
  try {
    const auto t = split_target(req.target());
    const auto m = router_.match(req.method(), t.path);
    if (m.route) {
      RequestContext ctx{req, services_, t.path, parse_query(t.query), {}, std::nullopt};
      for (const auto& p : m.params) {
        std::string d;
        if (!percent_decode(p, d)) throw not_found();
        ctx.params.push_back(std::move(d));
      }
      out.response = m.route->handler(ctx);
      out.sse = ctx.sse;
    } else if (m.path_known) {
      throw ApiError(405, "METHOD_NOT_ALLOWED", "method not allowed on this path");
    } else if (is_api(t.path)) {
      throw not_found("no such API route");
    } else {
      std::string decoded;
      if (!percent_decode(t.path, decoded)) throw not_found();
      out.response = files_.serve(req, decoded);
    }
  } catch (const ApiError& e) {
    out.response = error_response(req, e.status, e.code, e.what());
    out.sse.reset();
  } catch (const db::DbError& e) {
    spdlog::error("database error on {} {}: {}", std::string(req.method_string()), std::string(req.target()), e.what());
    out.response = error_response(req, e.code == SQLITE_BUSY ? 503 : 500, "INTERNAL", "database error");
    out.sse.reset();
  } catch (const std::exception& e) {
    spdlog::error("error on {} {}: {}", std::string(req.method_string()), std::string(req.target()), e.what());
    out.response = error_response(req, 500, "INTERNAL", "internal error");
    out.sse.reset();
  }
  add_security_headers(out.response);
  return out;
}

}  // namespace om::http
