// Call Manager routes: role checks, 内線検索, 詳細 edit with optimistic concurrency.
#include <thread>

#include "support/png_fixtures.hpp"
#include "test_env.hpp"

using namespace omtest;
using nlohmann::json;

class Admin : public DemoServer {};

namespace {
json edit(const json& user, const std::string& family) {
  return {{"version", user["version"]},          {"password", "new-pass-123"},
          {"family_name", family},               {"family_name_kana", user["family_name_kana"]},
          {"given_name", user["given_name"]},    {"given_name_kana", user["given_name_kana"]},
          {"dial_in_number", user["dial_in_number"]}, {"extension_number", user["extension_number"]}};
}
}  // namespace

TEST_F(Admin, StaffCookieAndStaffTokenGet403OnEveryAdminRoute) {
  for (auto c : {staff(1), device(1)}) {
    EXPECT_EQ(c.get("/api/v1/admin/users").status, 403);
    EXPECT_EQ(c.get("/api/v1/admin/users/2").status, 403);
    EXPECT_EQ(c.put("/api/v1/admin/users/3", json::object()).status, 403);
    EXPECT_EQ(c.request("PUT", "/api/v1/admin/users/3/image", make_png(5, 5), "image/png").status, 403);
    EXPECT_EQ(c.get("/api/v1/admin/groups").status, 403);
    EXPECT_EQ(c.get("/api/v1/admin/groups/1/reasons").status, 403);
    const auto r = c.put("/api/v1/admin/groups/1/reasons", {{"reasons", {"x"}}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.error_code(), "FORBIDDEN");
  }
  EXPECT_EQ(admin().get("/api/v1/admin/groups/1/reasons").json()["reasons"].size(), 4u);
}

TEST_F(Admin, SearchAllEmptyListsEveryoneAndFiltersWork) {
  auto a = admin();
  const auto all = a.get("/api/v1/admin/users").json();
  EXPECT_EQ(all["total"], 9);
  EXPECT_EQ(a.get("/api/v1/admin/users?group_name=&email=&family_name=&family_name_kana=").json()["total"], 9);
  EXPECT_EQ(a.get("/api/v1/admin/users?group_name=%E9%96%8B%E7%99%BA").json()["total"], 2);  // 開発
  EXPECT_EQ(a.get("/api/v1/admin/users?family_name_kana=%E3%82%B5%E3%83%88%E3%82%A6").json()["total"], 1);  // サトウ
  EXPECT_EQ(a.get("/api/v1/admin/users?email=staff1%40").json()["items"][0]["extension_number"], "4001");
  const auto page2 = a.get("/api/v1/admin/users?per_page=4&page=2").json();
  EXPECT_EQ(page2["items"].size(), 4u);
  EXPECT_EQ(page2["total"], 9);
  EXPECT_EQ(a.get("/api/v1/admin/users?per_page=1000").status, 400);
  EXPECT_EQ(a.get("/api/v1/admin/groups").json()["items"].size(), 2u);
}

TEST_F(Admin, SqlInjectionAndWildcardsInSearchAreHarmless) {
  auto a = admin();
  for (const char* q : {"%27%20OR%201%3D1%20--", "%25", "_", "%5C", "x%27%3B%20DROP%20TABLE%20users%3B%20--",
                        "%22%29%20OR%20%28%221%22%3D%221"}) {
    for (const char* field : {"group_name", "email", "family_name", "family_name_kana"}) {
      const auto r = a.get(std::string("/api/v1/admin/users?") + field + "=" + q);
      ASSERT_EQ(r.status, 200) << field << "=" << q;
      EXPECT_EQ(r.json()["total"], 0) << field << "=" << q;
    }
  }
  EXPECT_EQ(a.get("/api/v1/admin/users").json()["total"], 9);  // table intact
}

TEST_F(Admin, EditRequiresTheManualsRequiredFields) {
  auto a = admin();
  const auto u = a.get("/api/v1/admin/users/4").json();
  auto body = edit(u, "高橋");
  body.erase("password");
  EXPECT_EQ(a.put("/api/v1/admin/users/4", body).status, 400);
  body["password"] = "short";
  EXPECT_EQ(a.put("/api/v1/admin/users/4", body).status, 422);
  body = edit(u, "  ");
  EXPECT_EQ(a.put("/api/v1/admin/users/4", body).status, 422);
  body = edit(u, "高橋");
  body["extension_number"] = "40a3";
  EXPECT_EQ(a.put("/api/v1/admin/users/4", body).status, 422);
  body["extension_number"] = "4001";  // staff1's
  EXPECT_EQ(a.put("/api/v1/admin/users/4", body).error_code(), "EXTENSION_TAKEN");
  EXPECT_EQ(a.put("/api/v1/admin/users/999", edit(u, "x")).status, 404);
}

TEST_F(Admin, EditChangesPasswordAndBumpsVersion) {
  auto a = admin();
  const auto u = a.get("/api/v1/admin/users/9").json();
  const auto r = a.put("/api/v1/admin/users/9", edit(u, "中村2"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["version"], u["version"].get<int>() + 1);
  EXPECT_EQ(r.json()["family_name"], "中村2");
  Client c(port());
  EXPECT_FALSE(c.login("staff8@example.com", "staff-pass"));
  EXPECT_TRUE(c.login("staff8@example.com", "new-pass-123"));
}

TEST_F(Admin, ConcurrentEditsOfOneUserGiveExactlyOne409) {
  auto a1 = admin();
  auto a2 = admin();
  const auto u = a1.get("/api/v1/admin/users/8").json();
  int s1 = 0, s2 = 0;
  std::thread t1([&] { s1 = a1.put("/api/v1/admin/users/8", edit(u, "山本A")).status; });
  std::thread t2([&] { s2 = a2.put("/api/v1/admin/users/8", edit(u, "山本B")).status; });
  t1.join();
  t2.join();
  EXPECT_EQ(std::min(s1, s2), 200);
  EXPECT_EQ(std::max(s1, s2), 409);
  const auto now = a1.get("/api/v1/admin/users/8").json();
  EXPECT_EQ(now["version"], u["version"].get<int>() + 1);
  EXPECT_EQ(now["family_name"], s1 == 200 ? "山本A" : "山本B");
}
