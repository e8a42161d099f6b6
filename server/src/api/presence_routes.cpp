// The host's presence reports and heartbeats (device token only).
#include "api/common.hpp"
#include "api/routes.hpp"
#include "app/services.hpp"
#include "auth/principal.hpp"
#include "http/api_error.hpp"

namespace om::api {
namespace {

http::Response post_presence(http::RequestContext& ctx) {
  const auto p = auth::require_device(ctx);
  const auto body = parse_object(ctx);
  const auto seq = get_int(body, "seq");
  const auto state = get_string(body, "state");
  const auto since = get_int(body, "since");
  if (seq < 1) throw http::invalid("seq: must be >= 1");
  if (!presence::valid_state(state)) throw http::invalid("state: unknown state '" + state + "'");
  if (since < 0) throw http::invalid("since: must be >= 0");
  std::string reason = get_optional_string(body, "reason");
  if (state == "away_manual") reason = checked_text(reason, "reason", 1, 10);
  else reason = checked_text(reason, "reason", 0, 10);
  const auto r = ctx.services.presence.apply_report(p.user_id, p.group_id, seq, state, reason, since);
  return ok_json(ctx, json{{"duplicate", r.duplicate}, {"presence", presence::to_json(r.presence)}});
}

http::Response heartbeat(http::RequestContext& ctx) {
  const auto p = auth::require_device(ctx);
  const auto pr = ctx.services.presence.heartbeat(p.user_id, p.group_id);
  return ok_json(ctx, json{{"ttl_s", ctx.services.presence.ttl_s()}, {"presence", presence::to_json(pr)}});
}

}  // namespace

void add_presence_routes(http::Router& r) {
  using V = http::Verb;
  r.add(V::post, "/api/v1/presence", post_presence);
  r.add(V::post, "/api/v1/presence/heartbeat", heartbeat);
}

}  // namespace om::api
