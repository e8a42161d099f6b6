// Timelines through the presence state machine with a manual clock.
#include "presence/presence_machine.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace om::presence;
using namespace std::chrono_literals;

namespace {

Observation seen(ObservationKind kind, SteadyTime at, bool onlooker = false) {
  Observation o;
  o.kind = kind;
  o.at = at;
  o.onlooker = onlooker;
  if (kind == ObservationKind::face_matched || kind == ObservationKind::face_other) o.distance = 0.3;
  return o;
}

class PresenceTimeline : public ::testing::Test {
 protected:
  ManualClock clock;
  Config config;  // defaults: away after 30 s, 2 of 3, grace 60 s
  std::unique_ptr<PresenceMachine> m;
  std::vector<State> changes;

  void SetUp() override { m = std::make_unique<PresenceMachine>(config, clock); }

  // Advances time in steps of `every`, feeding `kind` each step and ticking.
  void feed(ObservationKind kind, std::chrono::milliseconds duration, std::chrono::milliseconds every = 500ms,
            bool onlooker = false) {
    for (auto t = 0ms; t < duration; t += every) {
      clock.advance(every);
      record(m->observe(seen(kind, clock.steady(), onlooker)));
      record(m->tick());
    }
  }
  void idle(std::chrono::milliseconds duration) {
    for (auto t = 0ms; t < duration; t += 250ms) {
      clock.advance(250ms);
      record(m->tick());
    }
  }
  void record(bool changed) {
    if (changed) changes.push_back(m->status().state);
  }
};

TEST_F(PresenceTimeline, StartsOfflineAndCameraOff) {
  EXPECT_EQ(m->status().state, State::offline);
  EXPECT_FALSE(m->camera_wanted());
  EXPECT_EQ(m->analysis_interval(), 0ms);
}

TEST_F(PresenceTimeline, EnrolledFaceTwiceOutOfThreeMakesPresent) {
  m->monitor_start();
  clock.advance(500ms);
  EXPECT_FALSE(m->observe(seen(ObservationKind::face_matched, clock.steady())));
  clock.advance(500ms);
  EXPECT_TRUE(m->observe(seen(ObservationKind::face_matched, clock.steady())));
  EXPECT_EQ(m->status().state, State::present);
  EXPECT_EQ(m->status().origin, Origin::automatic);
  EXPECT_EQ(m->status().seq, 1);
}

TEST_F(PresenceTimeline, LeavingTurnsAwayAfterAwayAfterSecondsNotBefore) {
  m->monitor_start();
  feed(ObservationKind::face_matched, 3s);
  ASSERT_EQ(m->status().state, State::present);
  feed(ObservationKind::no_face, 29s);
  EXPECT_EQ(m->status().state, State::present) << "hysteresis holds present until away_after";
  feed(ObservationKind::no_face, 2s);
  EXPECT_EQ(m->status().state, State::away);
  EXPECT_EQ(changes, (std::vector<State>{State::present, State::away}));
}

TEST_F(PresenceTimeline, ReturningIsPresentWithinTheHysteresisWindow) {
  m->monitor_start();
  feed(ObservationKind::face_matched, 2s);
  feed(ObservationKind::no_face, 35s);
  ASSERT_EQ(m->status().state, State::away);
  clock.advance(500ms);
  m->observe(seen(ObservationKind::face_matched, clock.steady()));
  EXPECT_EQ(m->status().state, State::away) << "one frame is not enough";
  clock.advance(500ms);
  m->observe(seen(ObservationKind::face_matched, clock.steady()));
  EXPECT_EQ(m->status().state, State::present) << "second match within 1 s";
}

TEST_F(PresenceTimeline, SingleMissedFrameDoesNotFlap) {
  m->monitor_start();
  for (int i = 0; i < 40; ++i) {
    feed(ObservationKind::face_matched, 1s);
    feed(ObservationKind::no_face, 500ms);
  }
  EXPECT_EQ(changes, (std::vector<State>{State::present}));
}

TEST_F(PresenceTimeline, SomeoneElsesFaceIsNotPresence) {
  m->monitor_start();
  feed(ObservationKind::face_other, 40s);
  EXPECT_EQ(m->status().state, State::away);
  EXPECT_EQ(changes, (std::vector<State>{State::away}));
}

TEST_F(PresenceTimeline, UserWithOnlookersIsPresentAndRecorded) {
  m->monitor_start();
  feed(ObservationKind::face_matched, 2s, 500ms, /*onlooker=*/true);
  EXPECT_EQ(m->status().state, State::present);
  EXPECT_TRUE(m->status().onlooker);
}

TEST_F(PresenceTimeline, ManualReasonIgnoresTheCameraUntilCleared) {
  m->monitor_start();
  feed(ObservationKind::face_matched, 2s);
  EXPECT_TRUE(m->set_away("昼食中"));
  EXPECT_EQ(m->status().state, State::away_manual);
  EXPECT_EQ(m->status().origin, Origin::manual);
  EXPECT_EQ(m->status().reason, "昼食中");
  EXPECT_FALSE(m->camera_wanted()) << "a reason overrides the camera, so the camera rests";
  feed(ObservationKind::face_matched, 60s);
  idle(120s);
  EXPECT_EQ(m->status().state, State::away_manual);
  EXPECT_FALSE(m->set_away("昼食中")) << "same reason again is not a change";
  EXPECT_TRUE(m->set_away("外出中"));
  EXPECT_TRUE(m->clear_away());
  EXPECT_EQ(m->status().state, State::present);
  EXPECT_TRUE(m->status().reason.empty());
  EXPECT_FALSE(m->clear_away()) << "nothing to clear";
}

TEST_F(PresenceTimeline, ClearingWhileNotMonitoringReportsOffline) {
  m->set_away("休憩中");
  EXPECT_TRUE(m->clear_away());
  EXPECT_EQ(m->status().state, State::offline);
}

TEST_F(PresenceTimeline, CameraErrorMeansCameraUnavailableAndRecovers) {
  m->monitor_start();
  feed(ObservationKind::face_matched, 2s);
  clock.advance(1s);
  EXPECT_TRUE(m->observe(seen(ObservationKind::camera_error, clock.steady())));
  EXPECT_EQ(m->status().state, State::camera_unavailable);
  feed(ObservationKind::face_matched, 1s);
  EXPECT_EQ(m->status().state, State::present);
}

TEST_F(PresenceTimeline, CameraRecoveringWithNobodyThereTurnsAwayAfterAwayAfter) {
  m->monitor_start();
  clock.advance(1s);
  m->observe(seen(ObservationKind::camera_error, clock.steady()));
  feed(ObservationKind::no_face, 29s);
  EXPECT_EQ(m->status().state, State::camera_unavailable);
  feed(ObservationKind::no_face, 2s);
  EXPECT_EQ(m->status().state, State::away);
}

TEST_F(PresenceTimeline, CameraErrorDuringManualReasonKeepsTheReason) {
  m->monitor_start();
  m->set_away("作業中");
  EXPECT_FALSE(m->observe(seen(ObservationKind::camera_error, clock.steady())));
  EXPECT_EQ(m->status().state, State::away_manual);
}

TEST_F(PresenceTimeline, MonitorStopKeepsCameraForGraceThenOffline) {
  m->monitor_start();
  feed(ObservationKind::face_matched, 2s);
  m->monitor_stop();
  EXPECT_TRUE(m->camera_wanted());
  idle(59s);
  EXPECT_EQ(m->status().state, State::present);
  EXPECT_TRUE(m->camera_wanted());
  idle(2s);
  EXPECT_EQ(m->status().state, State::offline);
  EXPECT_FALSE(m->camera_wanted());
  EXPECT_EQ(m->analysis_interval(), 0ms);
}

TEST_F(PresenceTimeline, ReopeningWithinGraceResumesWithoutAChange) {
  m->monitor_start();
  feed(ObservationKind::face_matched, 2s);
  const auto seq = m->status().seq;
  m->monitor_stop();
  idle(10s);
  m->monitor_start();
  feed(ObservationKind::face_matched, 2s);
  EXPECT_EQ(m->status().seq, seq);
}

TEST_F(PresenceTimeline, AdaptiveRateFollowsTracking) {
  m->monitor_start();
  EXPECT_EQ(m->analysis_interval(), config.idle_interval);
  feed(ObservationKind::face_matched, 1s);
  EXPECT_EQ(m->analysis_interval(), config.tracking_interval);
  feed(ObservationKind::no_face, 1s);
  EXPECT_EQ(m->analysis_interval(), config.idle_interval);
}

TEST_F(PresenceTimeline, SeqGrowsByOneAndSinceIsTheChangeTime) {
  m->monitor_start();
  feed(ObservationKind::face_matched, 1s);
  const auto first = m->status();
  clock.advance(5s);
  m->set_away("休憩中");
  EXPECT_EQ(m->status().seq, first.seq + 1);
  EXPECT_EQ(m->status().since_ms, clock.wall_ms());
}

TEST_F(PresenceTimeline, ConfigurableTimeouts) {
  config.away_after = 5s;
  config.present_needed = 3;
  config.present_window = 3;
  m = std::make_unique<PresenceMachine>(config, clock);
  m->monitor_start();
  feed(ObservationKind::face_matched, 1s);
  EXPECT_NE(m->status().state, State::present) << "needs 3 of 3";
  feed(ObservationKind::face_matched, 500ms);
  EXPECT_EQ(m->status().state, State::present);
  feed(ObservationKind::no_face, 6s);
  EXPECT_EQ(m->status().state, State::away);
}

TEST(PresenceRestart, RestoredStatusSurvivesAReconnectingConsole) {
  ManualClock clock;
  Status restored;
  restored.state = State::present;
  restored.seq = 7;
  PresenceMachine m({}, clock, restored);
  clock.advance(2s);
  EXPECT_FALSE(m.tick());
  m.monitor_start();
  clock.advance(120s);
  EXPECT_TRUE(m.tick()) << "nobody seen for away_after";
  EXPECT_EQ(m.status().state, State::away);
  EXPECT_EQ(m.status().seq, 8);
}

TEST(PresenceRestart, RestoredStatusTurnsOfflineWhenNoConsoleComesBack) {
  ManualClock clock;
  Status restored;
  restored.state = State::present;
  restored.seq = 3;
  PresenceMachine m({}, clock, restored);
  EXPECT_FALSE(m.camera_wanted());
  clock.advance(61s);
  EXPECT_TRUE(m.tick());
  EXPECT_EQ(m.status().state, State::offline);
}

TEST(PresenceRestart, RestoredManualReasonSticks) {
  ManualClock clock;
  Status restored;
  restored.state = State::away_manual;
  restored.origin = Origin::manual;
  restored.reason = "休憩中";
  restored.seq = 4;
  PresenceMachine m({}, clock, restored);
  clock.advance(600s);
  EXPECT_FALSE(m.tick());
  EXPECT_EQ(m.status().reason, "休憩中");
}

}  // namespace
