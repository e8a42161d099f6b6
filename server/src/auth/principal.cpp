#include "auth/principal.hpp"

#include "app/services.hpp"
#include "auth/tokens.hpp"
#include "http/api_error.hpp"
#include "presence/presence_service.hpp"

namespace om::auth {

namespace http_ = om::http;

std::string cookie_value(const http::Request& req, const std::string& name) {
  for (auto it = req.find(http::beast::http::field::cookie); it != req.end() && it->name() == http::beast::http::field::cookie; ++it) {
    const std::string_view all = it->value();
    std::size_t i = 0;
    while (i < all.size()) {
      while (i < all.size() && (all[i] == ' ' || all[i] == ';')) ++i;
      const auto end = all.find(';', i);
      const auto part = all.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
      const auto eq = part.find('=');
      if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
      if (end == std::string_view::npos) break;
      i = end + 1;
    }
  }
  return {};
}

namespace {

bool state_changing(http::Verb v) {
  return v == http::Verb::post || v == http::Verb::put || v == http::Verb::delete_ || v == http::Verb::patch;
}

std::string bearer(const http::Request& req) {
  const auto it = req.find(http::beast::http::field::authorization);
  if (it == req.end()) return {};
  const std::string_view v = it->value();
  constexpr std::string_view kPrefix = "Bearer ";
  if (v.size() <= kPrefix.size() || v.substr(0, kPrefix.size()) != kPrefix) return {};
  return std::string(v.substr(kPrefix.size()));
}

}  // namespace

Principal authenticate(http::RequestContext& ctx) {
  auto& db = ctx.services.db;
  Principal p;
  if (const auto token = bearer(ctx.req); !token.empty()) {
    p.token_hash = token_hash(token);
    const bool found = db.with([&](db::Connection& c) {
      auto s = c.prepare(
          "SELECT u.id, u.group_id, u.role FROM device_tokens t JOIN users u ON u.id=t.user_id WHERE t.token_hash=?");
      s.bind(1, p.token_hash);
      if (!s.step()) return false;
      p.user_id = s.int64(0);
      p.group_id = s.int64(1);
      p.admin = s.text(2) == "admin";
      return true;
    });
    if (!found) throw http_::unauthorized("invalid or revoked device token");
    return p;
  }
  const auto cookie = cookie_value(ctx.req, kSessionCookie);
  if (cookie.empty()) throw http_::unauthorized();
  p.session_hash = token_hash(cookie);
  p.via_cookie = true;
  const bool found = db.with([&](db::Connection& c) {
    auto s = c.prepare(
        "SELECT u.id, u.group_id, u.role, s.csrf FROM sessions s JOIN users u ON u.id=s.user_id "
        "WHERE s.token_hash=? AND s.expires_ms > ?");
    s.bind(1, p.session_hash).bind(2, presence::now_ms());
    if (!s.step()) return false;
    p.user_id = s.int64(0);
    p.group_id = s.int64(1);
    p.admin = s.text(2) == "admin";
    p.csrf = s.text(3);
    return true;
  });
  if (!found) throw http_::unauthorized("session expired or unknown");
  if (state_changing(ctx.req.method())) {
    const auto it = ctx.req.find("X-OM-CSRF");
    const std::string_view sent = it == ctx.req.end() ? std::string_view() : std::string_view(it->value());
    if (sent.empty() || !constant_time_equal(sent, p.csrf))
      throw http_::ApiError(403, "CSRF_FAILED", "missing or wrong X-OM-CSRF header");
  }
  return p;
}

Principal require_admin(http::RequestContext& ctx) {
  auto p = authenticate(ctx);
  if (!p.admin) throw http_::forbidden("administrators only");
  return p;
}

Principal require_device(http::RequestContext& ctx) {
  auto p = authenticate(ctx);
  if (p.via_cookie) throw http_::unauthorized("this route needs a device token (Bearer)");
  return p;
}

}  // namespace om::auth
