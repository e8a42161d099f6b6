#include "vision/worker.hpp"

#include "protocol/frame.hpp"
#include "vision/base64.hpp"
#include "vision/blas_threads.hpp"
#include "vision/enrol_session.hpp"
#include "vision/face_observer.hpp"
#include "vision/resilient_source.hpp"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <unistd.h>

namespace om::vision {
namespace {
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using json = nlohmann::json;

// Reads frames from the agent on its own thread; the main loop waits on it
// or on its next frame time, whichever comes first.
class Inbox {
 public:
  explicit Inbox(int fd) : fd_(fd), thread_([this] { run(); }) {}
  ~Inbox() { thread_.detach(); }  // blocked in read(); the process is exiting
  // Waits until a message arrives or `until`; returns the messages so far.
  std::deque<json> wait(std::optional<Clock::time_point> until) {
    std::unique_lock lock(mu_);
    if (until)
      cv_.wait_until(lock, *until, [&] { return !queue_.empty(); });
    else
      cv_.wait(lock, [&] { return !queue_.empty(); });
    return std::exchange(queue_, {});
  }

 private:
  void run() {
    protocol::FrameDecoder decoder;
    char buf[65536];
    for (;;) {
      const ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n <= 0) break;
      std::string_view data(buf, static_cast<std::size_t>(n));
      while (!data.empty()) {
        data.remove_prefix(decoder.feed(data));
        while (auto ev = decoder.next()) {
          if (!ev->body) continue;
          auto j = json::parse(*ev->body, nullptr, false);
          if (j.is_object()) push(std::move(j));
          else spdlog::warn("worker: ignoring a message that is not a JSON object");
        }
        if (decoder.desynchronised()) break;
      }
    }
    push(json{{"type", "stop"}, {"why", "end of input"}});  // agent gone: stop, never linger
  }
  void push(json j) {
    {
      std::lock_guard lock(mu_);
      queue_.push_back(std::move(j));
    }
    cv_.notify_one();
  }
  int fd_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<json> queue_;
  std::thread thread_;
};

class Worker {
 public:
  Worker(int out_fd, FaceAnalyzer& analyzer) : out_fd_(out_fd), analyzer_(analyzer), observer_(analyzer, {}) {}

  void send(const json& j) {
    const auto bytes = protocol::encode_frame(j.dump(-1, ' ', false, json::error_handler_t::replace));
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
      const ssize_t n = ::write(out_fd_, p, left);
      if (n <= 0) throw std::runtime_error("agent pipe closed");
      p += n;
      left -= static_cast<std::size_t>(n);
    }
  }

  // Returns false on stop.
  bool handle(const json& m) {
    const std::string type = m.value("type", "");
    if (type == "stop") return false;
    if (type == "start") {
      source_spec_ = m.value("source", "0");
      SourceOptions opts;
      opts.dir_fps = m.value("dir_fps", 1.0);
      opts.loop = m.value("loop", true);
      source_ = std::make_unique<ResilientSource>([spec = source_spec_, opts] { return open_source(spec, opts); });
      started_at_ = Clock::now();
      next_tick_ = started_at_;
      spdlog::info("worker: source {}", source_spec_);
    }
    if (type == "start" || type == "configure") {
      if (m.contains("threshold")) observer_.set_threshold(m.at("threshold").get<double>());
      if (m.contains("descriptors")) observer_.set_enrolment({descriptors_from_json(m.at("descriptors"))});
      if (m.contains("interval_ms")) interval_ = milliseconds(std::max(100, m.at("interval_ms").get<int>()));
      if (m.contains("analyze")) analyze_ = m.at("analyze").get<bool>();
      next_tick_ = std::min(next_tick_, Clock::now() + interval_);
    } else if (type == "enroll") {
      enrol_.emplace(analyzer_, std::clamp(m.value("frames", 20), 1, 200));
      next_tick_ = Clock::now();
    } else if (type == "enroll.cancel") {
      enrol_.reset();
    } else if (type == "preview") {
      preview_ = m.value("on", true);
      next_tick_ = Clock::now();
    } else if (type != "start") {
      send({{"type", "error"}, {"message", "unknown worker message type \"" + type + "\""}});
    }
    return true;
  }

  std::optional<Clock::time_point> next_tick() const {
    if (!source_) return std::nullopt;
    return next_tick_;
  }

  void tick() {
    const auto now = Clock::now();
    if (!source_ || now < next_tick_) return;
    milliseconds period = enrol_ ? milliseconds(200) : analyze_ ? interval_ : milliseconds(1000);
    if (preview_) period = std::min(period, milliseconds(500));
    const auto elapsed = std::chrono::duration_cast<milliseconds>(now - started_at_);
    auto r = source_->read(elapsed);
    if (r.read.status == FrameRead::Status::error) {
      if (r.attempted) {
        spdlog::warn("worker: camera error: {} (retry in {} ms)", r.read.error, r.retry_in.value_or(period).count());
        send({{"type", "camera_error"}, {"message", r.read.error}, {"retry_in_ms", r.retry_in.value_or(period).count()}});
      }
      next_tick_ = now + std::min(period, r.retry_in.value_or(period));
      return;
    }
    const auto t0 = Clock::now();
    const PreparedFrame f = analyzer_.prepare(r.read.frame);
    std::vector<dlib::rectangle> boxes;
    bool confirm_soon = false;
    if (enrol_) {
      const EnrolStep s = enrol_->feed(f);
      boxes = s.boxes;
      json p{{"type", "enroll.progress"}, {"done", enrol_->done()}, {"total", enrol_->total()}};
      if (!s.accepted) p["skipped_reason"] = s.skipped_reason, p["message"] = s.message;
      if (s.paused) p["paused"] = true;
      send(p);
      if (enrol_->complete()) {
        send({{"type", "enroll.done"}, {"descriptors", descriptors_to_json(enrol_->descriptors())}});
        enrol_.reset();
      }
    } else if (analyze_) {
      const FrameObservation o = observer_.observe(f);
      const auto cost = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count();
      json j{{"type", "observation"}, {"kind", o.kind},       {"faces", o.faces},  {"onlooker", o.onlooker},
             {"described", o.described}, {"enhanced", o.enhanced}, {"elapsed_ms", elapsed.count()},
             {"cost_ms", double(cost) / 1000.0}};
      if (o.distance) j["distance"] = *o.distance;
      if (o.not_enrolled) j["not_enrolled"] = true;
      if (o.gated) j["gated"] = true;
      send(j);
      if (o.box) boxes.push_back(*o.box);
      // A face just appeared: presence needs a second sighting (2 of 3), so
      // take the next frame soon instead of a whole idle interval later.
      confirm_soon = o.faces > 0 && !saw_face_;
      saw_face_ = o.faces > 0;
    }
    if (preview_) {
      if (!enrol_ && !analyze_)
        for (const auto& face : analyzer_.detect(f)) boxes.push_back(face.box);
      send_preview(f, boxes);
    }
    next_tick_ += period;
    if (next_tick_ < Clock::now()) next_tick_ = Clock::now() + period;  // fell behind: never burst
    if (confirm_soon) next_tick_ = std::min(next_tick_, Clock::now() + milliseconds(300));
  }

 private:
  void send_preview(const PreparedFrame& f, const std::vector<dlib::rectangle>& boxes) {
    // In memory only: the JPEG goes to the agent and from there to the popup.
    cv::Mat small;
    const double s = f.bgr.cols > 320 ? 320.0 / f.bgr.cols : 1.0;
    cv::resize(f.bgr, small, cv::Size(), s, s, cv::INTER_AREA);
    for (const auto& b : boxes)
      cv::rectangle(small, cv::Rect(int(double(b.left()) * s), int(double(b.top()) * s), int(double(b.width()) * s),
                                    int(double(b.height()) * s)),
                    cv::Scalar(80, 220, 80), 2);
    std::vector<uchar> jpeg;
    cv::imencode(".jpg", small, jpeg, {cv::IMWRITE_JPEG_QUALITY, 70});
    send({{"type", "preview"},
          {"width", small.cols},
          {"height", small.rows},
          {"faces", boxes.size()},
          {"jpeg_base64", base64_encode(std::string_view(reinterpret_cast<const char*>(jpeg.data()), jpeg.size()))}});
  }

  int out_fd_;
  FaceAnalyzer& analyzer_;
  FaceObserver observer_;
  std::string source_spec_;
  std::unique_ptr<ResilientSource> source_;
  Clock::time_point started_at_{}, next_tick_{};
  milliseconds interval_{1000};
  bool analyze_ = true;
  bool preview_ = false;
  bool saw_face_ = false;
  std::optional<EnrolSession> enrol_;
};

}  // namespace

int run_worker(int in_fd, int out_fd, const WorkerOptions& options) {
  const bool threads_set = set_blas_threads(options.blas_threads);
  std::unique_ptr<FaceAnalyzer> analyzer;
  // Leaked on purpose: its reader thread may still be blocked in read() at exit.
  auto& inbox = *new Inbox(in_fd);
  auto emit = [&](const json& j) {
    const auto bytes = protocol::encode_frame(j.dump());
    if (::write(out_fd, bytes.data(), bytes.size()) < 0) spdlog::error("worker: cannot write to the agent");
  };
  try {
    analyzer = std::make_unique<FaceAnalyzer>(ModelFiles::in(options.model_dir));
  } catch (const std::exception& e) {
    spdlog::error("worker: {}", e.what());
    emit({{"type", "fatal"}, {"code", "MODEL_MISSING"}, {"message", e.what()}});
    return 3;
  }
  const std::string blas = blas_in_use();
  spdlog::info("worker: models from {}; dlib BLAS: {}{}", options.model_dir.string(), blas,
               threads_set ? " (" + std::to_string(options.blas_threads) + " thread)" : "");
  Worker worker(out_fd, *analyzer);
  try {
    worker.send({{"type", "ready"}, {"blas", blas}, {"pid", ::getpid()}});
    for (;;) {
      for (const auto& m : inbox.wait(worker.next_tick())) {
        try {
          if (!worker.handle(m)) return 0;
        } catch (const std::exception& e) {
          worker.send({{"type", "error"}, {"message", std::string("bad worker message: ") + e.what()}});
        }
      }
      worker.tick();
    }
  } catch (const std::exception& e) {
    spdlog::error("worker: {}", e.what());
    return 1;
  }
}

}  // namespace om::vision
