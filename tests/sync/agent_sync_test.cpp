// The server verbs through a real officemates-agent (its socket, the same
// framing the bridge relays) against a real officemates-server: login,
// reasons.get online and offline, refusal of http:// to a remote host, status
// changes reaching the server through a server outage and a kill -9 of the
// agent, logout.
#include "harness.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using om::test::AgentClient;
using om::test::Process;

namespace {

std::size_t file_lines(const fs::path& p) {
  std::ifstream in(p);
  std::size_t n = 0;
  std::string line;
  while (std::getline(in, line)) n += !line.empty();
  return n;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class AgentSync : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!om::test::have_binary("officemates-server") || !om::test::have_binary("officemates-agent"))
      GTEST_SKIP() << "officemates-server or officemates-agent not built";
    fs::create_directories(state_);
    fs::create_directories(runtime_);
    fs::permissions(runtime_, fs::perms::owner_all);
    server_ = std::make_unique<om::test::ServerProcess>(om::test::free_port(), dir_.path / "server.db",
                                                         dir_.path / "server.log");
    server_->start();
    start_agent();
  }

  void start_agent() {
    client_.reset();
    agent_ = std::make_unique<Process>(
        std::vector<std::string>{(om::test::bin_dir() / "officemates-agent").string()},
        std::map<std::string, std::string>{{"OFFICEMATES_STATE_DIR", state_.string()},
                                           {"OFFICEMATES_RUNTIME_DIR", runtime_.string()},
                                           {"OFFICEMATES_SYNC_BACKOFF_BASE_MS", "100"},
                                           {"OFFICEMATES_SYNC_BACKOFF_CAP_MS", "500"}},
        dir_.path / "agent.log");
    const auto sock = runtime_ / "agent.sock";
    ASSERT_TRUE(om::test::wait_until(
        [&] {
          if (!fs::exists(sock)) return false;
          try {
            client_ = std::make_unique<AgentClient>(sock);
            return true;
          } catch (const std::exception&) {
            return false;
          }
        },
        10s))
        << "agent did not come up:\n"
        << agent_->log();
  }

  nlohmann::json call(const std::string& type, nlohmann::json params = nlohmann::json::object()) {
    return client_->call(type, std::move(params));
  }

  nlohmann::json login() {
    return call("login", {{"server", server_->base()}, {"email", "staff1@example.com"}, {"password", "staff-pass"}});
  }

  nlohmann::json server_presence() {
    if (observer_.empty()) observer_ = om::test::device_token(server_->base(), "staff1@example.com", "staff-pass");
    return om::test::http("GET", server_->base() + "/api/v1/me", observer_).body.value("presence", nlohmann::json());
  }

  om::test::TempDir dir_;
  fs::path state_ = dir_.path / "state";
  fs::path runtime_ = dir_.path / "run";
  std::unique_ptr<om::test::ServerProcess> server_;
  std::unique_ptr<Process> agent_;
  std::unique_ptr<AgentClient> client_;
  std::string observer_;
};

}  // namespace

TEST_F(AgentSync, LoginRefusalsAndReasonsOnlineThenFromCache) {
  // Never logged in, nothing cached.
  auto r = call("reasons.get");
  ASSERT_EQ(r["ok"], false) << r.dump();
  EXPECT_EQ(r["error"]["code"], "NOT_LOGGED_IN");

  // Plain http:// to a machine on the network is refused before any request.
  r = call("login", {{"server", "http://192.0.2.10:8080"}, {"email", "staff1@example.com"}, {"password", "x"}});
  ASSERT_EQ(r["ok"], false);
  EXPECT_EQ(r["error"]["code"], "INSECURE_URL");
  EXPECT_NE(r["error"]["message"].get<std::string>().find("http://"), std::string::npos);

  // ... and so is saving it as the server URL in the settings.
  r = call("settings.set", {{"settings", {{"server_url", "http://office.example.com"}}}});
  ASSERT_EQ(r["ok"], false) << r.dump();
  EXPECT_EQ(r["error"]["code"], "INSECURE_URL");
  r = call("settings.set", {{"settings", {{"server_url", "https://office.example.com/"}}}});
  ASSERT_EQ(r["ok"], true) << r.dump();
  EXPECT_EQ(r["settings"]["server_url"], "https://office.example.com");

  // Wrong password: a clear code, and the password is nowhere on disk or in logs.
  r = call("login", {{"server", server_->base()}, {"email", "staff1@example.com"}, {"password", "Wrong-Secret-123"}});
  ASSERT_EQ(r["ok"], false);
  EXPECT_EQ(r["error"]["code"], "BAD_CREDENTIALS");

  // Server that is not there.
  r = call("login", {{"server", "http://127.0.0.1:" + std::to_string(om::test::free_port())},
                     {"email", "staff1@example.com"}, {"password", "staff-pass"}});
  ASSERT_EQ(r["ok"], false);
  EXPECT_EQ(r["error"]["code"], "SERVER_UNREACHABLE");

  r = login();
  ASSERT_EQ(r["ok"], true) << r.dump();
  EXPECT_EQ(r["user"]["email"], "staff1@example.com");
  EXPECT_FALSE(r.dump().find("omd_") != std::string::npos) << "the token never leaves the agent";

  const auto state_json = slurp(state_ / "state.json");
  EXPECT_EQ(state_json.find("staff-pass"), std::string::npos) << "password stored";
  EXPECT_EQ(state_json.find("Wrong-Secret-123"), std::string::npos);
  const auto logs = agent_->log() + slurp(state_ / "agent.log");
  EXPECT_NE(logs.find("logged in to"), std::string::npos) << "the log is where we think it is";
  EXPECT_EQ(logs.find("staff-pass"), std::string::npos) << "password logged";
  EXPECT_EQ(logs.find("Wrong-Secret-123"), std::string::npos);
  EXPECT_EQ(logs.find("omd_"), std::string::npos) << "token logged";

  r = call("reasons.get");
  ASSERT_EQ(r["ok"], true) << r.dump();
  EXPECT_EQ(r["cached"], false);
  EXPECT_EQ(r["reasons"], (nlohmann::json{"休憩中", "昼食中", "作業中", "外出中"}));

  auto st = call("server.status");
  EXPECT_EQ(st["logged_in"], true);
  EXPECT_EQ(st["server_url"], server_->base());
  EXPECT_EQ(st["user"]["email"], "staff1@example.com");

  // Server gone: the list still comes, from the cache, and says so.
  server_->kill_hard();
  r = call("reasons.get");
  ASSERT_EQ(r["ok"], true) << r.dump();
  EXPECT_EQ(r["cached"], true);
  EXPECT_EQ(r["reasons"].size(), 4u);

  // ... also after an agent restart.
  agent_->kill_hard();
  start_agent();
  r = call("reasons.get");
  ASSERT_EQ(r["ok"], true) << r.dump();
  EXPECT_EQ(r["cached"], true);
}

TEST_F(AgentSync, StatusChangesReachTheServerThroughOutageAndAgentKill9) {
  ASSERT_EQ(login()["ok"], true);
  ASSERT_EQ(call("away.set", {{"reason", "昼食中"}})["ok"], true);
  ASSERT_TRUE(om::test::wait_until([&] { return server_presence().value("reason", "") == "昼食中"; }, 10s))
      << server_presence().dump();
  const auto first_seq = server_presence()["seq"].get<std::int64_t>();

  // Server down: the changes queue up in outbox.jsonl and the popup is told.
  server_->kill_hard();
  client_->clear_events();
  ASSERT_EQ(call("away.clear")["ok"], true);
  ASSERT_EQ(call("away.set", {{"reason", "外出中"}})["ok"], true);
  EXPECT_TRUE(client_->wait_event(
      [](const nlohmann::json& e) {
        return e.value("event", "") == "server.sync" && e.value("ok", true) == false && e.contains("error") &&
               e["error"].value("code", "") == "SERVER_UNREACHABLE" && e.value("queued", 0) >= 1;
      },
      10s));
  ASSERT_TRUE(om::test::wait_until([&] { return file_lines(state_ / "outbox.jsonl") == 2; }, 5s))
      << slurp(state_ / "outbox.jsonl");
  auto st = call("server.status");
  EXPECT_EQ(st["queued"], 2);
  EXPECT_EQ(st["sync_ok"], false) << st.dump() << "\n" << slurp(state_ / "agent.log");
  EXPECT_EQ(st["error"]["code"], "SERVER_UNREACHABLE");

  // kill -9 of the agent: nothing is lost; the next agent delivers it all
  // once the server is back.
  agent_->kill_hard();
  EXPECT_EQ(file_lines(state_ / "outbox.jsonl"), 2u);
  start_agent();
  server_->start();
  ASSERT_TRUE(om::test::wait_until([&] { return call("server.status")["queued"] == 0; }, 15s))
      << call("server.status").dump() << "\n" << agent_->log();
  const auto p = server_presence();
  EXPECT_EQ(p["state"], "away_manual");
  EXPECT_EQ(p["reason"], "外出中");
  EXPECT_EQ(p["seq"].get<std::int64_t>(), first_seq + 2) << "both queued changes, in order";
  EXPECT_FALSE(fs::exists(state_ / "outbox.jsonl"));
  st = call("server.status");
  EXPECT_EQ(st["sync_ok"], true);
  EXPECT_TRUE(st["last_ok"].is_number());
}

TEST_F(AgentSync, ConsoleTicketProfileImageAndLogout) {
  ASSERT_EQ(login()["ok"], true);
  auto r = call("console.ticket");
  ASSERT_EQ(r["ok"], true) << r.dump();
  const auto url = r["url"].get<std::string>();
  EXPECT_EQ(url.rfind(server_->base() + "/", 0), 0u) << url;

  // Not a PNG: the server's verdict comes back verbatim.
  r = call("profile.image.set", {{"png_base64", "SGVsbG8gd29ybGQ="}});
  ASSERT_EQ(r["ok"], false);
  EXPECT_EQ(r["error"]["code"], "UNSUPPORTED_MEDIA_TYPE") << r.dump();
  r = call("profile.image.set", {{"png_base64", "not base64 !!"}});
  EXPECT_EQ(r["error"]["code"], "BAD_PARAMS");
  // A real 1x1 PNG is stored, and the server says the user has an image now.
  r = call("profile.image.set",
           {{"png_base64", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="}});
  ASSERT_EQ(r["ok"], true) << r.dump();
  if (observer_.empty()) observer_ = om::test::device_token(server_->base(), "staff1@example.com", "staff-pass");
  EXPECT_EQ(om::test::http("GET", server_->base() + "/api/v1/me", observer_).body["has_image"], true);

  r = call("logout");
  ASSERT_EQ(r["ok"], true) << r.dump();
  EXPECT_EQ(r["revoked"], true);
  EXPECT_EQ(call("server.status")["logged_in"], false);
  EXPECT_EQ(slurp(state_ / "state.json").find("omd_"), std::string::npos) << "token forgotten";
  EXPECT_EQ(call("console.ticket")["error"]["code"], "NOT_LOGGED_IN");

  // An orderly stop (SIGTERM) joins the sync threads cleanly; under the asan
  // preset this is where leaks and use-after-free would be reported.
  client_.reset();
  agent_->terminate();
  const auto log = agent_->log();
  EXPECT_EQ(log.find("Sanitizer"), std::string::npos) << log;
  EXPECT_EQ(log.find("runtime error"), std::string::npos) << log;
  EXPECT_NE(log.find("agent stopped"), std::string::npos) << log;
}
