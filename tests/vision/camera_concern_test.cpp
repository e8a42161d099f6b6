// The agent's camera concern with the real officemates-vision worker process:
// monitoring follows a scripted timeline of package photos, a camera failure
// mid-run becomes camera_unavailable and recovers by itself, a killed worker
// is restarted, the worker exists only while the camera is needed, enrolment
// stores descriptors only, preview.frame returns a small JPEG.
#include "agent/camera/camera_concern.hpp"
#include "package_media_fixture.hpp"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace om::agent {
using namespace om::vision::testing;
using namespace std::chrono;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

class RecordingSink final : public EventSink {
 public:
  void broadcast(const json& event) override { events.push_back(event); }
  std::vector<json> events;
};

// Our officemates-vision children, found through /proc (ppid == us).
std::vector<pid_t> worker_children() {
  std::vector<pid_t> out;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const auto name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(e.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    const auto close = line.rfind(')');
    if (close == std::string::npos || line.find("(officemates-vis") == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state;
    pid_t ppid;
    rest >> state >> ppid;
    if (ppid == ::getpid() && state != 'Z') out.push_back(std::stoi(name));
  }
  return out;
}

class Harness {
 public:
  explicit Harness(store::Settings settings, bool enrolled = true)
      : state_dir_("camera-agent"), store_(state_dir_.path()), presence_(config_from(settings), clock_) {
    // The concern reads enrolment.json when it starts.
    if (enrolled) fs::copy_file(media().enrolment, state_dir_.path() / "enrolment.json");
    ::setenv("OFFICEMATES_VISION_EXE", env().vision_exe.c_str(), 1);
    ::setenv("OFFICEMATES_MODEL_DIR", env().models_dir.c_str(), 1);
    state_.settings = settings;
    ctx_ = std::make_unique<AgentContext>(io_, dispatcher_, sink_, store_, state_, presence_);
    camera_ = make_camera_concern(*ctx_);
  }
  ~Harness() {
    camera_->stop();
    io_.run_for(milliseconds(300));  // let the worker's stop complete
  }
  static presence::Config config_from(const store::Settings& s) {
    presence::Config c;
    c.away_after = seconds(s.away_after_s);
    c.grace = seconds(s.grace_s);
    return c;
  }

  json call(const std::string& type, json params = json::object()) {
    params["v"] = 1;
    params["id"] = ++id_;
    params["type"] = type;
    return dispatcher_.dispatch(params.dump());
  }
  // Runs the agent's loop (and the presence tick, as agent.cpp does) until
  // `done` or the timeout; returns whether `done` became true.
  bool run_until(const std::function<bool()>& done, milliseconds timeout) {
    const auto end = steady_clock::now() + timeout;
    while (steady_clock::now() < end) {
      io_.run_for(milliseconds(100));
      if (presence_.tick()) ctx_->commit_status_change();
      if (done()) return true;
    }
    return false;
  }
  std::vector<std::string> states() const {
    std::vector<std::string> v;
    for (const auto& e : sink_.events)
      if (e.value("event", "") == "status") v.push_back(e["status"]["state"]);
    return v;
  }
  std::vector<json> events(const std::string& name) const {
    std::vector<json> v;
    for (const auto& e : sink_.events)
      if (e.value("event", "") == name) v.push_back(e);
    return v;
  }
  const fs::path& state_dir() const { return state_dir_.path(); }
  presence::PresenceMachine& presence() { return presence_; }
  AgentContext& ctx() { return *ctx_; }

 private:
  TempDir state_dir_;
  boost::asio::io_context io_;
  Dispatcher dispatcher_;
  RecordingSink sink_;
  store::StateStore store_;
  store::PersistedState state_;
  presence::SystemClock clock_;
  presence::PresenceMachine presence_;
  std::unique_ptr<AgentContext> ctx_;
  std::unique_ptr<Concern> camera_;
  int id_ = 0;
};

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + " ";
  return s;
}

}  // namespace

TEST(CameraConcern, MonitoringFollowsTheTimelineAndRecoversFromACameraFailure) {
  TempDir media_dir("timeline");
  const auto timeline = media_dir.path() / "t.timeline";
  // present 0-5 s, nobody 5-12 s, camera broken 12-15 s, back at 15 s.
  std::ofstream(timeline) << "0 " << media().user_images[0].string() << "\n5 none\n12 error\n15 "
                          << media().user_images[1].string() << "\n";
  store::Settings s;
  s.camera = timeline.string();
  s.away_after_s = 4;
  s.grace_s = 1;
  Harness h(s);
  EXPECT_TRUE(worker_children().empty()) << "camera started before it was needed";
  h.presence().monitor_start();
  // The presence machine starts its away clock at monitor.start; on a loaded
  // machine starting the worker (loading ~120 MB of models) can take longer
  // than away_after, which shows as one leading "away" before the first frame.
  auto states = [&] {
    auto v = h.states();
    if (!v.empty() && v.front() == "away") v.erase(v.begin());
    return v;
  };
  const std::vector<std::string> expected{"present", "away", "camera_unavailable", "present"};
  EXPECT_TRUE(h.run_until([&] { return states().size() >= 4; }, seconds(60))) << join(h.states());
  EXPECT_EQ(states(), expected) << join(h.states());
  const auto errors = h.events("camera.error");
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0]["code"], "CAMERA_UNAVAILABLE");
  EXPECT_EQ(errors.size(), 1u) << "camera.error is sent once per failure, not per frame";
  EXPECT_EQ(worker_children().size(), 1u);

  // Console closed: after the grace period the worker (and the camera) stop.
  h.presence().monitor_stop();
  EXPECT_TRUE(h.run_until([&] { return worker_children().empty(); }, seconds(6))) << "worker still running";
}

TEST(CameraConcern, AKilledWorkerIsRestarted) {
  TempDir media_dir("crash");
  const auto timeline = media_dir.path() / "t.timeline";
  std::ofstream(timeline) << "0 " << media().user_images[0].string() << "\n";
  store::Settings s;
  s.camera = timeline.string();
  Harness h(s);
  h.presence().monitor_start();
  ASSERT_TRUE(h.run_until([&] { return !h.states().empty(); }, seconds(20)));
  auto kids = worker_children();
  ASSERT_EQ(kids.size(), 1u);
  ::kill(kids[0], SIGKILL);
  ASSERT_TRUE(h.run_until([&] { return h.states().size() >= 3; }, seconds(25))) << join(h.states());
  EXPECT_EQ(h.states(), (std::vector<std::string>{"present", "camera_unavailable", "present"}));
  kids = worker_children();
  ASSERT_EQ(kids.size(), 1u);
}

TEST(CameraConcern, WithoutEnrolmentFacesAreSomeoneElseAndThePopupIsTold) {
  TempDir media_dir("noenrol");
  const auto timeline = media_dir.path() / "t.timeline";
  std::ofstream(timeline) << "0 " << media().user_images[0].string() << "\n";
  store::Settings s;
  s.camera = timeline.string();
  s.away_after_s = 2;
  Harness h(s, /*enrolled=*/false);
  EXPECT_FALSE(h.call("enroll.get")["enrolled"].get<bool>());
  h.presence().monitor_start();
  ASSERT_TRUE(h.run_until([&] { return !h.events("camera.error").empty() && !h.states().empty(); }, seconds(30)));
  h.run_until([] { return false; }, milliseconds(1500));  // more frames: still only one event
  EXPECT_EQ(h.states(), std::vector<std::string>{"away"}) << join(h.states());
  const auto errors = h.events("camera.error");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0]["code"], "NOT_ENROLLED");
}

TEST(CameraConcern, EnrolmentPausesOnASecondFaceAndStoresDescriptorsOnly) {
  TempDir cam("enrolcam");
  // An image directory as the camera: someone else in view first, then the user alone.
  fs::copy_file(media().crowd_image, cam.path() / "a_crowd.jpg");
  for (int i = 0; i < 3; ++i)
    fs::copy_file(media().enrol_images[static_cast<std::size_t>(i)], cam.path() / ("b_" + std::to_string(i) + ".jpg"));
  store::Settings s;
  Harness h(s, /*enrolled=*/false);
  EXPECT_EQ(h.call("camera.select", {{"path", cam.path().string()}})["ok"], true);
  const auto started = h.call("enroll.start", {{"frames", 6}});
  ASSERT_EQ(started["ok"], true) << started;
  EXPECT_EQ(h.call("enroll.start")["error"]["code"], "BUSY");
  auto complete = [&] {
    for (const auto& e : h.events("enroll.progress"))
      if (e.value("complete", false)) return true;
    return false;
  };
  ASSERT_TRUE(h.run_until(complete, seconds(40)));
  bool paused = false;
  for (const auto& e : h.events("enroll.progress"))
    if (e.value("paused", false)) {
      paused = true;
      EXPECT_EQ(e["skipped_reason"], "several_faces");
      EXPECT_NE(e["message"].get<std::string>().find("faces in view"), std::string::npos);
    }
  EXPECT_TRUE(paused) << "a second face must pause the enrolment";
  const auto stored = json::parse(std::ifstream(h.state_dir() / "enrolment.json"));
  EXPECT_EQ(stored["descriptors"].size(), 6u);
  EXPECT_EQ(stored["mean"].size(), 128u);
  EXPECT_LT(fs::file_size(h.state_dir() / "enrolment.json"), 40'000u);  // numbers, not pictures
  for (const auto& e : fs::directory_iterator(h.state_dir())) {
    const auto ext = e.path().extension().string();
    EXPECT_TRUE(ext != ".jpg" && ext != ".png") << "an image was written: " << e.path();
  }
  EXPECT_TRUE(h.call("enroll.get")["enrolled"].get<bool>());
  EXPECT_EQ(h.call("enroll.clear")["ok"], true);
  EXPECT_FALSE(fs::exists(h.state_dir() / "enrolment.json"));
  // Not monitoring and no preview: the camera goes off again.
  EXPECT_TRUE(h.run_until([&] { return worker_children().empty(); }, seconds(6)));
}

TEST(CameraConcern, PreviewFrameIsASmallJpegWithTheFaceBox) {
  TempDir cam("previewcam");
  fs::copy_file(media().user_images[0], cam.path() / "u.jpg");
  store::Settings s;
  s.camera = cam.path().string();
  Harness h(s);
  auto first = h.call("preview.frame");
  ASSERT_EQ(first["ok"], true) << first;
  EXPECT_EQ(first["ready"], false);
  json frame;
  ASSERT_TRUE(h.run_until(
      [&] {
        frame = h.call("preview.frame");
        return frame.value("ready", false);
      },
      seconds(20)))
      << frame;
  EXPECT_LE(frame["width"].get<int>(), 320);
  EXPECT_EQ(frame["faces"], 1);
  EXPECT_EQ(frame["jpeg_base64"].get<std::string>().rfind("/9j/", 0), 0u);  // FF D8 FF: a JPEG
}

TEST(CameraConcern, CameraListAndSelectValidateAndPersist) {
  Harness h(store::Settings{}, false);
  const auto list = h.call("camera.list");
  ASSERT_EQ(list["ok"], true);
  EXPECT_TRUE(list["cameras"].is_array());
  EXPECT_EQ(list["selected"], "0");
  EXPECT_EQ(h.call("camera.select", {{"index", 99}})["error"]["code"], "BAD_PARAMS");
  EXPECT_EQ(h.call("camera.select", {{"path", "/no/such/camera"}})["error"]["code"], "BAD_PARAMS");
  EXPECT_EQ(h.call("camera.select")["error"]["code"], "BAD_PARAMS");
  EXPECT_EQ(h.call("camera.select", {{"index", 1}})["camera"], "1");
  EXPECT_EQ(store::StateStore(h.state_dir()).load().settings.camera, "1");
  EXPECT_TRUE(worker_children().empty()) << "listing or selecting must not switch a camera on";
}

}  // namespace om::agent
