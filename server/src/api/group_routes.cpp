// A group's roster, reasons and live event stream. Staff see only their own
// group; admins see every group.
#include "api/common.hpp"
#include "api/routes.hpp"
#include "app/services.hpp"
#include "auth/principal.hpp"
#include "http/api_error.hpp"

namespace om::api {
namespace {

std::int64_t visible_group(http::RequestContext& ctx) {
  const auto p = auth::authenticate(ctx);
  const auto id = ctx.param_id(0);
  if (!ctx.services.db.with([&](db::Connection& c) { return group_exists(c, id); })) throw http::not_found("no such group");
  if (!p.admin && p.group_id != id) throw http::forbidden("not your extension group");
  return id;
}

http::Response members(http::RequestContext& ctx) {
  const auto group = visible_group(ctx);
  json out{{"group_id", group}, {"members", json::array()}};
  ctx.services.db.with([&](db::Connection& c) {
    {
      auto g = c.prepare("SELECT name FROM extension_groups WHERE id=?");
      g.bind(1, group);
      if (g.step()) out["group_name"] = g.text(0);
    }
    auto s = c.prepare(
        "SELECT u.id, u.family_name, u.given_name, u.family_name_kana, u.given_name_kana, u.extension_number, "
        "EXISTS(SELECT 1 FROM user_images i WHERE i.user_id=u.id), "
        "COALESCE(p.state,'offline'), COALESCE(p.reason,''), COALESCE(p.since_ms,0), COALESCE(p.seq,0) "
        "FROM users u LEFT JOIN presence p ON p.user_id=u.id WHERE u.group_id=? "
        "ORDER BY length(u.extension_number), u.extension_number, u.id");
    s.bind(1, group);
    while (s.step())
      out["members"].push_back(json{
          {"id", s.int64(0)},
          {"family_name", s.text(1)},
          {"given_name", s.text(2)},
          {"family_name_kana", s.text(3)},
          {"given_name_kana", s.text(4)},
          {"extension_number", s.text(5)},
          {"has_image", s.int64(6) != 0},
          {"presence", {{"state", s.text(7)}, {"reason", s.text(8)}, {"since", s.int64(9)}, {"seq", s.int64(10)}}}});
  });
  return ok_json(ctx, out);
}

http::Response reasons(http::RequestContext& ctx) {
  const auto group = visible_group(ctx);
  const auto list = ctx.services.db.with([&](db::Connection& c) { return group_reasons(c, group); });
  return ok_json(ctx, json{{"group_id", group}, {"reasons", list}});
}

std::optional<std::int64_t> parse_event_id(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

http::Response events(http::RequestContext& ctx) {
  const auto group = visible_group(ctx);
  http::SseUpgrade up;
  up.group_id = group;
  if (const auto it = ctx.req.find("Last-Event-ID"); it != ctx.req.end())
    up.last_event_id = parse_event_id(it->value());
  else if (const auto q = ctx.query_value("last_event_id"); !q.empty())
    up.last_event_id = parse_event_id(q);
  ctx.sse = up;
  return http::empty_response(ctx.req, 200);  // replaced by the stream head
}

}  // namespace

void add_group_routes(http::Router& r) {
  using V = http::Verb;
  r.add(V::get, "/api/v1/groups/{id}/members", members);
  r.add(V::get, "/api/v1/groups/{id}/reasons", reasons);
  r.add(V::get, "/api/v1/groups/{id}/events", events);
}

}  // namespace om::api
