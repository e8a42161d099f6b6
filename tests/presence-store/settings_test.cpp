#include "store/settings.hpp"

#include <gtest/gtest.h>

using namespace om::store;

TEST(Settings, PatchAppliesValidKeys) {
  const auto s = apply_settings_patch({}, {{"away_after_s", 45}, {"camera", 2}, {"match_threshold", 0.5}});
  EXPECT_EQ(s.away_after_s, 45);
  EXPECT_EQ(s.camera, "2");
  EXPECT_DOUBLE_EQ(s.match_threshold, 0.5);
  EXPECT_EQ(s.grace_s, 60) << "untouched keys keep their value";
}

TEST(Settings, PatchRejectsBadInputAndNamesTheKey) {
  auto message_of = [](const nlohmann::json& patch) {
    try {
      apply_settings_patch({}, patch);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message_of({{"away_after_s", 1}}).find("away_after_s"), std::string::npos);
  EXPECT_NE(message_of({{"away_after_s", "30"}}).find("integer"), std::string::npos);
  EXPECT_NE(message_of({{"match_threshold", 3.0}}).find("match_threshold"), std::string::npos);
  EXPECT_NE(message_of({{"colour", "blue"}}).find("unknown setting"), std::string::npos);
  EXPECT_NE(message_of({{"present_needed", 4}, {"present_window", 3}}).find("exceed"), std::string::npos);
  EXPECT_NE(message_of(nlohmann::json::array()).find("object"), std::string::npos);
}

TEST(Settings, JsonRoundTrip) {
  Settings s;
  s.server_url = "http://127.0.0.1:8080";
  s.camera = "/tmp/timeline.txt";
  EXPECT_EQ(apply_settings_patch({}, to_json(s)), s);
}
