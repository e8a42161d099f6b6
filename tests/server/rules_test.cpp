// Unit tests of the validation building blocks: code-point counting, trimming,
// LIKE escaping, PNG signature/IHDR checks.
#include <gtest/gtest.h>

#include "images/png.hpp"
#include "support/png_fixtures.hpp"
#include "text/utf8.hpp"

using namespace om;

TEST(Utf8, CountsCodePointsNotBytes) {
  EXPECT_EQ(text::code_points("休憩中"), 3u);
  EXPECT_EQ(text::code_points("abc"), 3u);
  EXPECT_EQ(text::code_points("😀"), 1u);
  EXPECT_FALSE(text::code_points("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(text::code_points("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(text::code_points("\xE4\xBC"));      // truncated
}

TEST(Utf8, TrimsAsciiAndIdeographicSpace) {
  EXPECT_EQ(text::trim("  休憩中\t"), "休憩中");
  EXPECT_EQ(text::trim("\xE3\x80\x80外出中\xE3\x80\x80"), "外出中");
  EXPECT_EQ(text::trim("   "), "");
  EXPECT_EQ(text::trim("a b"), "a b");
}

TEST(Utf8, EscapesLikeWildcards) { EXPECT_EQ(text::like_escape("50%_a\\"), "50\\%\\_a\\\\"); }

TEST(Png, AcceptsRealPngWithinLimits) {
  images::PngInfo info;
  EXPECT_EQ(images::check_png(omtest::make_png(300, 20), 300, &info), images::PngCheck::ok);
  EXPECT_EQ(info.width, 300u);
  EXPECT_EQ(info.height, 20u);
}

TEST(Png, RejectsOversizeWrongSignatureAndBadHeader) {
  EXPECT_EQ(images::check_png(omtest::make_png(301, 1), 300), images::PngCheck::too_big_dimensions);
  EXPECT_EQ(images::check_png(omtest::make_png(1, 301), 300), images::PngCheck::too_big_dimensions);
  EXPECT_EQ(images::check_png(omtest::make_jpeg_like(100), 300), images::PngCheck::not_png);
  auto bad = omtest::make_png(10, 10);
  bad[12] = 'X';  // chunk type no longer IHDR
  EXPECT_EQ(images::check_png(bad, 300), images::PngCheck::bad_ihdr);
  EXPECT_EQ(images::check_png(std::string("\x89PNG\r\n\x1a\n", 8), 300), images::PngCheck::bad_ihdr);
}
