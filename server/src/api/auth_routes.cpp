// Login (cookie session), logout, device tokens for the host, and console
// tickets that let the extension restore a console session without a password.
#include <optional>

#include "api/common.hpp"
#include "api/routes.hpp"
#include "app/services.hpp"
#include "auth/password.hpp"
#include "auth/principal.hpp"
#include "auth/tokens.hpp"
#include "http/api_error.hpp"
#include "presence/presence_service.hpp"

namespace om::api {
namespace {

constexpr std::int64_t kSessionLifetimeMs = 7LL * 24 * 3600 * 1000;
constexpr std::int64_t kTicketLifetimeMs = 60 * 1000;

// Checks email + password. The Argon2id verify runs without the database
// lock; an unknown email still pays one verify so timing does not reveal
// which emails exist.
std::int64_t check_login(http::RequestContext& ctx, const std::string& email, const std::string& password) {
  struct Row {
    std::int64_t id;
    std::string hash;
  };
  const auto row = ctx.services.db.with([&](db::Connection& c) -> std::optional<Row> {
    auto s = c.prepare("SELECT id, password_hash FROM users WHERE email=?");
    s.bind(1, email);
    if (!s.step()) return std::nullopt;
    return Row{s.int64(0), s.text(1)};
  });
  static const std::string dummy = auth::hash_password("om-dummy-password");
  const bool ok = auth::verify_password(row ? row->hash : dummy, password);
  if (!row || !ok) throw http::ApiError(401, "LOGIN_FAILED", "wrong email or password");
  return row->id;
}

std::string session_cookie(const std::string& value, std::int64_t max_age_s) {
  return std::string(auth::kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age_s);
}

// Creates a session row; returns {cookie value, csrf}.
std::pair<std::string, std::string> create_session(db::Connection& c, std::int64_t user_id) {
  auto token = auth::random_token();
  auto csrf = auth::random_token();
  c.prepare("DELETE FROM sessions WHERE expires_ms < ?").bind(1, presence::now_ms()).run();
  c.prepare("INSERT INTO sessions(token_hash, user_id, csrf, expires_ms) VALUES(?,?,?,?)")
      .bind(1, auth::token_hash(token))
      .bind(2, user_id)
      .bind(3, csrf)
      .bind(4, presence::now_ms() + kSessionLifetimeMs)
      .run();
  return {token, csrf};
}

http::Response login(http::RequestContext& ctx) {
  const auto body = parse_object(ctx);
  const auto user_id = check_login(ctx, get_string(body, "email"), get_string(body, "password"));
  json out;
  std::string cookie;
  ctx.services.db.with([&](db::Connection& c) {
    auto [token, csrf] = create_session(c, user_id);
    cookie = token;
    out["user"] = user_profile(c, user_id);
    out["user"]["csrf"] = csrf;
    out["csrf"] = csrf;
  });
  auto res = ok_json(ctx, out);
  res.set(http::beast::http::field::set_cookie, session_cookie(cookie, kSessionLifetimeMs / 1000));
  return res;
}

http::Response logout(http::RequestContext& ctx) {
  const auto p = auth::authenticate(ctx);
  if (p.via_cookie)
    ctx.services.db.with([&](db::Connection& c) {
      c.prepare("DELETE FROM sessions WHERE token_hash=?").bind(1, p.session_hash).run();
    });
  auto res = http::empty_response(ctx.req, 204);
  res.set(http::beast::http::field::set_cookie, session_cookie("", 0));
  return res;
}

http::Response issue_device_token(http::RequestContext& ctx) {
  const auto body = parse_object(ctx);
  const auto email = get_string(body, "email");
  const auto password = get_string(body, "password");
  const auto device = checked_text(get_string(body, "device_name"), "device_name", 1, 64);
  const auto user_id = check_login(ctx, email, password);
  const auto token = auth::random_token("omd_");
  json out;
  ctx.services.db.with([&](db::Connection& c) {
    c.prepare("INSERT INTO device_tokens(token_hash, user_id, device_name, created_ms) VALUES(?,?,?,?)")
        .bind(1, auth::token_hash(token))
        .bind(2, user_id)
        .bind(3, device)
        .bind(4, presence::now_ms())
        .run();
    out = json{{"token", token}, {"user", user_profile(c, user_id)}};
    out["user"]["csrf"] = "";
  });
  return ok_json(ctx, out);
}

http::Response revoke_device_token(http::RequestContext& ctx) {
  const auto p = auth::require_device(ctx);
  ctx.services.db.with([&](db::Connection& c) {
    c.prepare("DELETE FROM device_tokens WHERE token_hash=?").bind(1, p.token_hash).run();
  });
  return http::empty_response(ctx.req, 204);
}

http::Response issue_console_ticket(http::RequestContext& ctx) {
  const auto p = auth::require_device(ctx);
  const auto ticket = auth::random_token();
  ctx.services.db.with([&](db::Connection& c) {
    c.prepare("DELETE FROM console_tickets WHERE expires_ms < ?").bind(1, presence::now_ms()).run();
    c.prepare("INSERT INTO console_tickets(ticket_hash, user_id, expires_ms) VALUES(?,?,?)")
        .bind(1, auth::token_hash(ticket))
        .bind(2, p.user_id)
        .bind(3, presence::now_ms() + kTicketLifetimeMs)
        .run();
  });
  return ok_json(ctx, json{{"ticket", ticket}, {"url", "/auth/ticket/" + ticket}, {"expires_in", 60}});
}

http::Response redirect(const http::RequestContext& ctx, const std::string& location) {
  auto res = http::empty_response(ctx.req, 303);
  res.set(http::beast::http::field::location, location);
  return res;
}

http::Response consume_ticket(http::RequestContext& ctx) {
  const auto hash = auth::token_hash(ctx.params.at(0));
  std::string cookie;
  const bool ok = ctx.services.db.transaction([&](db::Connection& c) {
    std::int64_t user_id = 0;
    {
      auto s = c.prepare("SELECT user_id FROM console_tickets WHERE ticket_hash=? AND expires_ms > ?");
      s.bind(1, hash).bind(2, presence::now_ms());
      if (!s.step()) return false;
      user_id = s.int64(0);
    }
    // One-time: the ticket is gone whatever happens next.
    c.prepare("DELETE FROM console_tickets WHERE ticket_hash=?").bind(1, hash).run();
    cookie = create_session(c, user_id).first;
    return true;
  });
  if (!ok) return redirect(ctx, "/login?error=ticket");
  auto res = redirect(ctx, "/console");
  res.set(http::beast::http::field::set_cookie, session_cookie(cookie, kSessionLifetimeMs / 1000));
  return res;
}

}  // namespace

void add_auth_routes(http::Router& r) {
  using V = http::Verb;
  r.add(V::post, "/api/v1/auth/login", login);
  r.add(V::post, "/api/v1/auth/logout", logout);
  r.add(V::post, "/api/v1/auth/device-token", issue_device_token);
  r.add(V::delete_, "/api/v1/auth/device-token", revoke_device_token);
  r.add(V::post, "/api/v1/auth/console-ticket", issue_console_ticket);
  r.add(V::get, "/auth/ticket/{ticket}", consume_ticket);
}

}  // namespace om::api
