#include "presence/presence_service.hpp"

#include <algorithm>
#include <chrono>

namespace om::presence {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

nlohmann::json to_json(const Presence& p) {
  return {{"state", p.state}, {"reason", p.reason}, {"since", p.since_ms}, {"seq", p.seq}};
}

bool valid_state(const std::string& s) {
  return s == "present" || s == "away" || s == "away_manual" || s == "offline" || s == "camera_unavailable";
}

PresenceService::PresenceService(db::Database& db, sse::Hub& hub, http::asio::io_context& io, int ttl_s)
    : db_(db), hub_(hub), timer_(io), ttl_s_(ttl_s) {}

void PresenceService::start() { schedule_sweep(); }
void PresenceService::stop() { timer_.cancel(); }

namespace {
Presence read_row(db::Connection& c, std::int64_t user_id) {
  auto s = c.prepare("SELECT state, reason, since_ms, seq FROM presence WHERE user_id=?");
  s.bind(1, user_id);
  Presence p;
  if (s.step()) p = Presence{s.text(0), s.text(1), s.int64(2), s.int64(3)};
  return p;
}
}  // namespace

Presence PresenceService::get(std::int64_t user_id) {
  return db_.with([&](db::Connection& c) { return read_row(c, user_id); });
}

void PresenceService::publish(std::int64_t group_id, std::int64_t user_id, const Presence& p) {
  auto j = to_json(p);
  j["user_id"] = user_id;
  hub_.publish(group_id, "presence", j.dump());
}

ApplyResult PresenceService::apply_report(std::int64_t user_id, std::int64_t group_id, std::int64_t seq,
                                          const std::string& state, const std::string& reason,
                                          std::int64_t since_ms) {
  const auto now = now_ms();
  return db_.with([&](db::Connection& c) {
    // Upsert guarded by seq: an older or repeated seq changes nothing.
    auto s = c.prepare(
        "INSERT INTO presence(user_id, state, reason, since_ms, seq, reported_state, reported_reason, last_seen_ms) "
        "VALUES(?1,?2,?3,?4,?5,?2,?3,?6) "
        "ON CONFLICT(user_id) DO UPDATE SET state=?2, reason=?3, since_ms=?4, seq=?5, reported_state=?2, "
        "reported_reason=?3, last_seen_ms=?6 WHERE presence.seq < ?5");
    s.bind(1, user_id).bind(2, state).bind(3, reason).bind(4, since_ms).bind(5, seq).bind(6, now);
    s.run();
    ApplyResult r;
    if (c.changes() == 0) {
      r.duplicate = true;
      // A duplicate still proves the host is alive.
      c.prepare("UPDATE presence SET last_seen_ms=? WHERE user_id=?").bind(1, now).bind(2, user_id).run();
      r.presence = read_row(c, user_id);
      return r;
    }
    r.presence = Presence{state, reason, since_ms, seq};
    publish(group_id, user_id, r.presence);
    return r;
  });
}

Presence PresenceService::set_manual(std::int64_t user_id, std::int64_t group_id, const std::string& reason) {
  const auto now = now_ms();
  return db_.with([&](db::Connection& c) {
    c.prepare(
         "INSERT INTO presence(user_id, state, reason, since_ms, seq, reported_state, reported_reason, last_seen_ms) "
         "VALUES(?1,'away_manual',?2,?3,0,'away_manual',?2,NULL) "
         "ON CONFLICT(user_id) DO UPDATE SET state='away_manual', reason=?2, since_ms=?3, "
         "reported_state='away_manual', reported_reason=?2")
        .bind(1, user_id).bind(2, reason).bind(3, now).run();
    auto p = read_row(c, user_id);
    publish(group_id, user_id, p);
    return p;
  });
}

Presence PresenceService::clear_manual(std::int64_t user_id, std::int64_t group_id) {
  const auto now = now_ms();
  return db_.with([&](db::Connection& c) {
    c.prepare(
         "INSERT INTO presence(user_id, state, reason, since_ms, seq, reported_state, reported_reason, last_seen_ms) "
         "VALUES(?1,'present','',?2,0,'present','',NULL) "
         "ON CONFLICT(user_id) DO UPDATE SET state='present', reason='', since_ms=?2, "
         "reported_state='present', reported_reason=''")
        .bind(1, user_id).bind(2, now).run();
    auto p = read_row(c, user_id);
    publish(group_id, user_id, p);
    return p;
  });
}

Presence PresenceService::heartbeat(std::int64_t user_id, std::int64_t group_id) {
  const auto now = now_ms();
  return db_.with([&](db::Connection& c) {
    // Back from offline: show what the host last reported.
    c.prepare(
         "INSERT INTO presence(user_id, state, reason, since_ms, seq, reported_state, reported_reason, last_seen_ms) "
         "VALUES(?1,'present','',?2,0,'present','',?2) "
         "ON CONFLICT(user_id) DO UPDATE SET last_seen_ms=?2")
        .bind(1, user_id).bind(2, now).run();
    auto restore = c.prepare(
        "UPDATE presence SET state=reported_state, reason=reported_reason, since_ms=?2 "
        "WHERE user_id=?1 AND state='offline' AND reported_state<>'offline'");
    restore.bind(1, user_id).bind(2, now).run();
    const bool restored = c.changes() > 0;
    auto p = read_row(c, user_id);
    if (restored) publish(group_id, user_id, p);
    return p;
  });
}

int PresenceService::sweep(std::int64_t now) {
  const auto cutoff = now - std::int64_t{ttl_s_} * 1000;
  return db_.with([&](db::Connection& c) {
    std::vector<std::pair<std::int64_t, std::int64_t>> silent;  // user, group
    {
      auto s = c.prepare(
          "SELECT p.user_id, u.group_id FROM presence p JOIN users u ON u.id=p.user_id "
          "WHERE p.state<>'offline' AND p.last_seen_ms IS NOT NULL AND p.last_seen_ms < ?");
      s.bind(1, cutoff);
      while (s.step()) silent.emplace_back(s.int64(0), s.int64(1));
    }
    for (auto [user, group] : silent) {
      c.prepare("UPDATE presence SET state='offline', reason='', since_ms=? WHERE user_id=?")
          .bind(1, now).bind(2, user).run();
      publish(group, user, read_row(c, user));
    }
    return static_cast<int>(silent.size());
  });
}

void PresenceService::schedule_sweep() {
  // Sweep a few times per TTL so "offline" shows within ~TTL + TTL/4.
  const auto every = std::chrono::milliseconds(std::clamp(ttl_s_ * 250, 200, 5000));
  timer_.expires_after(every);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    sweep(now_ms());
    schedule_sweep();
  });
}

}  // namespace om::presence
