#pragma once
// Presence state machine (DESIGN.md section 3). Pure: no threads, no I/O; time
// comes from the injected Clock and from the observations themselves.
#include "presence/clock.hpp"
#include "presence/status.hpp"

#include <chrono>
#include <deque>
#include <optional>

namespace om::presence {

struct Config {
  std::chrono::seconds away_after{30};   // no enrolled face this long -> away
  int present_needed = 2;                // enrolled face in N ...
  int present_window = 3;                // ... of the last M analysed frames -> present
  std::chrono::seconds grace{60};        // camera keeps running this long after monitor.stop
  std::chrono::milliseconds tracking_interval{500};  // ~2 fps while a face is tracked
  std::chrono::milliseconds idle_interval{1000};     // 1 fps otherwise
};

enum class ObservationKind { face_matched, face_other, no_face, camera_error };

struct Observation {
  ObservationKind kind = ObservationKind::no_face;
  SteadyTime at{};
  std::optional<double> distance;  // for face_matched / face_other
  bool onlooker = false;           // face_matched with other faces in view
};

class PresenceMachine {
 public:
  PresenceMachine(Config config, const Clock& clock, Status restored = {});

  // Each returns true when the reported status changed (seq was incremented).
  bool observe(const Observation& o);
  bool set_away(const std::string& normalized_reason);
  bool clear_away();
  bool monitor_start();
  bool monitor_stop();
  bool tick();  // time-driven transitions: away_after, end of grace period

  const Status& status() const { return status_; }
  const Config& config() const { return config_; }
  void reconfigure(const Config& c) { config_ = c; }

  bool monitoring() const { return monitoring_; }
  // Camera should run: monitoring, or within the grace period after stop, and
  // no manual reason set (a reason overrides the camera, so it stays off).
  bool camera_wanted() const;
  // How often to analyse a frame now; zero when the camera should be off.
  std::chrono::milliseconds analysis_interval() const;

 private:
  bool transition(State s, Origin o, std::string reason);
  std::optional<State> automatic_decision(SteadyTime now) const;
  bool apply_automatic(SteadyTime now);
  bool window_says_present() const;

  Config config_;
  const Clock& clock_;
  Status status_;
  bool monitoring_ = false;
  std::optional<SteadyTime> stopped_at_;       // monitor.stop time, for the grace period
  std::optional<SteadyTime> looking_since_;    // monitor start or camera recovery
  std::optional<SteadyTime> startup_deadline_; // restored status expires unless monitoring resumes
  std::optional<SteadyTime> last_match_;
  std::deque<bool> window_;                    // last M analysed frames: matched?
  bool camera_failed_ = false;
  bool tracking_ = false;
  bool onlooker_ = false;
};

}  // namespace om::presence
