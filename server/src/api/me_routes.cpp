// The caller's own profile, manual away reason, profile image, and the
// profile images of colleagues in the same group.
#include "api/common.hpp"
#include "api/image_upload.hpp"
#include "api/routes.hpp"
#include "app/services.hpp"
#include "auth/principal.hpp"
#include "http/api_error.hpp"

namespace om::api {
namespace {

http::Response get_me(http::RequestContext& ctx) {
  const auto p = auth::authenticate(ctx);
  auto me = ctx.services.db.with([&](db::Connection& c) { return user_profile(c, p.user_id); });
  if (me.is_null()) throw http::unauthorized();
  me["csrf"] = p.csrf;
  return ok_json(ctx, me);
}

http::Response set_away(http::RequestContext& ctx) {
  const auto p = auth::authenticate(ctx);
  const auto body = parse_object(ctx);
  const auto reason = checked_text(get_string(body, "reason"), "reason", 1, 10);
  const auto reasons = ctx.services.db.with([&](db::Connection& c) { return group_reasons(c, p.group_id); });
  if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
    throw http::invalid("reason: not one of the group's away reasons");
  return ok_json(ctx, presence::to_json(ctx.services.presence.set_manual(p.user_id, p.group_id, reason)));
}

http::Response clear_away(http::RequestContext& ctx) {
  const auto p = auth::authenticate(ctx);
  return ok_json(ctx, presence::to_json(ctx.services.presence.clear_manual(p.user_id, p.group_id)));
}

http::Response put_my_image(http::RequestContext& ctx) {
  const auto p = auth::authenticate(ctx);
  store_profile_image(ctx, p.user_id);
  return http::empty_response(ctx.req, 204);
}

http::Response my_reasons(http::RequestContext& ctx) {
  const auto p = auth::authenticate(ctx);
  const auto reasons = ctx.services.db.with([&](db::Connection& c) { return group_reasons(c, p.group_id); });
  return ok_json(ctx, json{{"group_id", p.group_id}, {"reasons", reasons}});
}

http::Response user_image(http::RequestContext& ctx) {
  const auto p = auth::authenticate(ctx);
  const auto id = ctx.param_id(0);
  struct Found {
    bool user = false;
    std::int64_t group = 0;
    bool has_image = false;
    std::string png;
  };
  const auto f = ctx.services.db.with([&](db::Connection& c) {
    Found r;
    auto s = c.prepare("SELECT u.group_id, i.png FROM users u LEFT JOIN user_images i ON i.user_id=u.id WHERE u.id=?");
    s.bind(1, id);
    if (s.step()) {
      r.user = true;
      r.group = s.int64(0);
      r.has_image = !s.is_null(1);
      r.png = s.blob(1);
    }
    return r;
  });
  if (!f.user) throw http::not_found("no such user");
  if (!p.admin && f.group != p.group_id) throw http::forbidden("user is in another group");
  if (!f.has_image) throw http::not_found("no profile image");
  http::Response res{http::Status::ok, ctx.req.version()};
  res.set(http::beast::http::field::content_type, "image/png");
  res.set(http::beast::http::field::cache_control, "private, no-cache");
  res.body() = f.png;
  res.prepare_payload();
  return res;
}

}  // namespace

void add_me_routes(http::Router& r) {
  using V = http::Verb;
  r.add(V::get, "/api/v1/me", get_me);
  r.add(V::put, "/api/v1/me/away", set_away);
  r.add(V::delete_, "/api/v1/me/away", clear_away);
  r.add(V::put, "/api/v1/me/image", put_my_image, kOwnImageLimit);
  r.add(V::get, "/api/v1/me/reasons", my_reasons);
  r.add(V::get, "/api/v1/users/{id}/image", user_image);
}

}  // namespace om::api
