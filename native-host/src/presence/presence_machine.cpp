#include "presence/presence_machine.hpp"

#include <algorithm>

namespace om::presence {

PresenceMachine::PresenceMachine(Config config, const Clock& clock, Status restored)
    : config_(config), clock_(clock), status_(std::move(restored)) {
  // After an agent restart nobody has asked for monitoring yet. Keep the
  // restored status for one grace period (a reconnecting console resumes
  // without a present->offline->present flap), then report offline.
  if (status_.state != State::away_manual && status_.state != State::offline) startup_deadline_ = clock_.steady() + config_.grace;
}

bool PresenceMachine::transition(State s, Origin o, std::string reason) {
  if (s == status_.state && o == status_.origin && reason == status_.reason) return false;
  status_.state = s;
  status_.origin = o;
  status_.reason = std::move(reason);
  status_.onlooker = (s == State::present) && onlooker_;
  status_.since_ms = clock_.wall_ms();
  ++status_.seq;
  return true;
}

bool PresenceMachine::window_says_present() const {
  return std::count(window_.begin(), window_.end(), true) >= config_.present_needed;
}

bool PresenceMachine::camera_wanted() const {
  if (status_.state == State::away_manual) return false;  // the reason rules; the camera has nothing to decide
  if (monitoring_) return true;
  return stopped_at_ && clock_.steady() - *stopped_at_ < config_.grace;
}

std::chrono::milliseconds PresenceMachine::analysis_interval() const {
  if (!camera_wanted()) return std::chrono::milliseconds{0};
  return tracking_ ? config_.tracking_interval : config_.idle_interval;
}

std::optional<State> PresenceMachine::automatic_decision(SteadyTime now) const {
  if (camera_failed_) return State::camera_unavailable;
  if (window_says_present()) return State::present;
  // Absent: the user has been missing since the last sighting, or since we
  // started looking (monitor start, camera recovery), whichever is later.
  auto looking_since = looking_since_.value_or(now);
  if (last_match_ && *last_match_ > looking_since) looking_since = *last_match_;
  if (now - looking_since >= config_.away_after) return State::away;
  if (status_.state == State::present) return State::present;  // hysteresis: hold until away_after
  return std::nullopt;  // not decided yet: keep what we report
}

bool PresenceMachine::apply_automatic(SteadyTime now) {
  if (status_.state == State::away_manual) return false;
  const auto decided = automatic_decision(now);
  if (!decided) return false;
  return transition(*decided, Origin::automatic, {});
}

bool PresenceMachine::observe(const Observation& o) {
  if (!camera_wanted()) return false;  // a late frame after the camera was released
  if (o.kind == ObservationKind::camera_error) {
    camera_failed_ = true;
    tracking_ = false;
    window_.clear();
    return apply_automatic(o.at);
  }
  if (camera_failed_) {
    camera_failed_ = false;
    looking_since_ = o.at;  // the camera is back: start looking afresh
  }
  const bool matched = o.kind == ObservationKind::face_matched;
  window_.push_back(matched);
  while (static_cast<int>(window_.size()) > config_.present_window) window_.pop_front();
  tracking_ = o.kind != ObservationKind::no_face;
  if (matched) {
    last_match_ = o.at;
    onlooker_ = o.onlooker;
  }
  return apply_automatic(o.at);
}

bool PresenceMachine::set_away(const std::string& normalized_reason) {
  return transition(State::away_manual, Origin::manual, normalized_reason);
}

bool PresenceMachine::clear_away() {
  if (status_.state != State::away_manual) return false;
  const auto now = clock_.steady();
  if (!monitoring_) return transition(State::offline, Origin::automatic, {});
  // Clearing the reason is a click on this PC: the user is here. Count it as a
  // sighting so the away timer starts now; the camera takes over from here.
  window_.clear();
  last_match_ = now;
  looking_since_ = now;
  onlooker_ = false;
  return transition(State::present, Origin::automatic, {});
}

bool PresenceMachine::monitor_start() {
  if (monitoring_) return false;
  monitoring_ = true;
  startup_deadline_.reset();
  const auto now = clock_.steady();
  const bool resumed_within_grace = stopped_at_ && now - *stopped_at_ < config_.grace;
  stopped_at_.reset();
  if (!resumed_within_grace) {
    window_.clear();
    last_match_.reset();
    camera_failed_ = false;
    tracking_ = false;
    looking_since_ = now;
  }
  return false;  // nothing is known yet; the camera decides
}

bool PresenceMachine::monitor_stop() {
  if (!monitoring_) return false;
  monitoring_ = false;
  stopped_at_ = clock_.steady();
  return false;  // the grace period keeps the status; tick() reports offline after it
}

bool PresenceMachine::tick() {
  const auto now = clock_.steady();
  if (startup_deadline_ && now >= *startup_deadline_) {
    startup_deadline_.reset();
    if (!monitoring_ && status_.state != State::away_manual) return transition(State::offline, Origin::automatic, {});
  }
  if (!monitoring_ && stopped_at_ && now - *stopped_at_ >= config_.grace) {
    stopped_at_.reset();
    window_.clear();
    tracking_ = false;
    camera_failed_ = false;
    if (status_.state != State::away_manual) return transition(State::offline, Origin::automatic, {});
    return false;
  }
  if (camera_wanted()) return apply_automatic(now);
  return false;
}

}  // namespace om::presence
