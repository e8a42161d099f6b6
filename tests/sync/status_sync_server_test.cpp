// StatusSync (the host's sender) against a real officemates-server: every
// change arrives once and in order — through a server kill -9 and restart,
// through an agent restart with a non-empty outbox, and when the server
// refuses an entry or the token. Runs the sender in-process so the test
// controls exactly when it may deliver (no races with the SSE listener).
#include "harness.hpp"
#include "sync/status_sync.hpp"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <fstream>

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using om::presence::State;
using om::presence::Status;
using om::sync::StatusSync;
using om::test::SseListener;

namespace {

const char* kEmail = "staff1@example.com";
const char* kPassword = "staff-pass";

Status status(std::int64_t seq, State state, std::string reason = {}) {
  Status s;
  s.seq = seq;
  s.state = state;
  s.reason = std::move(reason);
  s.origin = state == State::away_manual ? om::presence::Origin::manual : om::presence::Origin::automatic;
  s.since_ms = 1'780'000'000'000 + seq * 1000;
  return s;
}

// Runs the io_context in small slices until `done` or the timeout.
bool run_until(boost::asio::io_context& io, const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    io.restart();
    io.run_for(20ms);
  }
  return done();
}

std::size_t file_lines(const fs::path& p) {
  std::ifstream in(p);
  std::size_t n = 0;
  std::string line;
  while (std::getline(in, line)) n += !line.empty();
  return n;
}

class StatusSyncServer : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!om::test::have_binary("officemates-server")) GTEST_SKIP() << "officemates-server not built";
    // A 1 s presence TTL so the heartbeat test sees "offline" quickly.
    server_ = std::make_unique<om::test::ServerProcess>(om::test::free_port(), dir_.path / "server.db",
                                                         dir_.path / "server.log",
                                                         std::vector<std::string>{"--presence-ttl", "1"});
    server_->start();
    const auto login = om::test::http("POST", server_->base() + "/api/v1/auth/device-token", {},
                                      {{"email", kEmail}, {"password", kPassword}, {"device_name", "host under test"}});
    ASSERT_EQ(login.status, 200) << login.body.dump();
    token_ = login.body["token"].get<std::string>();
    user_id_ = login.body["user"]["id"].get<std::int64_t>();
    group_id_ = login.body["user"]["group_id"].get<std::int64_t>();
    // The test's own eyes on the server: a separate token for SSE and /me.
    observer_token_ = om::test::device_token(server_->base(), kEmail, kPassword);
  }

  std::unique_ptr<StatusSync> make_sync() {
    om::sync::SyncOptions o;
    o.outbox_file = dir_.path / "outbox.jsonl";
    o.backoff_base = 50ms;
    o.backoff_cap = 400ms;
    o.heartbeat_every = 250ms;
    o.limits.connect_timeout = 1000ms;
    o.limits.total_timeout = 3000ms;
    StatusSync::Hooks h;
    h.heartbeat_wanted = [this] { return heartbeat_wanted_; };
    h.changed = [this](const om::sync::SyncState& s) { events_.push_back(om::sync::to_json(s)); };
    h.token_rejected = [this] { ++token_rejected_; };
    return std::make_unique<StatusSync>(io_, o, std::move(h));
  }

  std::unique_ptr<SseListener> listen() {
    auto l = std::make_unique<SseListener>(server_->base() + "/api/v1/groups/" + std::to_string(group_id_) + "/events",
                                           observer_token_);
    EXPECT_TRUE(om::test::wait_until([&] { return l->connected(); }, 5s)) << "SSE did not connect";
    return l;
  }

  // The seqs of this user's presence events seen so far.
  std::vector<std::int64_t> seqs(const SseListener& l) const {
    std::vector<std::int64_t> out;
    for (const auto& e : l.presence_events())
      if (e.value("user_id", std::int64_t{0}) == user_id_) out.push_back(e.value("seq", std::int64_t{0}));
    return out;
  }

  nlohmann::json server_presence() const {
    return om::test::http("GET", server_->base() + "/api/v1/me", observer_token_).body.value("presence", nlohmann::json());
  }

  om::test::TempDir dir_;
  boost::asio::io_context io_;
  std::unique_ptr<om::test::ServerProcess> server_;
  std::string token_, observer_token_;
  std::int64_t user_id_ = 0, group_id_ = 0;
  std::vector<nlohmann::json> events_;
  int token_rejected_ = 0;
  bool heartbeat_wanted_ = false;
};

}  // namespace

TEST_F(StatusSyncServer, EveryChangeArrivesOnceInOrderThroughServerAndHostRestarts) {
  const auto outbox_file = dir_.path / "outbox.jsonl";
  auto sync = make_sync();
  sync->start(om::sync::Account{server_->base(), token_});

  // 1. Server up: three changes, three events, in order.
  {
    auto sse = listen();
    sync->enqueue(status(1, State::present));
    sync->enqueue(status(2, State::away_manual, "昼食中"));
    sync->enqueue(status(3, State::present));
    ASSERT_TRUE(run_until(io_, [&] { return sync->state().queued == 0; }, 10s));
    ASSERT_TRUE(om::test::wait_until([&] { return seqs(*sse).size() >= 3; }, 5s));
    std::this_thread::sleep_for(200ms);  // anything extra would show up now
    EXPECT_EQ(seqs(*sse), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_FALSE(fs::exists(outbox_file)) << "delivered entries leave the outbox";
    EXPECT_TRUE(sync->state().ok);
  }

  // 2. Server killed: changes wait, durably, and the sender says so.
  server_->kill_hard();
  sync->enqueue(status(4, State::away));
  sync->enqueue(status(5, State::away_manual, "休憩中"));
  sync->enqueue(status(6, State::away_manual, "外出中"));
  ASSERT_TRUE(run_until(io_, [&] { return !sync->state().ok; }, 5s));
  run_until(io_, [] { return false; }, 600ms);  // a few backoff rounds
  EXPECT_EQ(sync->state().queued, 3u);
  ASSERT_TRUE(sync->state().error.has_value());
  EXPECT_EQ(sync->state().error->code, "SERVER_UNREACHABLE");
  EXPECT_EQ(file_lines(outbox_file), 3u);
  ASSERT_FALSE(events_.empty());
  EXPECT_EQ(events_.back()["ok"], false);
  EXPECT_EQ(events_.back()["error"]["code"], "SERVER_UNREACHABLE");

  // 3. The host restarts too (a new sender, as after kill -9 of the agent)
  //    while the server is still down, and queues more.
  sync.reset();
  sync = make_sync();
  sync->start(om::sync::Account{server_->base(), token_});
  EXPECT_EQ(sync->state().queued, 3u) << "the outbox of the previous run is picked up";
  sync->enqueue(status(7, State::present));
  sync->enqueue(status(8, State::away_manual, "作業中"));
  run_until(io_, [] { return false; }, 300ms);
  EXPECT_EQ(file_lines(outbox_file), 5u);

  // 4. Server back (same DB): everything arrives, once, in order.
  server_->start();
  auto sse = listen();  // subscribed before the sender may run again
  ASSERT_TRUE(run_until(io_, [&] { return sync->state().queued == 0; }, 15s)) << server_->log();
  ASSERT_TRUE(om::test::wait_until([&] { return seqs(*sse).size() >= 5; }, 5s)) << seqs(*sse).size();
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(seqs(*sse), (std::vector<std::int64_t>{4, 5, 6, 7, 8}));
  EXPECT_TRUE(sync->state().ok);
  EXPECT_EQ(events_.back()["ok"], true);
  EXPECT_EQ(events_.back()["queued"], 0);
  const auto p = server_presence();
  EXPECT_EQ(p["seq"], 8);
  EXPECT_EQ(p["state"], "away_manual");
  EXPECT_EQ(p["reason"], "作業中");
  EXPECT_FALSE(fs::exists(outbox_file));
}

TEST_F(StatusSyncServer, RefusedEntryIsDroppedAndDoesNotBlockLaterOnes) {
  auto sync = make_sync();
  sync->start(om::sync::Account{server_->base(), token_});
  auto sse = listen();
  sync->enqueue(status(1, State::present));
  sync->enqueue(status(2, State::away_manual, "これは十一文字の離席事由"));  // > 10 code points: 422
  sync->enqueue(status(3, State::away_manual, "休憩中"));
  ASSERT_TRUE(run_until(io_, [&] { return sync->state().queued == 0; }, 10s));
  ASSERT_TRUE(om::test::wait_until([&] { return seqs(*sse).size() >= 2; }, 5s));
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(seqs(*sse), (std::vector<std::int64_t>{1, 3}));
  ASSERT_TRUE(sync->state().last_error.has_value());
  EXPECT_EQ(sync->state().last_error->code, "REJECTED");
  EXPECT_TRUE(sync->state().ok);
}

TEST_F(StatusSyncServer, RevokedTokenStopsDeliveryKeepsTheQueueAndAsksForLogin) {
  auto sync = make_sync();
  sync->start(om::sync::Account{server_->base(), token_});
  // The token is revoked behind the host's back (e.g. by the user elsewhere).
  ASSERT_EQ(om::test::http("DELETE", server_->base() + "/api/v1/auth/device-token", token_).status, 204);
  sync->enqueue(status(1, State::present));
  sync->enqueue(status(2, State::away));
  ASSERT_TRUE(run_until(io_, [&] { return token_rejected_ > 0; }, 10s));
  EXPECT_EQ(sync->state().queued, 2u);
  ASSERT_TRUE(sync->state().error.has_value());
  EXPECT_EQ(sync->state().error->code, "NOT_LOGGED_IN");
  sync->set_account(std::nullopt);  // what the agent does on token_rejected
  run_until(io_, [] { return false; }, 300ms);
  EXPECT_EQ(sync->state().queued, 2u);
  // A new login delivers what waited.
  sync->set_account(om::sync::Account{server_->base(), om::test::device_token(server_->base(), kEmail, kPassword)});
  ASSERT_TRUE(run_until(io_, [&] { return sync->state().queued == 0; }, 10s));
  EXPECT_EQ(server_presence()["seq"], 2);
}

TEST_F(StatusSyncServer, NotLoggedInEntriesWaitAndAreDeliveredAfterLogin) {
  auto sync = make_sync();
  sync->start(std::nullopt);
  for (int i = 1; i <= 4; ++i) sync->enqueue(status(i, i % 2 ? State::present : State::away));
  run_until(io_, [] { return false; }, 200ms);
  EXPECT_EQ(sync->state().queued, 4u);
  EXPECT_EQ(sync->state().error->code, "NOT_LOGGED_IN");
  auto sse = listen();
  sync->set_account(om::sync::Account{server_->base(), token_});
  ASSERT_TRUE(run_until(io_, [&] { return sync->state().queued == 0; }, 10s));
  ASSERT_TRUE(om::test::wait_until([&] { return seqs(*sse).size() >= 4; }, 5s));
  EXPECT_EQ(seqs(*sse), (std::vector<std::int64_t>{1, 2, 3, 4}));
}

TEST_F(StatusSyncServer, HeartbeatKeepsTheUserOnlineOnlyWhileWanted) {
  auto sync = make_sync();
  sync->start(om::sync::Account{server_->base(), token_});
  heartbeat_wanted_ = true;  // console open
  sync->enqueue(status(1, State::away_manual, "休憩中"));
  ASSERT_TRUE(run_until(io_, [&] { return sync->state().queued == 0; }, 10s));
  // Three TTLs with heartbeats: still the reported state, never offline.
  const auto end = std::chrono::steady_clock::now() + 3s;
  while (std::chrono::steady_clock::now() < end) {
    run_until(io_, [] { return false; }, 250ms);
    ASSERT_EQ(server_presence()["state"], "away_manual");
  }
  // Console closed: no heartbeat, the server's TTL makes the user offline.
  heartbeat_wanted_ = false;
  ASSERT_TRUE(run_until(io_, [&] { return server_presence()["state"] == "offline"; }, 5s)) << server_presence().dump();
  // One heartbeat (as right after login) brings back the last reported state.
  sync->heartbeat_now();
  ASSERT_TRUE(run_until(io_, [&] { return server_presence()["state"] == "away_manual"; }, 5s)) << server_presence().dump();
  EXPECT_EQ(server_presence()["reason"], "休憩中");
}
