#include "sync/url_policy.hpp"

#include <gtest/gtest.h>

using om::sync::check_server_url;
using om::sync::is_loopback_host;

TEST(UrlPolicy, HttpsAnywhereIsAcceptedAndNormalised) {
  auto c = check_server_url("https://office.example.com/");
  ASSERT_TRUE(c.ok) << c.error;
  EXPECT_EQ(c.base, "https://office.example.com");
  c = check_server_url("HTTPS://Office.Example.com:8443/officemates//");
  ASSERT_TRUE(c.ok) << c.error;
  EXPECT_EQ(c.base, "https://office.example.com:8443/officemates");
}

TEST(UrlPolicy, PlainHttpOnlyForLoopback) {
  for (const char* ok : {"http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:9", "http://[::1]:8080/"}) {
    const auto c = check_server_url(ok);
    EXPECT_TRUE(c.ok) << ok << ": " << c.error;
  }
  for (const char* bad : {"http://office.example.com", "http://10.0.0.5:8080", "http://192.168.1.1",
                          "http://127.0.0.1.evil.example", "http://localhost.evil.example", "http://[::2]",
                          "http://128.0.0.1"}) {
    const auto c = check_server_url(bad);
    EXPECT_FALSE(c.ok) << bad;
    EXPECT_NE(c.error.find("http://"), std::string::npos) << bad << ": " << c.error;
  }
}

TEST(UrlPolicy, RefusesOtherSchemesCredentialsQueriesAndGarbage) {
  for (const char* bad : {"", "ftp://127.0.0.1", "file:///etc/passwd", "office.example.com", "https://user:pw@office.example.com",
                          "https://office.example.com/?x=1", "https://office.example.com/#f", "https://exa mple.com",
                          "javascript:alert(1)", "https://", "https://例え.jp"}) {
    const auto c = check_server_url(bad);
    EXPECT_FALSE(c.ok) << bad;
    EXPECT_FALSE(c.error.empty()) << bad;
  }
}

TEST(UrlPolicy, LoopbackHostRecognition) {
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.255.255.254"));
  EXPECT_TRUE(is_loopback_host("[::1]"));
  EXPECT_TRUE(is_loopback_host("LOCALHOST"));
  EXPECT_FALSE(is_loopback_host("127.0.0"));
  EXPECT_FALSE(is_loopback_host("127.0.0.256"));
  EXPECT_FALSE(is_loopback_host("127.0.0.1."));
  EXPECT_FALSE(is_loopback_host("0.0.0.0"));
}
