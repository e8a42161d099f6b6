// Authentication, sessions, CSRF, device tokens, console tickets, errors and pages.
#include "test_env.hpp"

using namespace omtest;
using nlohmann::json;

class Auth : public DemoServer {};

TEST_F(Auth, WrongPasswordIs401WithJsonError) {
  Client c(port());
  const auto r = c.post("/api/v1/auth/login", {{"email", "staff1@example.com"}, {"password", "nope"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.error_code(), "LOGIN_FAILED");
  EXPECT_TRUE(r.json()["error"]["message"].is_string());
}

TEST_F(Auth, LoginSetsStrictHttpOnlyCookieAndMeReturnsProfile) {
  Client c(port());
  const auto r = c.post("/api/v1/auth/login", {{"email", "staff1@example.com"}, {"password", "staff-pass"}});
  ASSERT_EQ(r.status, 200);
  const auto& sc = r.headers.at("set-cookie");
  EXPECT_NE(sc.find("om_session="), std::string::npos);
  EXPECT_NE(sc.find("HttpOnly"), std::string::npos);
  EXPECT_NE(sc.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(sc.find("Path=/"), std::string::npos);
  ASSERT_TRUE(c.login("staff1@example.com", "staff-pass"));
  const auto me = c.get("/api/v1/me").json();
  EXPECT_EQ(me["email"], "staff1@example.com");
  EXPECT_EQ(me["group_name"], "営業部");
  EXPECT_EQ(me["extension_number"], "4001");
  EXPECT_EQ(me["family_name_kana"], "サトウ");
  EXPECT_EQ(me["role"], "staff");
  EXPECT_EQ(me["csrf"], c.csrf);
  EXPECT_TRUE(me["presence"].contains("state"));
}

TEST_F(Auth, NoCredentialIs401) {
  Client c(port());
  const auto r = c.get("/api/v1/me");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.error_code(), "UNAUTHORIZED");
}

TEST_F(Auth, CookieWriteWithoutCsrfHeaderIsRefused) {
  auto c = staff(2);
  c.csrf.clear();
  EXPECT_EQ(c.del("/api/v1/me/away").error_code(), "CSRF_FAILED");
  c.csrf = "wrong";
  EXPECT_EQ(c.del("/api/v1/me/away").status, 403);
  c.csrf = staff(2).csrf;  // a different session's token does not work either
  EXPECT_EQ(c.del("/api/v1/me/away").status, 403);
}

TEST_F(Auth, LogoutEndsTheSession) {
  auto c = staff(3);
  EXPECT_EQ(c.post("/api/v1/auth/logout", json::object()).status, 204);
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
}

TEST_F(Auth, DeviceTokenWorksWithoutCsrfAndCanBeRevoked) {
  auto d = device(4);
  EXPECT_EQ(d.bearer.rfind("omd_", 0), 0u);
  EXPECT_EQ(d.get("/api/v1/me").json()["email"], "staff4@example.com");
  EXPECT_EQ(d.get("/api/v1/me/reasons").json()["reasons"], json({"休憩中", "昼食中", "作業中", "外出中"}));
  EXPECT_EQ(d.post("/api/v1/presence/heartbeat", json::object()).status, 200);
  EXPECT_EQ(d.del("/api/v1/auth/device-token").status, 204);
  EXPECT_EQ(d.get("/api/v1/me").status, 401);
}

TEST_F(Auth, DeviceRoutesRefuseCookieSessions) {
  auto c = staff(1);
  EXPECT_EQ(c.post("/api/v1/presence", {{"seq", 1}, {"state", "present"}, {"since", 1}}).status, 401);
  EXPECT_EQ(c.post("/api/v1/auth/console-ticket", json::object()).status, 401);
}

TEST_F(Auth, ConsoleTicketIsOneTimeAndSetsASession) {
  auto d = device(5);
  const auto t = d.post("/api/v1/auth/console-ticket", json::object());
  ASSERT_EQ(t.status, 200);
  const std::string url = t.json()["url"];
  EXPECT_EQ(t.json()["expires_in"], 60);
  Client browser(port());
  const auto r = browser.get(url);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.headers.at("location"), "/console");
  const auto sc = r.headers.at("set-cookie");
  browser.cookie = sc.substr(11, sc.find(';') - 11);
  EXPECT_EQ(browser.get("/api/v1/me").json()["email"], "staff5@example.com");
  const auto again = Client(port()).get(url);
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(again.headers.at("location"), "/login?error=ticket");
  EXPECT_EQ(again.headers.count("set-cookie"), 0u);
}

TEST_F(Auth, MalformedRequestsGetTheDocumentedErrors) {
  Client c(port());
  EXPECT_EQ(c.request("POST", "/api/v1/auth/login", "{not json").status, 400);
  EXPECT_EQ(c.request("POST", "/api/v1/auth/login", "email=a", "application/x-www-form-urlencoded").status, 415);
  EXPECT_EQ(c.post("/api/v1/auth/login", {{"email", 5}}).status, 400);
  const auto big = std::string(65 * 1024, 'a');
  EXPECT_EQ(c.request("POST", "/api/v1/auth/login", big).status, 413);
  const auto unknown = c.get("/api/v1/nothing");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.error_code(), "NOT_FOUND");
  EXPECT_EQ(c.request("PATCH", "/api/v1/me", "{}").status, 405);
}

TEST_F(Auth, StaffCannotSeeAnotherGroup) {
  auto c = staff(1);
  EXPECT_EQ(c.get("/api/v1/groups/1/members").status, 200);
  EXPECT_EQ(c.get("/api/v1/groups/2/members").status, 403);
  EXPECT_EQ(c.get("/api/v1/groups/2/reasons").status, 403);
  EXPECT_EQ(c.get("/api/v1/groups/2/events").status, 403);
  EXPECT_EQ(c.get("/api/v1/users/8/image").status, 403);  // staff7 is in 開発部
  EXPECT_EQ(c.get("/api/v1/groups/99/members").status, 404);
}

TEST_F(Auth, PagesRedirectAndRefuseTraversal) {
  Client c(port());
  const auto root = c.get("/");
  EXPECT_EQ(root.status, 303);
  EXPECT_EQ(root.headers.at("location"), "/console");
  EXPECT_NE(root.headers.at("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(c.get("/../CMakeLists.txt").status, 404);
  EXPECT_EQ(c.get("/%2e%2e/%2e%2e/etc/passwd").status, 404);
  EXPECT_EQ(c.get("/..%2fCMakeLists.txt").status, 404);
  EXPECT_EQ(c.get("/.hidden").status, 404);
  EXPECT_EQ(c.post("/console", json::object()).status, 405);
}
