#pragma once
// What the server verbs share: the agent context, the status sender, a worker
// thread for the verbs' own HTTP calls (so a login never waits behind a
// presence post stuck on a dead server), and the account kept in
// PersistedState.server:
//   {"url", "token", "user": {id,email,role,group_id,group_name,family_name,
//    given_name,family_name_kana,given_name_kana,extension_number},
//    "reasons": {"group_id","reasons":[...],"fetched_at":ms}}
// The token is a secret: it never goes into a reply, an event or a log line.
#include "agent/context.hpp"
#include "sync/server_api.hpp"
#include "sync/status_sync.hpp"
#include "sync/worker.hpp"

#include <functional>
#include <memory>
#include <optional>

namespace om::agent {

struct ServerSide {
  explicit ServerSide(AgentContext& c);

  AgentContext& ctx;
  std::unique_ptr<sync::StatusSync> status_sync;
  sync::Worker requests;  // login, logout, reasons, image, ticket
  sync::ServerApi api;
  std::shared_ptr<int> alive = std::make_shared<int>(0);

  // The account as stored (url + token), if any and if its URL still passes the policy.
  std::optional<sync::Account> account() const;
  nlohmann::json user() const;  // {} when not logged in

  // Stores a fresh login (token, user, url) and tells the status sender.
  void remember_login(const std::string& base, const std::string& token, const nlohmann::json& me);
  // Forgets token and user (keeps the URL and the reasons cache); persists.
  void forget_login();
  // Keeps the reasons for offline use; persists.
  void cache_reasons(const nlohmann::json& reply);

  // Runs `call` on the requests worker and `done` with its result on the io
  // thread (unless the concern is gone by then).
  void run(std::function<sync::ApiResult(const sync::ServerApi&)> call,
           std::function<void(const sync::ApiResult&)> done);
  // Fetches the reasons into the cache without anyone waiting for them.
  void refresh_reasons_in_background();
};

// The error reply for a failed server call: SERVER_UNREACHABLE, NOT_LOGGED_IN
// (token refused), the server's own code and message for a 4xx, SERVER_ERROR.
void answer_server_failure(const Responder& respond, const sync::ApiResult& r);

void add_account_verbs(ServerSide& side);  // login, logout, server.status
void add_content_verbs(ServerSide& side);  // reasons.get, profile.image.set, console.ticket

}  // namespace om::agent
