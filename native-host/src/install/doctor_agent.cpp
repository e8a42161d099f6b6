#include "install/doctor_agent.hpp"

#include "install/agent_client.hpp"
#include "install/http_probe.hpp"

namespace om::install {
namespace {

constexpr auto kAgentTimeout = std::chrono::seconds(3);
constexpr auto kServerTimeout = std::chrono::seconds(5);

// Replies may carry the payload at the top level or under a key.
const nlohmann::json* find_key(const nlohmann::json& reply, const char* object, const char* key) {
  if (auto o = reply.find(object); o != reply.end() && o->is_object())
    if (auto k = o->find(key); k != o->end()) return &*k;
  if (auto k = reply.find(key); k != reply.end()) return &*k;
  return nullptr;
}

}  // namespace

AgentFindings check_agent_and_server(const std::filesystem::path& endpoint) {
  AgentFindings f;
  CheckResult agent{"agent", "agent reachable", CheckStatus::ok, "", ""};
  CheckResult server{"server", "server reachable", CheckStatus::skip, "", ""};
  CheckResult login{"login", "logged in to the server", CheckStatus::skip, "", ""};
  const auto finish = [&] {
    f.results = {agent, server, login};
    return f;
  };

  AgentClient client(endpoint);
  std::string error;
  if (!client.connect(error)) {
    agent.status = CheckStatus::fail;
    agent.detail = "nothing listening at " + endpoint.string() + " (" + error + ")";
    agent.fix = "open the browser with the OfficeMates extension (it starts the agent), or start officemates-agent";
    server.detail = login.detail = "needs the agent";
    return finish();
  }
  auto hello = client.request("hello", {}, kAgentTimeout, error);
  if (!hello) {
    agent.status = CheckStatus::fail;
    agent.detail = "connected to " + endpoint.string() + " but: " + error;
    agent.fix = "restart the agent (end officemates-agent; the browser starts it again)";
    server.detail = login.detail = "needs the agent";
    return finish();
  }
  agent.detail = endpoint.string() + " answered hello";
  if (auto* v = find_key(*hello, "agent", "version"); v && v->is_string()) agent.detail += " (version " + v->get<std::string>() + ")";

  auto settings = client.request("settings.get", {}, kAgentTimeout, error);
  std::string url;
  if (settings) {
    if (auto* u = find_key(*settings, "settings", "server_url"); u && u->is_string()) url = u->get<std::string>();
    if (auto* c = find_key(*settings, "settings", "camera"); c && c->is_string()) f.camera_setting = c->get<std::string>();
  }
  // server.status knows the account (its URL wins: it is where the token is valid).
  auto account = client.request("server.status", {}, kAgentTimeout, error);
  if (account)
    if (auto* u = find_key(*account, "server", "server_url"); u && u->is_string() && !u->get<std::string>().empty())
      url = u->get<std::string>();
  if (url.empty()) {
    server.status = CheckStatus::fail;
    server.detail = settings ? "no server URL configured" : "settings.get failed: " + error;
    server.fix = "set the server URL in the extension's settings";
    login.detail = "needs a server";
    return finish();
  }
  const auto probe = probe_http(url, "/", kServerTimeout);
  server.status = probe.reachable ? CheckStatus::ok : CheckStatus::fail;
  server.detail = url + ": " + probe.detail;
  if (!probe.reachable) {
    server.fix = "check the server URL in the extension's settings, the network, and that officemates-server runs";
    login.detail = "needs a reachable server";
    return finish();
  }

  const nlohmann::json* logged = account ? find_key(*account, "server", "logged_in") : nullptr;
  if (logged && logged->is_boolean()) {
    login.status = logged->get<bool>() ? CheckStatus::ok : CheckStatus::fail;
    login.detail = logged->get<bool>() ? "the agent holds a device token for " + url : "the agent is not logged in";
    if (auto* user = find_key(*account, "server", "user"); logged->get<bool>() && user && user->is_string())
      login.detail += " as " + user->get<std::string>();
    if (!logged->get<bool>()) login.fix = "log in from the extension popup (settings)";
  } else {
    login.status = CheckStatus::warn;
    login.detail = "the agent did not answer server.status" + (account ? std::string() : ": " + error);
  }
  return finish();
}

}  // namespace om::install
