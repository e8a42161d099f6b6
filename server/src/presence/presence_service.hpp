#pragma once
// Presence per user: applies host updates idempotently by seq, manual reasons
// from the console, heartbeats, and the TTL sweep that turns silent users
// offline. Every visible change is written to SQLite and published to the
// group's SSE stream while the database lock is held, so events of one user
// leave in the order they were stored.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "http/types.hpp"
#include "sse/hub.hpp"

namespace om::presence {

struct Presence {
  std::string state = "offline";
  std::string reason;
  std::int64_t since_ms = 0;
  std::int64_t seq = 0;
};

nlohmann::json to_json(const Presence& p);
bool valid_state(const std::string& s);
std::int64_t now_ms();

struct ApplyResult {
  bool duplicate = false;
  Presence presence;
};

class PresenceService {
 public:
  PresenceService(db::Database& db, sse::Hub& hub, http::asio::io_context& io, int ttl_s);
  void start();  // starts the TTL sweep timer
  void stop();

  Presence get(std::int64_t user_id);
  // Host update; seq <= stored seq → duplicate (nothing changes).
  ApplyResult apply_report(std::int64_t user_id, std::int64_t group_id, std::int64_t seq, const std::string& state,
                           const std::string& reason, std::int64_t since_ms);
  // Console (no extension): manual reason set/cleared; keeps the host seq.
  Presence set_manual(std::int64_t user_id, std::int64_t group_id, const std::string& reason);
  Presence clear_manual(std::int64_t user_id, std::int64_t group_id);
  Presence heartbeat(std::int64_t user_id, std::int64_t group_id);
  // Marks users silent for longer than the TTL offline; returns how many.
  int sweep(std::int64_t now);
  int ttl_s() const { return ttl_s_; }

 private:
  void schedule_sweep();
  void publish(std::int64_t group_id, std::int64_t user_id, const Presence& p);

  db::Database& db_;
  sse::Hub& hub_;
  http::asio::steady_timer timer_;
  int ttl_s_;
};

}  // namespace om::presence
