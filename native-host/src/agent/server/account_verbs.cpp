// login, logout, server.status. The password goes from the request straight
// into the device-token call and is never stored or logged.
#include "agent/server/server_codes.hpp"
#include "agent/server/server_side.hpp"
#include "presence/status.hpp"
#include "sync/url_policy.hpp"

#include <spdlog/spdlog.h>

#ifndef _WIN32
#include <unistd.h>
#endif

namespace om::agent {

namespace code = protocol::code;
using sync::ApiResult;

namespace {

// Shown in the server's device list so the user can tell PCs apart.
std::string device_name() {
  std::string host = "PC";
#ifndef _WIN32
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) == 0 && buf[0]) host = buf;
#else
  if (const char* n = std::getenv("COMPUTERNAME"); n && *n) host = n;
#endif
  std::string name = host + " (OfficeMates host)";
  // The server allows 1-64 code points; host names are ASCII, so bytes suffice.
  if (name.size() > 64) name.resize(64);
  return name;
}

// The reply for a failure of any server call, for verbs that have no better one.
void answer_failure(const Responder& respond, const ApiResult& r) {
  switch (r.kind) {
    case ApiResult::Kind::unreachable:
    case ApiResult::Kind::server_busy:
      return respond.error(code::kServerUnreachable, "server unreachable: " + r.message);
    case ApiResult::Kind::unauthorized:
      return respond.error(code::kNotLoggedIn, "the server no longer accepts this device's token; log in again");
    case ApiResult::Kind::rejected:
      return respond.error(r.code.empty() ? std::string(code::kBadParams) : r.code, r.message);
    default:
      return respond.error(server_code::kServerError, r.message);
  }
}

void login(ServerSide& side, const protocol::Request& req, Responder respond) {
  const auto server = protocol::require_string(req.body, "server");
  const auto email = protocol::require_string(req.body, "email");
  const auto password = protocol::require_string(req.body, "password");
  if (email.empty() || password.empty()) throw protocol::ProtocolError(code::kBadParams, "email and password are required");
  const auto check = sync::check_server_url(server);
  if (!check.ok) throw protocol::ProtocolError(server_code::kInsecureUrl, check.error);

  const auto previous = side.account();
  side.run(
      [base = check.base, email, password, name = device_name()](const sync::ServerApi& api) {
        return api.issue_device_token(base, email, password, name);
      },
      [&side, base = check.base, previous, respond = std::move(respond)](const ApiResult& r) {
        // A failed login (perhaps to another server) says nothing about the
        // sync with the current one, so it is not fed to the status sender.
        if (!r.ok()) {
          if (r.kind == ApiResult::Kind::unauthorized)
            return respond.error(server_code::kBadCredentials,
                                 r.message.empty() ? "wrong email or password" : r.message);
          if (r.kind == ApiResult::Kind::rejected) return respond.error(code::kBadParams, r.message);
          return answer_failure(respond, r);
        }
        const auto token = r.body.at("token").get<std::string>();
        side.remember_login(base, token, r.body.at("user"));
        spdlog::info("logged in to {} as user {}", base, r.body.at("user").value("id", nlohmann::json()).dump());
        // A token this host held before is of no use now; revoke it, best effort.
        if (previous && previous->token != token)
          side.run([ep = sync::Endpoint{previous->base, previous->token}](const sync::ServerApi& api) {
            return api.revoke_device_token(ep);
          }, [](const ApiResult&) {});
        // The server should know the current status even if no change is pending.
        const auto& status = side.ctx.state.status;
        if (side.status_sync->outbox().empty() && status.seq > 0) side.status_sync->enqueue(status);
        side.status_sync->heartbeat_now();
        side.refresh_reasons_in_background();
        respond.ok({{"user", side.user()}, {"server_url", base}});
      });
}

void logout(ServerSide& side, const protocol::Request&, Responder respond) {
  const auto acc = side.account();
  // Forget locally first: even if the server is down (or we die now) the
  // token is gone from this machine.
  side.forget_login();
  if (!acc) return respond.ok({{"revoked", false}, {"was_logged_in", false}});
  side.run([ep = sync::Endpoint{acc->base, acc->token}](const sync::ServerApi& api) { return api.revoke_device_token(ep); },
           [respond = std::move(respond)](const ApiResult& r) {
             // 401: already revoked on the server, which is what we wanted.
             const bool revoked = r.ok() || r.kind == ApiResult::Kind::unauthorized;
             nlohmann::json reply{{"revoked", revoked}, {"was_logged_in", true}};
             if (!revoked) reply["revoke_error"] = r.message;
             respond.ok(std::move(reply));
           });
}

nlohmann::json server_status(ServerSide& side) {
  const auto& st = side.status_sync->state();
  const auto acc = side.account();
  nlohmann::json j{{"server_url", acc ? acc->base : side.ctx.state.settings.server_url},
                   {"logged_in", acc.has_value()},
                   {"user", side.user()},
                   {"sync_ok", st.ok},  // not "ok": that is the reply envelope's
                   {"queued", st.queued},
                   {"dropped", side.status_sync->outbox().dropped()},
                   {"last_ok", st.last_ok_ms == 0 ? nlohmann::json() : nlohmann::json(st.last_ok_ms)},
                   {"error", nullptr},
                   {"last_error", nullptr}};
  auto err = [](const sync::SyncError& e) { return nlohmann::json{{"code", e.code}, {"message", e.message}, {"at", e.at_ms}}; };
  if (st.error) j["error"] = err(*st.error);
  if (st.last_error) j["last_error"] = err(*st.last_error);
  return j;
}

}  // namespace

void add_account_verbs(ServerSide& side) {
  side.ctx.dispatcher.add_async("login", [&side](const protocol::Request& r, Responder respond) {
    login(side, r, std::move(respond));
  });
  side.ctx.dispatcher.add_async("logout", [&side](const protocol::Request& r, Responder respond) {
    logout(side, r, std::move(respond));
  });
  side.ctx.dispatcher.add("server.status", [&side](const protocol::Request&) { return server_status(side); });
}

// Shared with content_verbs.cpp.
void answer_server_failure(const Responder& respond, const ApiResult& r) { answer_failure(respond, r); }

}  // namespace om::agent
