// The real officemates-host binary in a throw-away HOME: install, self-repair
// after a move, uninstall, and the doctor's verdict on each broken case.
#include "fake_peers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

const std::string kOrigin = "chrome-extension://dkkcednaiplllonaknmddgahkiahlkli/";
const char* kBrowsers[] = {"google-chrome", "chromium", "microsoft-edge"};

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct RunResult {
  int rc = -1;
  std::string out;
};

class HostInTempHome : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* bin = std::getenv("OFFICEMATES_BIN_DIR");
    ASSERT_NE(bin, nullptr) << "OFFICEMATES_BIN_DIR not set (run through ctest)";
    built_host_ = fs::path(bin) / "officemates-host";
    ASSERT_TRUE(fs::exists(built_host_)) << built_host_;
    std::random_device rd;
    root_ = fs::temp_directory_path() / ("om-installer-" + std::to_string(rd()));
    home_ = root_ / "home";
    fs::create_directories(home_);
    fs::create_directories(root_ / "bin");
    fs::create_directories(root_ / "run");
    // A copy we may move, as an update would; no siblings next to it, so the
    // doctor judges models and camera by itself (deterministic here).
    host_ = root_ / "bin" / "officemates-host";
    fs::copy_file(built_host_, host_);
    env_ = {{"HOME", home_.string()},
            {"PATH", "/usr/bin:/bin"},
            {"OFFICEMATES_RUNTIME_DIR", (root_ / "run").string()},
            {"OFFICEMATES_DEVICE_DIR", (root_ / "dev").string()},
            {"OFFICEMATES_MODEL_DIR", (root_ / "models").string()}};
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  RunResult run(const fs::path& exe, const std::string& args, const std::string& stdin_from = "/dev/null") {
    std::string cmd = "env -i";
    for (const auto& [k, v] : env_) cmd += " " + k + "=" + quote(v);
    cmd += " timeout 20 " + quote(exe.string()) + " " + args + " <" + stdin_from + " 2>&1";
    RunResult r;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf{};
    while (auto n = std::fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
    const int status = ::pclose(p);
    r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
  }
  RunResult host(const std::string& args) { return run(host_, args); }

  fs::path manifest(const char* browser) const {
    return home_ / ".config" / browser / "NativeMessagingHosts" / "life.cloudoffice.officemates.json";
  }
  static json read_json(const fs::path& p) {
    std::ifstream in(p);
    return json::parse(in);
  }
  static void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  // A model directory that passes the size check (1 MiB + a bit).
  void make_models(const fs::path& dir) {
    fs::create_directories(dir);
    std::ofstream(dir / "shape_predictor_68_face_landmarks.dat") << std::string(1100 * 1024, 'x');
  }
  json doctor_json() {
    const auto r = host("doctor --json");
    last_doctor_rc_ = r.rc;
    auto j = json::parse(r.out, nullptr, false);
    EXPECT_TRUE(j.is_object()) << r.out;
    return j;
  }
  static json check(const json& doctor, const std::string& id) {
    for (const auto& c : doctor["checks"])
      if (c["id"] == id) return c;
    ADD_FAILURE() << "no check " << id << " in " << doctor.dump(2);
    return json::object();
  }

  fs::path built_host_, root_, home_, host_;
  std::map<std::string, std::string> env_;
  int last_doctor_rc_ = -1;
};

TEST_F(HostInTempHome, InstallWritesValidManifestsForEveryBrowserAndTheModels) {
  make_models(root_ / "built-models");
  const auto r = host("install --models-from " + quote((root_ / "built-models").string()));
  ASSERT_EQ(r.rc, 0) << r.out;
  for (auto b : kBrowsers) {
    ASSERT_TRUE(fs::exists(manifest(b))) << b << "\n" << r.out;
    const auto j = read_json(manifest(b));
    EXPECT_EQ(j["name"], "life.cloudoffice.officemates");
    EXPECT_EQ(j["type"], "stdio");
    const fs::path path = j["path"].get<std::string>();
    EXPECT_TRUE(path.is_absolute());
    EXPECT_TRUE(fs::exists(path));
    EXPECT_EQ(fs::canonical(path), fs::canonical(host_));
    EXPECT_EQ(j["allowed_origins"], json::array({kOrigin}));
  }
  EXPECT_TRUE(fs::exists(home_ / ".local/share/officemates/models/shape_predictor_68_face_landmarks.dat"));
}

TEST_F(HostInTempHome, ExtensionIdOptionReplacesTheOrigins) {
  const auto r = host("install --no-models --browser chromium --extension-id aaaabbbbccccddddeeeeffffgggghhhh "
                      "--extension-id dkkcednaiplllonaknmddgahkiahlkli");
  ASSERT_EQ(r.rc, 0) << r.out;
  EXPECT_EQ(read_json(manifest("chromium"))["allowed_origins"],
            json::array({"chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/", kOrigin}));
  EXPECT_FALSE(fs::exists(manifest("google-chrome")));
  EXPECT_EQ(host("install --browser safari").rc, 2);
  EXPECT_EQ(host("install --extension-id nope").rc, 2);
}

TEST_F(HostInTempHome, MovedBinaryRewritesItsManifestsWhenStarted) {
  ASSERT_EQ(host("install --no-models").rc, 0);
  const auto moved = root_ / "bin2" / "officemates-host";
  fs::create_directories(moved.parent_path());
  fs::rename(host_, moved);
  // Started as the browser starts it; stdin at EOF so the bridge ends at once.
  run(moved, quote(kOrigin));
  for (auto b : kBrowsers)
    EXPECT_EQ(fs::path(read_json(manifest(b))["path"].get<std::string>()), moved)
        << b << ": the host's start must call om::install::repair_stale_manifests()";
}

TEST_F(HostInTempHome, UninstallLeavesNothingBehind) {
  make_models(root_ / "built-models");
  ASSERT_EQ(host("install --models-from " + quote((root_ / "built-models").string())).rc, 0);
  const auto r = host("uninstall");
  ASSERT_EQ(r.rc, 0) << r.out;
  std::string left;
  for (const auto& e : fs::recursive_directory_iterator(home_)) left += e.path().string() + "\n";
  EXPECT_EQ(left, "") << r.out;
}

TEST_F(HostInTempHome, UninstallKeepsUserStateUnlessPurge) {
  ASSERT_EQ(host("install --no-models").rc, 0);
  write(home_ / ".local/state/officemates/state.json", "{}");
  ASSERT_EQ(host("uninstall").rc, 0);
  EXPECT_TRUE(fs::exists(home_ / ".local/state/officemates/state.json"));
  EXPECT_FALSE(fs::exists(manifest("chromium")));
  ASSERT_EQ(host("install --no-models").rc, 0);
  ASSERT_EQ(host("uninstall --purge").rc, 0);
  EXPECT_FALSE(fs::exists(home_ / ".local/state/officemates"));
}

TEST_F(HostInTempHome, SystemScopeWritesTheSystemLocations) {
  env_["OFFICEMATES_INSTALL_ROOT"] = (root_ / "sysroot").string();
  ASSERT_EQ(host("install --system --no-models").rc, 0);
  for (auto dir : {"etc/opt/chrome", "etc/chromium", "etc/opt/edge"}) {
    const auto f = root_ / "sysroot" / dir / "native-messaging-hosts/life.cloudoffice.officemates.json";
    ASSERT_TRUE(fs::exists(f)) << f;
    EXPECT_EQ((fs::status(f).permissions() & fs::perms::others_read), fs::perms::others_read);
  }
  EXPECT_TRUE(fs::exists(root_ / "sysroot/var/lib/officemates/install-record.json"));
  ASSERT_EQ(host("uninstall --system").rc, 0);
  // Every directory install created (the staged root included) is gone again.
  EXPECT_FALSE(fs::exists(root_ / "sysroot"));
}

TEST_F(HostInTempHome, DoctorPassesTheLocalChecksWhenAllIsInPlace) {
  ASSERT_EQ(host("install --no-models").rc, 0);
  make_models(root_ / "models");
  write(root_ / "dev" / "video0", "");  // a stand-in device node that opens read-write
  const auto d = doctor_json();
  for (auto id : {"manifest.chrome", "manifest.chromium", "manifest.edge", "models", "camera"})
    EXPECT_EQ(check(d, id)["status"], "ok") << id << ": " << check(d, id).dump();
  // No agent runs in this HOME: reported, with a fix, and the exit code says so.
  EXPECT_EQ(check(d, "agent")["status"], "fail");
  EXPECT_FALSE(check(d, "agent")["fix"].get<std::string>().empty());
  EXPECT_EQ(last_doctor_rc_, 1);
  EXPECT_EQ(d["ok"], false);
}

TEST_F(HostInTempHome, DoctorReportsAMissingManifest) {
  ASSERT_EQ(host("install --no-models").rc, 0);
  fs::remove(manifest("microsoft-edge"));
  const auto d = doctor_json();
  EXPECT_EQ(check(d, "manifest.edge")["status"], "fail");
  EXPECT_NE(check(d, "manifest.edge")["fix"].get<std::string>().find("install --browser edge"), std::string::npos);
  EXPECT_EQ(check(d, "manifest.chrome")["status"], "ok");
  EXPECT_EQ(last_doctor_rc_, 1);
}

TEST_F(HostInTempHome, DoctorReportsAWrongPath) {
  ASSERT_EQ(host("install --no-models").rc, 0);
  auto j = read_json(manifest("google-chrome"));
  j["path"] = "/nonexistent/officemates-host";
  write(manifest("google-chrome"), j.dump());
  const auto d = doctor_json();
  EXPECT_EQ(check(d, "manifest.chrome")["status"], "fail");
  EXPECT_NE(check(d, "manifest.chrome")["detail"].get<std::string>().find("/nonexistent/officemates-host"),
            std::string::npos);
  EXPECT_EQ(last_doctor_rc_, 1);
}

TEST_F(HostInTempHome, DoctorReportsMissingAndTruncatedModels) {
  ASSERT_EQ(host("install --no-models").rc, 0);
  auto d = doctor_json();
  EXPECT_EQ(check(d, "models")["status"], "fail");
  EXPECT_FALSE(check(d, "models")["fix"].get<std::string>().empty());
  write(root_ / "models" / "dlib_face_recognition_resnet_model_v1.dat", "short");
  d = doctor_json();
  EXPECT_EQ(check(d, "models")["status"], "fail");
  EXPECT_NE(check(d, "models")["detail"].get<std::string>().find("truncated"), std::string::npos);
}

TEST_F(HostInTempHome, DoctorReportsNoCamera) {
  fs::create_directories(root_ / "dev");
  const auto d = doctor_json();
  EXPECT_EQ(check(d, "camera")["status"], "fail");
  EXPECT_NE(check(d, "camera")["detail"].get<std::string>().find("no camera"), std::string::npos);
  EXPECT_EQ(last_doctor_rc_, 1);
}

TEST_F(HostInTempHome, DoctorTextOutputHasAFixPerFailure) {
  const auto r = host("doctor");
  EXPECT_EQ(r.rc, 1);
  EXPECT_NE(r.out.find("[FAIL]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fix: officemates-host install --browser chrome"), std::string::npos) << r.out;
}

TEST_F(HostInTempHome, DoctorAsksTheAgentForServerAndLogin) {
  om::install::testing::FakeHttpServer server;
  om::install::testing::FakeAgent agent(
      root_ / "run" / "agent.sock",
      {{"hello", {{"protocol", 1}}},
       {"settings.get", {{"settings", {{"server_url", server.url()}, {"camera", (root_ / "clip.mp4").string()}}}}},
       {"server.status", {{"server_url", server.url()}, {"logged_in", true}}}});
  write(root_ / "clip.mp4", "not really a video");
  const auto d = doctor_json();
  EXPECT_EQ(check(d, "agent")["status"], "ok") << d.dump(2);
  EXPECT_EQ(check(d, "server")["status"], "ok") << d.dump(2);
  EXPECT_EQ(check(d, "login")["status"], "ok") << d.dump(2);
  // The agent's camera setting is a file source: checked as such.
  EXPECT_EQ(check(d, "camera")["status"], "ok") << d.dump(2);
}

TEST_F(HostInTempHome, DoctorReportsAnUnreachableServerAndALoggedOutAgent) {
  std::string dead_url;
  { dead_url = om::install::testing::FakeHttpServer().url(); }  // the port is closed again
  {
    om::install::testing::FakeAgent agent(root_ / "run" / "agent.sock",
                                          {{"settings.get", {{"settings", {{"server_url", dead_url}}}}},
                                           {"server.status", {{"logged_in", false}}}});
    const auto d = doctor_json();
    EXPECT_EQ(check(d, "agent")["status"], "ok");
    EXPECT_EQ(check(d, "server")["status"], "fail") << d.dump(2);
    EXPECT_FALSE(check(d, "server")["fix"].get<std::string>().empty());
  }
  fs::remove(root_ / "run" / "agent.sock");
  om::install::testing::FakeHttpServer server;
  om::install::testing::FakeAgent agent(root_ / "run" / "agent.sock",
                                        {{"settings.get", {{"settings", {{"server_url", server.url()}}}}},
                                         {"server.status", {{"logged_in", false}}}});
  const auto d = doctor_json();
  EXPECT_EQ(check(d, "server")["status"], "ok") << d.dump(2);
  EXPECT_EQ(check(d, "login")["status"], "fail") << d.dump(2);
  EXPECT_NE(check(d, "login")["fix"].get<std::string>().find("log in"), std::string::npos);
}

}  // namespace
