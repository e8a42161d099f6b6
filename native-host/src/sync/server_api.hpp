#pragma once
// The calls the host makes to officemates-server, exactly as server/openapi.yaml
// defines them. Blocking: run them on a sync worker thread. Every outcome is
// classified once here so callers only decide what to do, not how to parse.
#include "sync/http_client.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace om::sync {

struct Endpoint {
  std::string base;   // checked by check_server_url
  std::string token;  // device token; empty for device-token issuance
};

struct ApiResult {
  enum class Kind {
    ok,           // 2xx
    unreachable,  // no HTTP response (refused, DNS, TLS, timeout) -> retry later
    server_busy,  // 5xx, 408, 429 -> retry later
    unauthorized, // 401: bad credentials or the device token is no longer valid
    rejected,     // other 4xx: this request will never be accepted as it is
    bad_response, // 2xx whose body is not the JSON the contract promises
    cancelled,    // the agent is shutting down
  };
  Kind kind = Kind::unreachable;
  long status = 0;
  nlohmann::json body;     // parsed JSON body (null when none)
  std::string code;        // server's error.code, or a local one (see below)
  std::string message;     // server's error.message, or a description of the failure

  bool ok() const { return kind == Kind::ok; }
  bool retryable() const { return kind == Kind::unreachable || kind == Kind::server_busy; }
};

// Turns a raw response into an ApiResult; `expect_json` for 2xx bodies.
ApiResult classify(const HttpResponse& response, bool expect_json);

class ServerApi {
 public:
  ServerApi(HttpLimits limits, const std::atomic<bool>* cancel) : limits_(limits), cancel_(cancel) {}

  // POST /api/v1/auth/device-token {email,password,device_name} -> {token,user}
  ApiResult issue_device_token(const std::string& base, const std::string& email, const std::string& password,
                               const std::string& device_name) const;
  // DELETE /api/v1/auth/device-token (revokes the caller's token)
  ApiResult revoke_device_token(const Endpoint& ep) const;
  // POST /api/v1/presence {seq,state,reason,since,origin}
  ApiResult post_presence(const Endpoint& ep, const nlohmann::json& entry) const;
  // POST /api/v1/presence/heartbeat
  ApiResult heartbeat(const Endpoint& ep) const;
  // GET /api/v1/me/reasons -> {group_id, reasons}
  ApiResult reasons(const Endpoint& ep) const;
  // PUT /api/v1/me/image (image/png)
  ApiResult put_image(const Endpoint& ep, std::string png) const;
  // POST /api/v1/auth/console-ticket -> {ticket,url,expires_in}
  ApiResult console_ticket(const Endpoint& ep) const;

 private:
  ApiResult call(const Endpoint& ep, std::string method, const std::string& path, std::string body,
                 const std::string& content_type, bool expect_json) const;

  HttpLimits limits_;
  const std::atomic<bool>* cancel_;
};

}  // namespace om::sync
