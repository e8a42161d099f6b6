#include "sync/backoff.hpp"

#include <gtest/gtest.h>

using om::sync::Backoff;
using namespace std::chrono_literals;

TEST(Backoff, DoublesWithinJitterBoundsUpToTheCap) {
  Backoff b(1000ms, 30000ms, 42);
  std::chrono::milliseconds ceiling = 1000ms;
  for (int i = 0; i < 12; ++i) {
    const auto d = b.next();
    EXPECT_GE(d, ceiling / 2) << "attempt " << i;
    EXPECT_LE(d, ceiling) << "attempt " << i;
    ceiling = std::min(ceiling * 2, std::chrono::milliseconds(30000));
  }
  EXPECT_EQ(b.ceiling(), 30000ms);
}

TEST(Backoff, NeverExceedsCapAfterVeryLongOutage) {
  Backoff b(500ms, 30000ms, 7);
  for (int i = 0; i < 10000; ++i) ASSERT_LE(b.next(), 30000ms);
  EXPECT_GE(b.next(), 15000ms);
}

TEST(Backoff, ResetStartsFromBaseAgain) {
  Backoff b(1000ms, 30000ms, 1);
  for (int i = 0; i < 6; ++i) b.next();
  b.reset();
  EXPECT_EQ(b.failures(), 0);
  const auto d = b.next();
  EXPECT_GE(d, 500ms);
  EXPECT_LE(d, 1000ms);
}

TEST(Backoff, JitterSpreadsHostsApart) {
  // Two hosts that failed at the same moment must not retry in lock-step.
  Backoff a(1000ms, 30000ms, 1), c(1000ms, 30000ms, 2);
  int differ = 0;
  for (int i = 0; i < 8; ++i) differ += a.next() != c.next();
  EXPECT_GE(differ, 6);
}
