#include "presence/status.hpp"

#include <gtest/gtest.h>

using om::presence::normalize_reason;

TEST(Reason, CountsCodePointsNotBytes) {
  EXPECT_EQ(om::presence::count_code_points("休憩中"), 3u);
  EXPECT_EQ(normalize_reason("休憩中").reason.value(), "休憩中");
  EXPECT_TRUE(normalize_reason("一二三四五六七八九十").reason) << "10 characters are allowed";
  const auto eleven = normalize_reason("一二三四五六七八九十一");
  EXPECT_FALSE(eleven.reason);
  EXPECT_NE(eleven.error.find("11"), std::string::npos);
}

TEST(Reason, TrimsAsciiAndIdeographicSpaces) {
  EXPECT_EQ(normalize_reason("  昼食中\t").reason.value(), "昼食中");
  EXPECT_EQ(normalize_reason("\xE3\x80\x80外出中\xE3\x80\x80").reason.value(), "外出中");
  EXPECT_EQ(normalize_reason("  0123456789  ").reason.value(), "0123456789");
}

TEST(Reason, RejectsEmptyControlAndBrokenInput) {
  EXPECT_FALSE(normalize_reason("").reason);
  EXPECT_FALSE(normalize_reason("   ").reason);
  EXPECT_FALSE(normalize_reason("a\x01" "b").reason);
  EXPECT_FALSE(normalize_reason("\xFF\xFE").reason);
  EXPECT_FALSE(normalize_reason("\xE4\xBC").reason) << "truncated UTF-8";
}
