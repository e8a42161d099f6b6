// Presence from the host: seq idempotency, SSE delivery (one event per change,
// Last-Event-ID resume, reasons events), and offline after the heartbeat TTL.
#include <thread>

#include "test_env.hpp"

using namespace omtest;
using nlohmann::json;
using namespace std::chrono_literals;

class Presence : public DemoServer {};

namespace {
json report(long long seq, const std::string& state, const std::string& reason = "") {
  return {{"seq", seq}, {"state", state}, {"reason", reason}, {"since", 1700000000000LL + seq}};
}
}  // namespace

TEST_F(Presence, SeqIsIdempotent) {
  auto d = device(2);
  auto r = d.post("/api/v1/presence", report(5, "present"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["duplicate"], false);
  r = d.post("/api/v1/presence", report(5, "away"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["duplicate"], true);
  EXPECT_EQ(r.json()["presence"]["state"], "present");
  EXPECT_EQ(d.post("/api/v1/presence", report(3, "away")).json()["duplicate"], true);
  r = d.post("/api/v1/presence", report(6, "away_manual", "休憩中"));
  EXPECT_EQ(r.json()["duplicate"], false);
  const auto members = d.get("/api/v1/groups/1/members").json()["members"];
  for (const auto& m : members)
    if (m["id"] == 3) {
      EXPECT_EQ(m["presence"]["state"], "away_manual");
      EXPECT_EQ(m["presence"]["reason"], "休憩中");
      EXPECT_EQ(m["presence"]["seq"], 6);
    }
}

TEST_F(Presence, ReportsAreValidated) {
  auto d = device(2);
  EXPECT_EQ(d.post("/api/v1/presence", report(100, "sleeping")).status, 422);
  EXPECT_EQ(d.post("/api/v1/presence", report(0, "present")).status, 422);
  EXPECT_EQ(d.post("/api/v1/presence", report(100, "away_manual", "")).status, 422);
  EXPECT_EQ(d.post("/api/v1/presence", report(100, "away_manual", "あいうえおかきくけこさ")).status, 422);
  EXPECT_EQ(d.post("/api/v1/presence", {{"state", "present"}, {"since", 1}}).status, 400);
}

TEST_F(Presence, SseDeliversOneEventPerChangeAndResumes) {
  auto viewer = staff(1);
  auto d = device(3);
  SseReader live(viewer, "/api/v1/groups/1/events");
  ASSERT_EQ(live.status(), 200);
  for (int seq = 1; seq <= 6; ++seq)
    ASSERT_EQ(d.post("/api/v1/presence", report(seq, seq % 2 ? "away" : "present")).status, 200);
  d.post("/api/v1/presence", report(6, "away"));  // duplicate: no event
  const auto events = live.wait_for(6, 5s);
  const auto extra = live.drain(300ms);
  ASSERT_EQ(extra.size(), 6u) << "exactly one event per accepted change";
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].event, "presence");
    const auto data = json::parse(events[i].data);
    EXPECT_EQ(data["user_id"], 4);
    EXPECT_EQ(data["seq"], static_cast<int>(i) + 1);
    if (i) {
      EXPECT_GT(events[i].id, events[i - 1].id);
    }
  }
  // Resume after the second event: exactly events 3..6 are replayed.
  SseReader resumed(viewer, "/api/v1/groups/1/events", events[1].id);
  const auto replay = resumed.wait_for(4, 3s);
  ASSERT_EQ(resumed.drain(200ms).size(), 4u);
  EXPECT_EQ(json::parse(replay[0].data)["seq"], 3);
  EXPECT_EQ(replay[3].id, events[5].id);
  // An id from another server run cannot be resumed: the client is told to resync.
  SseReader stale(viewer, "/api/v1/groups/1/events", 999999);
  const auto r = stale.wait_for(1, 3s);
  ASSERT_FALSE(r.empty());
  EXPECT_EQ(r[0].event, "resync");
}

TEST_F(Presence, BurstIsBatchedButEveryChangeArrives) {
  auto viewer = staff(1);
  auto d = device(5);
  SseReader live(viewer, "/api/v1/groups/1/events");
  for (int seq = 1; seq <= 40; ++seq) ASSERT_EQ(d.post("/api/v1/presence", report(seq, "present")).status, 200);
  const auto events = live.wait_for(40, 5s);
  ASSERT_EQ(live.drain(200ms).size(), 40u);
  for (int i = 0; i < 40; ++i) EXPECT_EQ(json::parse(events[static_cast<std::size_t>(i)].data)["seq"], i + 1);
}

TEST_F(Presence, ReasonChangesArePushed) {
  auto viewer = staff(1);
  SseReader live(viewer, "/api/v1/groups/1/events");
  auto a = admin();
  ASSERT_EQ(a.put("/api/v1/admin/groups/1/reasons", {{"reasons", {"休憩中", "昼食中", "作業中", "外出中", "会議中"}}}).status, 200);
  const auto events = live.wait_for(1, 3s);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "reasons");
  EXPECT_EQ(json::parse(events[0].data)["reasons"].size(), 5u);
}

TEST(PresenceTtl, SilentHostGoesOfflineAndHeartbeatRestores) {
  TempDir dir;
  ServerProcess server(dir.path() / "om.db", {"--presence-ttl", "1"});
  Client viewer(server.port());
  ASSERT_TRUE(viewer.login("staff1@example.com", "staff-pass"));
  Client d(server.port());
  ASSERT_TRUE(d.device_login("staff2@example.com", "staff-pass"));
  SseReader live(viewer, "/api/v1/groups/1/events");
  ASSERT_EQ(d.post("/api/v1/presence", report(1, "away_manual", "外出中")).status, 200);
  // TTL 1 s, sweep every 250 ms: offline within ~1.5 s of the last report.
  const auto events = live.wait_for(2, 4s);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(json::parse(events[1].data)["state"], "offline");
  ASSERT_EQ(d.post("/api/v1/presence/heartbeat", json::object()).status, 200);
  const auto back = live.wait_for(3, 3s);
  ASSERT_GE(back.size(), 3u);
  const auto restored = json::parse(back[2].data);
  EXPECT_EQ(restored["state"], "away_manual");
  EXPECT_EQ(restored["reason"], "外出中");
}
