#include "agent/camera/camera_concern.hpp"

#include "agent/camera/camera_list.hpp"
#include "agent/camera/enrolment_file.hpp"
#include "agent/camera/worker_process.hpp"
#include "common/paths.hpp"

#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <optional>

namespace om::agent {
namespace {
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using json = nlohmann::json;
namespace code = protocol::code;
using presence::ObservationKind;

constexpr milliseconds kPreviewKeepAlive{10'000};  // camera stays on this long after the last preview.frame
constexpr milliseconds kPreviewFresh{2'000};       // older cached previews are not served

std::filesystem::path default_worker_exe() {
  if (const char* e = std::getenv("OFFICEMATES_VISION_EXE"); e && *e) return e;
  // Not found: keep the expected path so the start failure names it.
  return paths::sibling_executable("officemates-vision").value_or(paths::self_exe().parent_path() / "officemates-vision");
}

std::optional<ObservationKind> kind_from(const std::string& k) {
  if (k == "face_matched") return ObservationKind::face_matched;
  if (k == "face_other") return ObservationKind::face_other;
  if (k == "no_face") return ObservationKind::no_face;
  if (k == "camera_error") return ObservationKind::camera_error;
  return std::nullopt;
}

class CameraConcern final : public Concern {
 public:
  CameraConcern(AgentContext& ctx, CameraConcernOptions o) : ctx_(ctx), options_(std::move(o)), timer_(ctx.io) {
    if (options_.worker_exe.empty()) options_.worker_exe = default_worker_exe();
    enrolment_ = load_enrolment(ctx_.store.dir());
    auto& d = ctx_.dispatcher;
    d.add("enroll.start", [this](const protocol::Request& r) { return enroll_start(r); });
    d.add("enroll.cancel", [this](const protocol::Request&) { return enroll_cancel(); });
    d.add("enroll.clear", [this](const protocol::Request&) { return enroll_clear(); });
    d.add("enroll.get", [this](const protocol::Request&) { return enroll_get(); });
    d.add("camera.list", [this](const protocol::Request&) {
      return json{{"cameras", list_camera_devices()}, {"selected", ctx_.state.settings.camera}};
    });
    d.add("camera.select", [this](const protocol::Request& r) { return camera_select(r); });
    d.add("preview.frame", [this](const protocol::Request&) { return preview_frame(); });
    ctx_.on_settings_change([this](const store::Settings& s) { settings_changed(s); });
    sent_source_ = ctx_.state.settings.camera;
    sent_threshold_ = ctx_.state.settings.match_threshold;
    schedule();
  }

  void stop() override {
    stopped_ = true;
    timer_.cancel();
    if (worker_) worker_->stop(milliseconds(1000));
    worker_.reset();
  }
  ~CameraConcern() override { stop(); }

 private:
  // ---- the camera's life: started when needed, stopped when not ----
  void schedule() {
    if (stopped_) return;
    timer_.expires_after(options_.poll);
    timer_.async_wait([this](boost::system::error_code ec) {
      if (ec || stopped_) return;
      poll();
      schedule();
    });
  }

  bool monitoring_wanted() const { return ctx_.presence.camera_wanted(); }
  bool camera_needed() const {
    return monitoring_wanted() || enrol_total_ > 0 || Clock::now() < preview_until_;
  }

  void poll() {
    if (!camera_needed()) {
      if (worker_) stop_worker("camera no longer needed");
      not_enrolled_told_ = false;
      return;
    }
    if (!worker_ && Clock::now() >= restart_at_) start_worker();
    if (!worker_) return;
    configure_worker();
  }

  void configure_worker() {
    const bool analyze = monitoring_wanted();
    auto interval = ctx_.presence.analysis_interval();
    if (interval.count() <= 0) interval = milliseconds(1000);
    const bool preview = Clock::now() < preview_until_;
    json c{{"type", "configure"}};
    if (analyze != sent_analyze_) c["analyze"] = sent_analyze_ = analyze;
    if (interval != sent_interval_) c["interval_ms"] = (sent_interval_ = interval).count();
    if (c.size() > 1) worker_->send(c);
    if (preview != sent_preview_) worker_->send({{"type", "preview"}, {"on", sent_preview_ = preview}});
  }

  void start_worker() {
    // Re-read enrolment.json each time the camera starts: it may have been
    // written by `officemates-vision face enroll --out` or copied in by a
    // script while the agent ran.
    enrolment_ = load_enrolment(ctx_.store.dir());
    const auto generation = ++generation_;
    try {
      worker_ = WorkerProcess::spawn(
          ctx_.io, options_.worker_exe, {"worker"},
          [this, alive = std::weak_ptr<int>(alive_), generation](const json& m) {
            if (alive.lock() && generation == generation_) on_worker_message(m);
          },
          [this, alive = std::weak_ptr<int>(alive_), generation](int status) {
            if (alive.lock() && generation == generation_) on_worker_exit(status);
          });
    } catch (const std::exception& e) {
      spdlog::error("camera: cannot start {}: {}", options_.worker_exe.string(), e.what());
      crashed("cannot start the camera process: " + std::string(e.what()));
      return;
    }
    started_at_ = Clock::now();
    sent_analyze_ = monitoring_wanted();
    auto interval = ctx_.presence.analysis_interval();
    sent_interval_ = interval.count() > 0 ? interval : milliseconds(1000);
    sent_preview_ = false;
    sent_source_ = ctx_.state.settings.camera;
    sent_threshold_ = ctx_.state.settings.match_threshold;
    spdlog::info("camera: worker {} started (source {})", worker_->pid(), sent_source_);
    worker_->send({{"type", "start"},
                   {"source", sent_source_},
                   {"threshold", sent_threshold_},
                   {"descriptors", enrolment_.descriptors},
                   {"interval_ms", sent_interval_.count()},
                   {"analyze", sent_analyze_}});
    if (enrol_total_ > 0) worker_->send({{"type", "enroll"}, {"frames", enrol_total_}});
  }

  void stop_worker(const char* why) {
    spdlog::info("camera: stopping worker ({})", why);
    ++generation_;  // its late messages and exit are not ours any more
    worker_->stop();
    worker_.reset();
    camera_failed_ = false;
  }

  void on_worker_exit(int status) {
    worker_.reset();
    spdlog::warn("camera: worker exited unexpectedly (wait status {})", status);
    crashed("the camera process stopped unexpectedly");
  }

  // Worker could not start or died: retry with backoff; while monitoring,
  // the camera is unavailable as far as presence is concerned.
  void crashed(const std::string& message) {
    if (Clock::now() - started_at_ > std::chrono::seconds(60)) crashes_ = 0;  // it had been fine for a while
    ++crashes_;
    const auto backoff = std::min<milliseconds>(milliseconds(30'000), milliseconds(1000) * (1 << std::min(crashes_ - 1, 5)));
    restart_at_ = Clock::now() + backoff;
    camera_error(message, std::string(code::kCameraUnavailable), backoff);
  }

  void camera_error(const std::string& message, const std::string& error_code, milliseconds retry_in) {
    if (monitoring_wanted()) observe(ObservationKind::camera_error, std::nullopt, false);
    if (!camera_failed_) {  // the event marks the edge; presence carries the ongoing state
      camera_failed_ = true;
      ctx_.events.broadcast(protocol::make_event(
          "camera.error", {{"code", error_code}, {"message", message}, {"retry_in_ms", retry_in.count()}}));
    }
    if (enrol_total_ > 0)
      ctx_.events.broadcast(protocol::make_event(
          "enroll.progress", {{"done", enrol_done_}, {"total", enrol_total_}, {"skipped_reason", "camera_error"}, {"message", message}}));
  }

  void observe(ObservationKind kind, std::optional<double> distance, bool onlooker) {
    presence::Observation o;
    o.kind = kind;
    o.at = Clock::now();
    o.distance = distance;
    o.onlooker = onlooker;
    ctx_.observe(o);
  }

  void on_worker_message(const json& m) {
    const std::string type = m.value("type", "");
    if (type == "observation") {
      if (camera_failed_) spdlog::info("camera: working again");
      camera_failed_ = false;
      if (Clock::now() - started_at_ > std::chrono::seconds(60)) crashes_ = 0;
      const auto kind = kind_from(m.value("kind", ""));
      if (!kind || !monitoring_wanted()) return;
      std::optional<double> distance;
      if (m.contains("distance") && m["distance"].is_number()) distance = m["distance"].get<double>();
      observe(*kind, distance, m.value("onlooker", false));
      // A face appearing switches presence to the tracking rate: tell the
      // worker now rather than at the next poll (present within 1.5 s).
      if (worker_) configure_worker();
      if (m.value("not_enrolled", false) && !not_enrolled_told_) {
        not_enrolled_told_ = true;  // once per monitoring session
        ctx_.events.broadcast(protocol::make_event(
            "camera.error", {{"code", code::kNotEnrolled},
                             {"message", "No face is enrolled: every face counts as someone else until you enrol."}}));
      }
    } else if (type == "camera_error") {
      camera_error(m.value("message", "camera error"), std::string(code::kCameraUnavailable),
                   milliseconds(m.value("retry_in_ms", 1000)));
    } else if (type == "enroll.progress") {
      if (enrol_total_ == 0) return;
      enrol_done_ = m.value("done", 0);
      json p{{"done", enrol_done_}, {"total", enrol_total_}};
      for (const char* k : {"skipped_reason", "message", "paused"})
        if (m.contains(k)) p[k] = m[k];
      ctx_.events.broadcast(protocol::make_event("enroll.progress", p));
    } else if (type == "enroll.done") {
      finish_enrolment(m.value("descriptors", json::array()));
    } else if (type == "preview") {
      if (m.contains("jpeg_base64")) {
        preview_ = m;
        preview_.erase("type");
        preview_at_ = Clock::now();
      }
    } else if (type == "ready") {
      spdlog::info("camera: worker ready, dlib BLAS: {}", m.value("blas", "?"));
    } else if (type == "fatal") {
      spdlog::error("camera: worker cannot run: {}", m.value("message", ""));
      camera_failed_ = false;  // make sure this one is announced
      camera_error(m.value("message", "camera process failed"), m.value("code", std::string(code::kInternal)),
                   milliseconds(30'000));
      restart_at_ = Clock::now() + std::chrono::seconds(30);
    } else if (type == "error") {
      spdlog::warn("camera worker: {}", m.value("message", ""));
    }
  }

  void finish_enrolment(const json& descriptors) {
    const int total = enrol_total_;
    enrol_total_ = 0;
    EnrolmentFile e;
    e.descriptors = descriptors;
    e.created_ms = std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    try {
      save_enrolment(ctx_.store.dir(), e);
    } catch (const std::exception& ex) {
      spdlog::error("camera: enrolment not saved: {}", ex.what());
      ctx_.events.broadcast(protocol::make_event(
          "enroll.progress", {{"done", enrol_done_}, {"total", total}, {"error", {{"code", code::kInternal}, {"message", ex.what()}}}}));
      return;
    }
    enrolment_ = e;
    not_enrolled_told_ = false;
    if (worker_) worker_->send({{"type", "configure"}, {"descriptors", enrolment_.descriptors}});
    spdlog::info("camera: enrolled with {} descriptors", enrolment_.descriptors.size());
    ctx_.events.broadcast(protocol::make_event("enroll.progress", {{"done", total}, {"total", total}, {"complete", true}}));
  }

  // ---- verbs ----
  json enroll_start(const protocol::Request& r) {
    int frames = 20;
    if (r.body.contains("frames")) frames = protocol::require_int(r.body, "frames", 1, 100);
    if (enrol_total_ > 0) throw protocol::ProtocolError(code::kBusy, "an enrolment is already running");
    enrol_total_ = frames;
    enrol_done_ = 0;
    if (worker_)
      worker_->send({{"type", "enroll"}, {"frames", frames}});
    else if (Clock::now() >= restart_at_)
      start_worker();  // sends "enroll" itself
    return {{"frames", frames}};
  }

  json enroll_cancel() {
    const bool was = enrol_total_ > 0;
    enrol_total_ = 0;
    if (was && worker_) worker_->send({{"type", "enroll.cancel"}});
    return {{"cancelled", was}};
  }

  json enroll_clear() {
    if (enrol_total_ > 0) throw protocol::ProtocolError(code::kBusy, "cancel the running enrolment first");
    clear_enrolment(ctx_.store.dir());
    enrolment_ = {};
    if (worker_) worker_->send({{"type", "configure"}, {"descriptors", json::array()}});
    return {{"cleared", true}};
  }

  json enroll_get() const {
    return {{"enrolled", !enrolment_.empty()},
            {"descriptors", enrolment_.descriptors.size()},
            {"created_ms", enrolment_.created_ms},
            {"running", enrol_total_ > 0},
            {"done", enrol_done_},
            {"total", enrol_total_}};
  }

  json camera_select(const protocol::Request& r) {
    std::string camera;
    if (r.body.contains("index")) {
      camera = std::to_string(protocol::require_int(r.body, "index", 0, 63));
    } else if (r.body.contains("path")) {
      camera = protocol::require_string(r.body, "path");
      std::error_code ec;
      if (camera.empty() || !std::filesystem::exists(camera, ec))
        throw protocol::ProtocolError(code::kBadParams, "path does not exist: " + camera);
    } else {
      throw protocol::ProtocolError(code::kBadParams, "camera.select needs \"index\" (0-63) or \"path\"");
    }
    ctx_.state.settings.camera = camera;
    ctx_.commit_settings_change();  // our listener restarts the worker on the new source
    return {{"camera", camera}};
  }

  json preview_frame() {
    preview_until_ = Clock::now() + kPreviewKeepAlive;
    if (!preview_.is_null() && Clock::now() - preview_at_ < kPreviewFresh) {
      json j = preview_;
      j["ready"] = true;
      return j;
    }
    // The camera is starting (or just asked for previews): the popup polls.
    if (!worker_ && Clock::now() >= restart_at_) start_worker();
    if (worker_) configure_worker();
    if (camera_failed_) throw protocol::ProtocolError(code::kCameraUnavailable, "the camera is not available");
    return {{"ready", false}, {"retry_after_ms", 500}};
  }

  void settings_changed(const store::Settings& s) {
    if (!worker_) return;
    if (s.camera != sent_source_) {
      stop_worker("camera changed");
      restart_at_ = {};
      crashes_ = 0;
      poll();
    } else if (s.match_threshold != sent_threshold_) {
      sent_threshold_ = s.match_threshold;
      worker_->send({{"type", "configure"}, {"threshold", sent_threshold_}});
    }
  }

  AgentContext& ctx_;
  // The worker process can outlive this concern by a few ms (reaping); its
  // callbacks check this token first.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  CameraConcernOptions options_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<WorkerProcess> worker_;
  std::uint64_t generation_ = 0;
  Clock::time_point started_at_{}, restart_at_{}, preview_until_{}, preview_at_{};
  int crashes_ = 0;
  bool camera_failed_ = false;
  bool not_enrolled_told_ = false;
  bool stopped_ = false;
  EnrolmentFile enrolment_;
  int enrol_total_ = 0, enrol_done_ = 0;
  json preview_;
  bool sent_analyze_ = false, sent_preview_ = false;
  milliseconds sent_interval_{0};
  std::string sent_source_;
  double sent_threshold_ = 0.6;
};

}  // namespace

std::unique_ptr<Concern> make_camera_concern(AgentContext& ctx, CameraConcernOptions options) {
  return std::make_unique<CameraConcern>(ctx, std::move(options));
}

}  // namespace om::agent
