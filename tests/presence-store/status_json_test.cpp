#include "presence/status.hpp"

#include <gtest/gtest.h>

using namespace om::presence;

TEST(StatusJson, RoundTrips) {
  Status s;
  s.state = State::away_manual;
  s.origin = Origin::manual;
  s.reason = "昼食中";
  s.seq = 42;
  s.since_ms = 1'780'000'000'123;
  const auto j = to_json(s);
  EXPECT_EQ(j["state"], "away_manual");
  EXPECT_EQ(j["origin"], "manual");
  EXPECT_EQ(j["since"], "2026-05-28T20:26:40.123Z");
  EXPECT_EQ(status_from_json(j), s);
}

TEST(StatusJson, RejectsInconsistentOrUnknown) {
  EXPECT_THROW(status_from_json({{"state", "sleeping"}, {"seq", 1}}), std::exception);
  EXPECT_THROW(status_from_json({{"state", "present"}, {"seq", 1}, {"reason", "休憩中"}}), std::invalid_argument);
  EXPECT_THROW(status_from_json({{"state", "away_manual"}, {"seq", 1}}), std::invalid_argument);
  EXPECT_THROW(status_from_json({{"state", "present"}, {"seq", -1}}), std::invalid_argument);
  EXPECT_THROW(status_from_json(nlohmann::json::array()), std::invalid_argument);
}
