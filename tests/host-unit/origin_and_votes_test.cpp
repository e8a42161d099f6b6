// The bridge's origin allow-list and the agent's per-connection monitoring.
#include "agent/status_verbs.hpp"
#include "bridge/origin.hpp"

#include <gtest/gtest.h>

namespace om {
namespace {

TEST(Origin, CompiledInDefaultIsAllowed) {
  const auto allowed = bridge::allowed_origins("");
  EXPECT_TRUE(bridge::origin_allowed("chrome-extension://dkkcednaiplllonaknmddgahkiahlkli/", allowed));
  EXPECT_FALSE(bridge::origin_allowed("chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/", allowed));
  EXPECT_FALSE(bridge::origin_allowed("chrome-extension://dkkcednaiplllonaknmddgahkiahlkli", allowed));
}

TEST(Origin, EnvironmentAddsTrimmedOrigins) {
  const auto allowed =
      bridge::allowed_origins(" chrome-extension://bbbb/ ,chrome-extension://cccc,,not-an-origin,chrome-extension://");
  EXPECT_TRUE(bridge::origin_allowed("chrome-extension://bbbb/", allowed));
  EXPECT_TRUE(bridge::origin_allowed("chrome-extension://cccc/", allowed));
  EXPECT_FALSE(bridge::origin_allowed("not-an-origin", allowed));
  EXPECT_FALSE(bridge::origin_allowed("chrome-extension://", allowed));
}

TEST(Origin, LooksLikeOrigin) {
  EXPECT_TRUE(bridge::looks_like_origin("chrome-extension://x/"));
  EXPECT_FALSE(bridge::looks_like_origin("agent"));
}

TEST(MonitorVotes, OnWhileAnyConnectionWantsIt) {
  agent::MonitorVotes v;
  EXPECT_TRUE(v.start(1));
  EXPECT_TRUE(v.start(2));
  EXPECT_TRUE(v.stop(1));
  EXPECT_TRUE(v.start(2)) << "starting twice is one vote";
  EXPECT_FALSE(v.stop(2));
  EXPECT_FALSE(v.stop(3)) << "stopping without starting is harmless";
}

}  // namespace
}  // namespace om
