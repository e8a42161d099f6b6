// The presence state machine fed by the real recognition pipeline, on a
// scripted timeline of package photos, in virtual time (ManualClock): the
// user is present, leaves, someone else passes, the user returns with an
// onlooker, leaves again. Exactly the expected transitions, none extra.
#include "package_media_fixture.hpp"
#include "presence/presence_machine.hpp"
#include "vision/face_observer.hpp"
#include "vision/frame_source.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace om::vision {
using namespace om::vision::testing;
using namespace std::chrono;
using presence::State;

namespace {
struct Transition {
  State state;
  double at_s;
  bool onlooker;
};
}  // namespace

TEST(PresenceTimeline, RealPhotosGiveExactlyTheExpectedTransitions) {
  TempDir tmp("presence");
  const auto& m = media();
  const auto timeline = tmp.path() / "t.timeline";
  std::ofstream(timeline) << "0 " << m.user_images[0].string() << "\n"
                          << "10 none\n"                                        // leaves
                          << "25 " << m.other_images[0].string() << "\n"        // someone else passes
                          << "28 none\n"
                          << "40 " << m.user_images[1].string() << "\n"         // returns
                          << "50 " << m.crowd_image.string() << "\n"            // with an onlooker
                          << "55 " << m.user_images[2].string() << "\n"
                          << "60 none\n";                                       // leaves again
  auto source = open_timeline(timeline);

  FaceAnalyzer analyzer(ModelFiles::in(env().models_dir));
  FaceObserver observer(analyzer, {});
  observer.set_enrolment(enrolment_from_json(nlohmann::json::parse(std::ifstream(m.enrolment))));

  presence::ManualClock clock;
  presence::Config cfg;
  cfg.away_after = seconds(10);
  presence::PresenceMachine machine(cfg, clock);
  machine.monitor_start();

  std::vector<Transition> seen;
  auto record = [&](bool changed) {
    if (changed)
      seen.push_back({machine.status().state, duration<double>(clock.steady().time_since_epoch()).count(),
                      machine.status().onlooker});
  };
  milliseconds t{0};
  int frames = 0;
  while (t < seconds(75)) {
    const auto frame = source->read(t);
    ASSERT_EQ(frame.status, FrameRead::Status::ok);
    const auto o = observer.observe(frame.frame);
    ++frames;
    presence::Observation obs;
    obs.kind = o.kind == "face_matched" ? presence::ObservationKind::face_matched
               : o.kind == "face_other" ? presence::ObservationKind::face_other
                                        : presence::ObservationKind::no_face;
    obs.at = clock.steady();
    obs.distance = o.distance;
    obs.onlooker = o.onlooker;
    record(machine.observe(obs));
    // The agent ticks the machine between frames (every 100 ms here).
    const auto next = t + machine.analysis_interval();
    while (t < next) {
      clock.advance(milliseconds(100));
      t += milliseconds(100);
      record(machine.tick());
    }
  }

  std::string story;
  for (const auto& s : seen) story += std::string(presence::to_string(s.state)) + "@" + std::to_string(s.at_s) + " ";
  ASSERT_EQ(seen.size(), 4u) << "transitions: " << story;
  EXPECT_EQ(seen[0].state, State::present);
  EXPECT_LE(seen[0].at_s, 1.5) << story;
  EXPECT_EQ(seen[1].state, State::away);
  // away_after (10 s) after the last sighting, which is at most one frame
  // interval (0.5 s) before leaving at 10 s; and within one second of 20 s.
  EXPECT_GE(seen[1].at_s, 19.5) << story;
  EXPECT_LE(seen[1].at_s, 21.0) << story;
  EXPECT_EQ(seen[2].state, State::present);
  EXPECT_GE(seen[2].at_s, 40.0) << story;
  EXPECT_LE(seen[2].at_s, 41.5) << story;  // back within 1.5 s
  EXPECT_EQ(seen[3].state, State::away);
  EXPECT_GE(seen[3].at_s, 69.5) << story;
  EXPECT_LE(seen[3].at_s, 71.0) << story;
  std::printf("transitions: %s(%d frames analysed)\n", story.c_str(), frames);
}

}  // namespace om::vision
