// reasons.get (fresh from the server, else from the cache), profile.image.set
// (forwarded; the server's verdict comes back verbatim) and console.ticket
// (lets the extension restore the console login without a password).
#include "agent/server/base64.hpp"
#include "agent/server/server_codes.hpp"
#include "agent/server/server_side.hpp"

#include <spdlog/spdlog.h>

namespace om::agent {

namespace code = protocol::code;
using sync::ApiResult;

namespace {

// The cached reasons as a reply, or nullopt when there is no cache.
std::optional<nlohmann::json> cached_reasons(const ServerSide& side) {
  const auto& s = side.ctx.state.server;
  if (!s.is_object() || !s.contains("reasons") || !s["reasons"].is_object()) return std::nullopt;
  const auto& c = s["reasons"];
  if (!c.contains("reasons") || !c["reasons"].is_array()) return std::nullopt;
  return nlohmann::json{{"reasons", c["reasons"]},
                        {"group_id", c.value("group_id", nlohmann::json())},
                        {"cached", true},
                        {"fetched_at", c.value("fetched_at", nlohmann::json())}};
}

void reasons_get(ServerSide& side, const protocol::Request&, Responder respond) {
  const auto acc = side.account();
  if (!acc) {
    if (auto cached = cached_reasons(side)) return respond.ok(std::move(*cached));
    return respond.error(code::kNotLoggedIn, "not logged in to a server and no reasons cached yet");
  }
  side.run([ep = sync::Endpoint{acc->base, acc->token}](const sync::ServerApi& api) { return api.reasons(ep); },
           [&side, respond = std::move(respond)](const ApiResult& r) {
             side.status_sync->note_result(r);
             if (r.ok()) {
               side.cache_reasons(r.body);
               return respond.ok({{"reasons", r.body.at("reasons")},
                                  {"group_id", r.body.value("group_id", nlohmann::json())},
                                  {"cached", false}});
             }
             if (r.kind == ApiResult::Kind::unauthorized) side.forget_login();
             // Offline (or the token died): the cached list still lets the user pick a reason.
             if (auto cached = cached_reasons(side)) {
               (*cached)["stale_because"] = r.message;
               return respond.ok(std::move(*cached));
             }
             answer_server_failure(respond, r);
           });
}

void profile_image_set(ServerSide& side, const protocol::Request& req, Responder respond) {
  const auto b64 = protocol::require_string(req.body, "png_base64");
  auto png = decode_base64(b64);
  if (!png || png->empty()) throw protocol::ProtocolError(code::kBadParams, "png_base64 is not valid base64");
  const auto acc = side.account();
  if (!acc) throw protocol::ProtocolError(code::kNotLoggedIn, "log in to a server before setting the profile image");
  side.run([ep = sync::Endpoint{acc->base, acc->token}, png = std::move(*png)](const sync::ServerApi& api) mutable {
             return api.put_image(ep, std::move(png));
           },
           [&side, respond = std::move(respond)](const ApiResult& r) {
             side.status_sync->note_result(r);
             if (r.ok()) return respond.ok({{"stored", true}});
             if (r.kind == ApiResult::Kind::unauthorized) side.forget_login();
             // 413 TOO_LARGE, 415 UNSUPPORTED_MEDIA_TYPE, 422 VALIDATION: the
             // server's code and message verbatim, for the popup to show.
             answer_server_failure(respond, r);
           });
}

void console_ticket(ServerSide& side, const protocol::Request&, Responder respond) {
  const auto acc = side.account();
  if (!acc) throw protocol::ProtocolError(code::kNotLoggedIn, "log in to a server first");
  side.run([ep = sync::Endpoint{acc->base, acc->token}](const sync::ServerApi& api) { return api.console_ticket(ep); },
           [&side, base = acc->base, respond = std::move(respond)](const ApiResult& r) {
             side.status_sync->note_result(r);
             if (!r.ok()) {
               if (r.kind == ApiResult::Kind::unauthorized) side.forget_login();
               return answer_server_failure(respond, r);
             }
             const auto path = r.body.at("url").get<std::string>();
             // Only a path on our own server: the extension opens this URL.
             if (path.empty() || path.front() != '/' || (path.size() > 1 && path[1] == '/'))
               return respond.error(server_code::kServerError, "console ticket URL is not a path on the server");
             respond.ok({{"url", base + path},
                         {"ticket", r.body.value("ticket", std::string())},
                         {"expires_in", r.body.value("expires_in", 60)}});
           });
}

}  // namespace

void add_content_verbs(ServerSide& side) {
  side.ctx.dispatcher.add_async("reasons.get", [&side](const protocol::Request& r, Responder respond) {
    reasons_get(side, r, std::move(respond));
  });
  side.ctx.dispatcher.add_async("profile.image.set", [&side](const protocol::Request& r, Responder respond) {
    profile_image_set(side, r, std::move(respond));
  });
  side.ctx.dispatcher.add_async("console.ticket", [&side](const protocol::Request& r, Responder respond) {
    console_ticket(side, r, std::move(respond));
  });
}

}  // namespace om::agent
