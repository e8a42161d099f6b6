// The bridge and the agent as real processes, driven the way a browser drives
// them: over the bridge's stdin/stdout with native messaging frames.
#include "native_port.hpp"

#include <gtest/gtest.h>

#include <boost/process/child.hpp>
#include <boost/process/io.hpp>

#include <csignal>
#include <cstring>
#include <fstream>
#include <thread>

namespace om::test {
namespace {
namespace fs = std::filesystem;
namespace bp = boost::process;
using namespace std::chrono_literals;
using nlohmann::json;

std::string frame_of(const std::string& body) {
  const auto len = static_cast<std::uint32_t>(body.size());
  std::string out(4, '\0');
  std::memcpy(out.data(), &len, 4);
  return out + body;
}

std::string error_code_of(const json& reply) { return reply.at("error").at("code").get<std::string>(); }

TEST(BridgeAgent, HelloStartsTheAgentAndReportsVersionAndVerbs) {
  TempHome home;
  NativePort port(home);
  auto hello = port.request({{"type", "hello"}});
  EXPECT_EQ(hello["v"], 1);
  EXPECT_TRUE(hello["ok"].get<bool>()) << hello;
  EXPECT_EQ(hello["protocol"], 1);
  EXPECT_FALSE(hello["host"]["version"].get<std::string>().empty());
  EXPECT_FALSE(hello["state_recovered"].get<bool>());
  const auto caps = hello["capabilities"].get<std::vector<std::string>>();
  for (const char* verb : {"hello", "status.get", "away.set", "away.clear", "settings.get", "settings.set",
                           "monitor.start", "monitor.stop"})
    EXPECT_NE(std::find(caps.begin(), caps.end(), verb), caps.end()) << verb;
  ASSERT_TRUE(home.agent_pid().has_value());
  EXPECT_EQ(hello["agent_pid"].get<int>(), *home.agent_pid());
  EXPECT_TRUE(port.wait_event("agent", 1s, [](const json& e) { return e["connected"] == true; }));

  port.close_stdin();
  EXPECT_EQ(port.wait_exit(), 0);
  EXPECT_TRUE(home.agent_pid().has_value()) << "the agent outlives the bridge";
}

TEST(BridgeAgent, ManualReasonSurvivesAgentKill9) {
  TempHome home;
  int first_pid = 0;
  {
    NativePort port(home);
    ASSERT_TRUE(port.wait_event("agent", 10s, [](const json& e) { return e["connected"] == true; }));
    auto reply = port.request({{"type", "away.set"}, {"reason", "休憩中"}});
    ASSERT_TRUE(reply["ok"].get<bool>()) << reply;
    EXPECT_EQ(reply["status"]["state"], "away_manual");
    EXPECT_EQ(reply["status"]["reason"], "休憩中");
    first_pid = *home.agent_pid();

    home.kill_agent(SIGKILL);
    EXPECT_TRUE(port.wait_event("agent", 10s, [](const json& e) { return e["connected"] == false; }));
    // The bridge restarts the agent by itself and reports it.
    EXPECT_TRUE(port.wait_event("agent", 15s, [](const json& e) { return e["connected"] == true; }));
    auto again = port.request({{"type", "status.get"}});
    EXPECT_EQ(again["status"]["reason"], "休憩中") << again;
  }
  home.kill_agent(SIGKILL);
  NativePort fresh(home);
  auto hello = fresh.request({{"type", "hello"}});
  EXPECT_NE(hello["agent_pid"].get<int>(), first_pid);
  auto status = fresh.request({{"type", "status.get"}});
  EXPECT_EQ(status["status"]["state"], "away_manual") << status;
  EXPECT_EQ(status["status"]["reason"], "休憩中");
  auto cleared = fresh.request({{"type", "away.clear"}});
  EXPECT_NE(cleared["status"]["state"], "away_manual");
}

TEST(BridgeAgent, RequestInFlightWhenTheAgentDiesIsAnswered) {
  TempHome home;
  NativePort port(home);
  ASSERT_TRUE(port.request({{"type", "hello"}})["ok"].get<bool>());
  const int pid = *home.agent_pid();
  // A stopped agent accepts the request into its socket but never answers it.
  ASSERT_EQ(::kill(pid, SIGSTOP), 0);
  port.send({{"v", 1}, {"id", 77}, {"type", "status.get"}});
  std::this_thread::sleep_for(200ms);
  home.kill_agent(SIGKILL);
  auto reply = port.wait_reply_with_id(77, 10s);
  ASSERT_TRUE(reply.has_value()) << "the caller must not wait forever";
  EXPECT_FALSE((*reply)["ok"].get<bool>());
  EXPECT_EQ(error_code_of(*reply), "AGENT_UNAVAILABLE");
  EXPECT_TRUE(port.wait_event("agent", 15s, [](const json& e) { return e["connected"] == true; }));
  EXPECT_TRUE(port.request({{"type", "status.get"}})["ok"].get<bool>()) << "served again by the restarted agent";
}

TEST(BridgeAgent, TwoBridgesBothGetTheStatusEvent) {
  TempHome home;
  NativePort chrome(home);
  ASSERT_TRUE(chrome.request({{"type", "hello"}})["ok"].get<bool>());
  NativePort edge(home);
  ASSERT_TRUE(edge.request({{"type", "hello"}})["ok"].get<bool>());

  auto reply = chrome.request({{"type", "away.set"}, {"reason", "昼食中"}});
  ASSERT_TRUE(reply["ok"].get<bool>()) << reply;
  const auto seq = reply["status"]["seq"];
  for (NativePort* p : {&chrome, &edge}) {
    auto ev = p->wait_event("status", 10s, [&](const json& e) { return e["status"]["seq"] == seq; });
    ASSERT_TRUE(ev.has_value());
    EXPECT_EQ((*ev)["v"], 1);
    EXPECT_EQ((*ev)["status"]["reason"], "昼食中");
  }
}

TEST(BridgeAgent, MonitoringIsTrackedPerConnection) {
  TempHome home;
  auto a = std::make_unique<NativePort>(home);
  NativePort b(home);
  EXPECT_TRUE(a->request({{"type", "monitor.start"}})["monitoring"].get<bool>());
  EXPECT_TRUE(b.request({{"type", "status.get"}})["monitoring"].get<bool>());
  EXPECT_TRUE(b.request({{"type", "monitor.stop"}})["monitoring"].get<bool>()) << "a still monitors";
  a.reset();  // the console tab's browser went away: counts as stopped
  bool off = false;
  for (int i = 0; i < 100 && !off; ++i) {
    off = !b.request({{"type", "status.get"}})["monitoring"].get<bool>();
    if (!off) std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(off);
}

TEST(BridgeAgent, ForbiddenOriginIsRefused) {
  TempHome home;
  NativePort port(home, "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/");
  auto reply = port.next(10s);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(error_code_of(*reply), "FORBIDDEN_ORIGIN");
  EXPECT_TRUE((*reply)["id"].is_null());
  auto code = port.wait_exit();
  ASSERT_TRUE(code.has_value());
  EXPECT_NE(*code, 0);
  EXPECT_FALSE(home.agent_pid().has_value()) << "a refused caller must not start the agent";
}

TEST(BridgeAgent, ExtraOriginsComeFromTheEnvironment) {
  TempHome home;
  ::setenv("OFFICEMATES_ALLOWED_ORIGINS", "chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/", 1);
  NativePort port(home, "chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/");
  ::unsetenv("OFFICEMATES_ALLOWED_ORIGINS");
  EXPECT_TRUE(port.request({{"type", "hello"}})["ok"].get<bool>());
}

TEST(BridgeAgent, BadFramesGetErrorsAndTheBridgeKeepsServing) {
  TempHome home;
  NativePort port(home);
  ASSERT_TRUE(port.request({{"type", "hello"}})["ok"].get<bool>());

  port.send_raw(frame_of(std::string(2 * 1024 * 1024, 'x')));  // 2 MiB
  auto too_large = port.wait_reply_with_id(nullptr, 15s);
  ASSERT_TRUE(too_large.has_value());
  EXPECT_EQ(error_code_of(*too_large), "TOO_LARGE");

  port.send_raw(frame_of("\x01\x02garbage{{"));
  auto garbage = port.wait_reply_with_id(nullptr, 10s);
  ASSERT_TRUE(garbage.has_value());
  EXPECT_EQ(error_code_of(*garbage), "BAD_JSON");

  port.send_raw(std::string(4, '\0'));  // zero length
  auto zero = port.wait_reply_with_id(nullptr, 10s);
  ASSERT_TRUE(zero.has_value());
  EXPECT_EQ(error_code_of(*zero), "BAD_FRAME");

  auto unknown = port.request({{"type", "no.such.verb"}});
  EXPECT_EQ(error_code_of(unknown), "UNKNOWN_TYPE");
  auto bad = port.request({{"type", "away.set"}, {"reason", "これは十文字を超える長い離席事由です"}});
  EXPECT_EQ(error_code_of(bad), "BAD_PARAMS");
  EXPECT_TRUE(port.request({{"type", "status.get"}})["ok"].get<bool>());
}

TEST(BridgeAgent, TruncatedInputEndsTheBridgeCleanly) {
  TempHome home;
  NativePort port(home);
  ASSERT_TRUE(port.request({{"type", "hello"}})["ok"].get<bool>());
  port.send_raw(frame_of(R"({"v":1,"id":5,"type":"status.get"})").substr(0, 12));
  port.close_stdin();
  EXPECT_EQ(port.wait_exit(), 0);
}

TEST(BridgeAgent, SecondAgentExitsWithAClearMessage) {
  TempHome home;
  NativePort port(home);
  ASSERT_TRUE(port.request({{"type", "hello"}})["ok"].get<bool>());
  bp::ipstream err;
  bp::child second((bin_dir() / "officemates-agent").string(), bp::std_out > bp::null, bp::std_err > err);
  std::string all, line;
  while (std::getline(err, line)) all += line + "\n";
  EXPECT_EQ(wait_or_kill(second, 15s), 3);
  EXPECT_NE(all.find("already running"), std::string::npos) << all;
  EXPECT_TRUE(port.request({{"type", "status.get"}})["ok"].get<bool>()) << "the first agent still serves";
}

TEST(BridgeAgent, CorruptStateFileIsMovedAsideAndReported) {
  TempHome home;
  {
    std::ofstream f(home.state_dir() / "state.json");
    f << "{\"status\": {\"state\": \"away_ma";
  }
  NativePort port(home);
  auto hello = port.request({{"type", "hello"}});
  EXPECT_TRUE(hello["state_recovered"].get<bool>()) << hello;
  ASSERT_TRUE(hello.contains("recovered_from"));
  EXPECT_TRUE(fs::exists(hello["recovered_from"].get<std::string>()));
  auto status = port.request({{"type", "status.get"}});
  EXPECT_TRUE(status["ok"].get<bool>());
  EXPECT_NE(status["status"]["state"], "away_manual");
}

TEST(BridgeAgent, RequestsGetAgentUnavailableWhenNoAgentCanStart) {
  TempHome home;
  // A host without its sibling agent: the bridge can neither reach nor start one.
  const auto lonely = home.root() / "lonely";
  fs::create_directories(lonely);
  fs::copy_file(bin_dir() / "officemates-host", lonely / "officemates-host");
  NativePort port(home, kAllowedOrigin, lonely / "officemates-host");
  const auto t0 = std::chrono::steady_clock::now();
  auto reply = port.request({{"id", 77}, {"type", "status.get"}}, 15s);
  const auto waited = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(reply["id"], 77);
  EXPECT_EQ(error_code_of(reply), "AGENT_UNAVAILABLE");
  EXPECT_GE(waited, 2s) << "held for about 3 s before giving up";
  port.close_stdin();
  EXPECT_EQ(port.wait_exit(), 0);
}

TEST(HostCommands, MissingSiblingIsReportedClearly) {
  TempHome home;
  const auto lonely = home.root() / "lonely";
  fs::create_directories(lonely);
  fs::copy_file(bin_dir() / "officemates-host", lonely / "officemates-host");
  bp::ipstream err;
  bp::child c((lonely / "officemates-host").string(), "agent", bp::std_out > bp::null, bp::std_err > err);
  std::string all, line;
  while (std::getline(err, line)) all += line + "\n";
  auto code = wait_or_kill(c, 15s);
  ASSERT_TRUE(code.has_value());
  EXPECT_NE(*code, 0);
  EXPECT_NE(all.find("officemates-agent was not found"), std::string::npos) << all;
}

TEST(HostCommands, VersionPrintsAndExitsZero) {
  bp::ipstream out;
  bp::child c((bin_dir() / "officemates-host").string(), "--version", bp::std_out > out);
  std::string line;
  std::getline(out, line);
  EXPECT_EQ(wait_or_kill(c, 15s), 0);
  EXPECT_NE(line.find("officemates-host"), std::string::npos);
}

}  // namespace
}  // namespace om::test
