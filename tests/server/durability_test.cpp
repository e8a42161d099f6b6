// kill -9 while presence updates and admin edits are being written: after a
// restart on the same file, every acknowledged (committed) write is there.
#include <atomic>
#include <thread>

#include "test_env.hpp"

using namespace omtest;
using nlohmann::json;

TEST(Durability, KillDashNineLosesNoAcknowledgedWrite) {
  TempDir dir;
  const auto db = dir.path() / "om.db";
  std::atomic<long long> acked{0};
  std::atomic<int> acked_reasons{0};
  {
    ServerProcess server(db);
    Client d(server.port());
    ASSERT_TRUE(d.device_login("staff1@example.com", "staff-pass"));
    Client a(server.port());
    ASSERT_TRUE(a.login("admin@example.com", "admin-pass"));
    std::atomic<bool> stop{false};
    std::thread presence([&] {
      for (long long seq = 1; seq <= 100000 && !stop; ++seq) {
        try {
          const auto r = d.post("/api/v1/presence", {{"seq", seq}, {"state", seq % 2 ? "away" : "present"}, {"since", seq}});
          if (r.status != 200) return;
          acked = seq;
        } catch (const std::exception&) {
          return;  // the server is gone
        }
      }
    });
    std::thread reasons([&] {
      for (int n = 1; n <= 10000 && !stop; ++n) {
        try {
          const auto r = a.put("/api/v1/admin/groups/2/reasons", {{"reasons", {"r" + std::to_string(n)}}});
          if (r.status != 200) return;
          acked_reasons = n;
        } catch (const std::exception&) {
          return;
        }
      }
    });
    // Let writes flow for a while, then crash the server mid-stream.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while ((acked < 200 || acked_reasons < 20) && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    server.kill_hard();
    stop = true;
    presence.join();
    reasons.join();
  }
  ASSERT_GE(acked.load(), 50) << "too few writes before the kill to mean anything";
  ServerProcess again(db);
  Client a(again.port());
  ASSERT_TRUE(a.login("admin@example.com", "admin-pass"));
  const auto members = a.get("/api/v1/groups/1/members").json()["members"];
  long long stored = -1;
  for (const auto& m : members)
    if (m["id"] == 2) stored = m["presence"]["seq"].get<long long>();
  EXPECT_GE(stored, acked.load());
  const auto reasons = a.get("/api/v1/admin/groups/2/reasons").json()["reasons"];
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_GE(std::stoi(reasons[0].get<std::string>().substr(1)), acked_reasons.load());
}
