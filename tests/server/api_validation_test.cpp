// Away reasons (離席事由) and profile image rules.
#include "support/png_fixtures.hpp"
#include "test_env.hpp"

using namespace omtest;
using nlohmann::json;

class Validation : public DemoServer {};

namespace {
constexpr const char* kReasons2 = "/api/v1/admin/groups/2/reasons";
}

TEST_F(Validation, ReasonOfTenCodePointsIsAcceptedElevenIsNot) {
  auto a = admin();
  const std::string ten = "あいうえおかきくけこ";  // 10 code points, 30 bytes
  const auto ok = a.put(kReasons2, {{"reasons", {ten, "休憩中"}}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["reasons"], json({ten, "休憩中"}));
  const auto bad = a.put(kReasons2, {{"reasons", {ten + "さ"}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.error_code(), "VALIDATION");
  EXPECT_EQ(a.put(kReasons2, {{"reasons", {"abcdefghijk"}}}).status, 422);
  EXPECT_EQ(a.put(kReasons2, {{"reasons", {"abcdefghij"}}}).status, 200);
}

TEST_F(Validation, ReasonsAreTrimmedAndDuplicatesRejected) {
  auto a = admin();
  const auto ok = a.put(kReasons2, {{"reasons", {"  会議中 ", "\u3000来客中\u3000", "外出中"}}});
  ASSERT_EQ(ok.status, 200);
  EXPECT_EQ(a.get(kReasons2).json()["reasons"], json({"会議中", "来客中", "外出中"}));
  EXPECT_EQ(a.put(kReasons2, {{"reasons", {"会議中", " 会議中"}}}).status, 422);
  EXPECT_EQ(a.put(kReasons2, {{"reasons", {"会議中", "   "}}}).status, 422);
  std::vector<std::string> many;
  for (int i = 0; i < 51; ++i) many.push_back("r" + std::to_string(i));
  EXPECT_EQ(a.put(kReasons2, {{"reasons", many}}).status, 422);
  many.pop_back();
  EXPECT_EQ(a.put(kReasons2, {{"reasons", many}}).status, 200);
  EXPECT_EQ(a.put(kReasons2, {{"reasons", "休憩中"}}).status, 400);
  // The list is what staff of the group now see.
  EXPECT_EQ(device(7).get("/api/v1/me/reasons").json()["reasons"].size(), 50u);
}

TEST_F(Validation, OwnImageLimitsAre2MiBAnd300Pixels) {
  auto s = staff(2);
  const auto put = [&](const std::string& bytes) { return s.request("PUT", "/api/v1/me/image", bytes, "image/png"); };
  const auto over = put(make_png_of_size(10, 10, 2 * 1024 * 1024 + 1));
  EXPECT_EQ(over.status, 413);
  EXPECT_EQ(over.error_code(), "TOO_LARGE");
  EXPECT_EQ(put(make_png_of_size(10, 10, 2 * 1024 * 1024)).status, 204);
  EXPECT_EQ(put(make_png(301, 10)).status, 422);
  EXPECT_EQ(put(make_png(10, 301)).status, 422);
  const auto jpeg = put(make_jpeg_like(5000));  // a .jpg renamed .png, sent as image/png
  EXPECT_EQ(jpeg.status, 415);
  EXPECT_EQ(jpeg.error_code(), "UNSUPPORTED_MEDIA_TYPE");
  const auto png = make_png(300, 300);
  EXPECT_EQ(put(png).status, 204);
  const auto got = s.get("/api/v1/users/3/image");
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.headers.at("content-type"), "image/png");
  EXPECT_EQ(got.body, png);
  EXPECT_EQ(s.get("/api/v1/me").json()["has_image"], true);
  EXPECT_EQ(s.get("/api/v1/users/4/image").status, 404);  // no image yet
}

TEST_F(Validation, AdminImageLimitIs5MiB) {
  auto a = admin();
  const auto put = [&](const std::string& bytes) {
    return a.request("PUT", "/api/v1/admin/users/5/image", bytes, "image/png");
  };
  EXPECT_EQ(put(make_png_of_size(20, 20, 5 * 1024 * 1024 + 1)).status, 413);
  EXPECT_EQ(put(make_png_of_size(20, 20, 3 * 1024 * 1024)).status, 204);
  EXPECT_EQ(put(make_png(300, 301)).status, 422);
  EXPECT_EQ(put(make_jpeg_like(100)).status, 415);
  EXPECT_EQ(a.request("PUT", "/api/v1/admin/users/999/image", make_png(5, 5), "image/png").status, 404);
}

TEST_F(Validation, ManualAwayNeedsAReasonOfTheGroup) {
  auto s = staff(6);
  EXPECT_EQ(s.put("/api/v1/me/away", {{"reason", "昼寝中"}}).status, 422);
  const auto r = s.put("/api/v1/me/away", {{"reason", " 昼食中 "}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["state"], "away_manual");
  EXPECT_EQ(r.json()["reason"], "昼食中");
  const auto cleared = s.del("/api/v1/me/away");
  EXPECT_EQ(cleared.json()["state"], "present");
  EXPECT_EQ(cleared.json()["reason"], "");
}
