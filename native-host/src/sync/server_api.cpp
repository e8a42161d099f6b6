#include "sync/server_api.hpp"

namespace om::sync {

ApiResult classify(const HttpResponse& response, bool expect_json) {
  ApiResult r;
  r.status = response.status;
  if (response.cancelled) {
    r.kind = ApiResult::Kind::cancelled;
    r.message = "cancelled";
    return r;
  }
  if (!response.reached()) {
    r.kind = ApiResult::Kind::unreachable;
    r.message = response.transport_error;
    return r;
  }
  if (!response.body.empty()) r.body = nlohmann::json::parse(response.body, nullptr, false);
  if (r.body.is_discarded()) r.body = nullptr;

  const long s = response.status;
  if (s >= 200 && s < 300) {
    if (expect_json && !r.body.is_object()) {
      r.kind = ApiResult::Kind::bad_response;
      r.message = "server answered " + std::to_string(s) + " without the expected JSON object";
      return r;
    }
    r.kind = ApiResult::Kind::ok;
    return r;
  }
  // The contract's error body: {"error":{"code","message"}}.
  if (r.body.is_object() && r.body.contains("error") && r.body["error"].is_object()) {
    const auto& e = r.body["error"];
    if (e.contains("code") && e["code"].is_string()) r.code = e["code"].get<std::string>();
    if (e.contains("message") && e["message"].is_string()) r.message = e["message"].get<std::string>();
  }
  if (r.message.empty()) r.message = "server answered HTTP " + std::to_string(s);
  if (s >= 500 || s == 408 || s == 429) r.kind = ApiResult::Kind::server_busy;
  else if (s == 401) r.kind = ApiResult::Kind::unauthorized;
  else if (s >= 400) r.kind = ApiResult::Kind::rejected;
  else r.kind = ApiResult::Kind::bad_response;  // 1xx/3xx: we never follow redirects
  return r;
}

ApiResult ServerApi::call(const Endpoint& ep, std::string method, const std::string& path, std::string body,
                          const std::string& content_type, bool expect_json) const {
  HttpRequest req;
  req.method = std::move(method);
  req.url = ep.base + path;
  req.body = std::move(body);
  req.headers.push_back("Accept: application/json");
  if (!content_type.empty()) req.headers.push_back("Content-Type: " + content_type);
  if (!ep.token.empty()) req.headers.push_back("Authorization: Bearer " + ep.token);
  return classify(perform(req, limits_, cancel_), expect_json);
}

ApiResult ServerApi::issue_device_token(const std::string& base, const std::string& email, const std::string& password,
                                        const std::string& device_name) const {
  const nlohmann::json body{{"email", email}, {"password", password}, {"device_name", device_name}};
  auto r = call(Endpoint{base, {}}, "POST", "/api/v1/auth/device-token", body.dump(), "application/json", true);
  if (r.ok() && !(r.body.contains("token") && r.body["token"].is_string() && r.body.contains("user") &&
                  r.body["user"].is_object())) {
    r.kind = ApiResult::Kind::bad_response;
    r.message = "device-token reply lacks token or user";
  }
  return r;
}

ApiResult ServerApi::revoke_device_token(const Endpoint& ep) const {
  return call(ep, "DELETE", "/api/v1/auth/device-token", {}, {}, false);
}

ApiResult ServerApi::post_presence(const Endpoint& ep, const nlohmann::json& entry) const {
  return call(ep, "POST", "/api/v1/presence", entry.dump(), "application/json", false);
}

ApiResult ServerApi::heartbeat(const Endpoint& ep) const {
  return call(ep, "POST", "/api/v1/presence/heartbeat", "{}", "application/json", false);
}

ApiResult ServerApi::reasons(const Endpoint& ep) const {
  auto r = call(ep, "GET", "/api/v1/me/reasons", {}, {}, true);
  if (r.ok() && !(r.body.contains("reasons") && r.body["reasons"].is_array())) {
    r.kind = ApiResult::Kind::bad_response;
    r.message = "reasons reply lacks the reasons array";
  }
  return r;
}

ApiResult ServerApi::put_image(const Endpoint& ep, std::string png) const {
  return call(ep, "PUT", "/api/v1/me/image", std::move(png), "image/png", false);
}

ApiResult ServerApi::console_ticket(const Endpoint& ep) const {
  auto r = call(ep, "POST", "/api/v1/auth/console-ticket", "{}", "application/json", true);
  if (r.ok() && !(r.body.contains("url") && r.body["url"].is_string())) {
    r.kind = ApiResult::Kind::bad_response;
    r.message = "console-ticket reply lacks url";
  }
  return r;
}

}  // namespace om::sync
