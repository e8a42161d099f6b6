// Enrolment JSON and nearest-descriptor matching.
#include "vision/enrolment.hpp"

#include <gtest/gtest.h>

namespace om::vision {

namespace {
Descriptor filled(float v) {
  Descriptor d{};
  d.fill(v);
  return d;
}
}  // namespace

TEST(Enrolment, MatchesTheNearestDescriptorAgainstTheThreshold) {
  Enrolment e{{filled(0.0f), filled(1.0f)}};
  // distance of filled(a) to filled(b) = |a-b| * sqrt(128) ~= 11.31 |a-b|
  const Match near = match(e, filled(0.95f), 0.6);
  EXPECT_TRUE(near.matched);
  EXPECT_NEAR(near.distance, 0.05 * std::sqrt(128.0), 1e-4);
  const Match far = match(e, filled(0.5f), 0.6);
  EXPECT_FALSE(far.matched);
  EXPECT_FALSE(match(Enrolment{}, filled(0.0f), 0.6).matched);
}

TEST(Enrolment, JsonRoundTripKeepsDescriptorsAndWritesTheMean) {
  Enrolment e{{filled(0.25f), filled(0.75f)}};
  const auto j = enrolment_to_json(e);
  EXPECT_EQ(j.at("version"), 1);
  EXPECT_FLOAT_EQ(j.at("mean")[5].get<float>(), 0.5f);
  const auto back = enrolment_from_json(j);
  ASSERT_EQ(back.descriptors.size(), 2u);
  EXPECT_FLOAT_EQ(back.descriptors[1][127], 0.75f);
}

TEST(Enrolment, RejectsMalformedDescriptors) {
  EXPECT_THROW(enrolment_from_json(nlohmann::json::object()), std::invalid_argument);
  EXPECT_THROW(descriptors_from_json(nlohmann::json::parse("[[1,2,3]]")), std::invalid_argument);
  EXPECT_THROW(descriptors_from_json(nlohmann::json::parse("[\"x\"]")), std::invalid_argument);
}

}  // namespace om::vision
