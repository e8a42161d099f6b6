#pragma once
// A fixture with a demo-seeded server per test suite and logged-in clients.
#include <gtest/gtest.h>

#include <memory>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace omtest {

class DemoServer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    server_ = std::make_unique<ServerProcess>(dir_->path() / "om.db");
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }
  static unsigned short port() { return server_->port(); }
  static Client admin() {
    Client c(port());
    EXPECT_TRUE(c.login("admin@example.com", "admin-pass"));
    return c;
  }
  static Client staff(int n = 1) {
    Client c(port());
    EXPECT_TRUE(c.login("staff" + std::to_string(n) + "@example.com", "staff-pass"));
    return c;
  }
  static Client device(int n = 1) {
    Client c(port());
    EXPECT_TRUE(c.device_login("staff" + std::to_string(n) + "@example.com", "staff-pass"));
    return c;
  }
  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<ServerProcess> server_;
};

}  // namespace omtest
