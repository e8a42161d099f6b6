#pragma once
// Who is calling: resolved from `Authorization: Bearer <device token>` or the
// om_session cookie. Cookie-authenticated state-changing requests must carry
// X-OM-CSRF equal to the session's csrf value (synchronizer token).
#include <cstdint>
#include <string>

#include "http/context.hpp"

namespace om::auth {

struct Principal {
  std::int64_t user_id = 0;
  std::int64_t group_id = 0;
  bool admin = false;
  bool via_cookie = false;
  std::string session_hash;  // cookie sessions
  std::string token_hash;    // device tokens
  std::string csrf;          // cookie sessions
};

constexpr const char* kSessionCookie = "om_session";

// Throws 401 when there is no valid credential, 403 CSRF_FAILED when needed.
Principal authenticate(http::RequestContext& ctx);
Principal require_admin(http::RequestContext& ctx);
Principal require_device(http::RequestContext& ctx);  // Bearer only

std::string cookie_value(const http::Request& req, const std::string& name);

}  // namespace om::auth
