#include "sync/status_sync.hpp"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>


namespace om::sync {

namespace asio = boost::asio;

nlohmann::json to_json(const SyncState& s) {
  nlohmann::json j{{"ok", s.ok}, {"queued", s.queued}};
  if (s.error) j["error"] = {{"code", s.error->code}, {"message", s.error->message}};
  return j;
}

StatusSync::StatusSync(asio::io_context& io, SyncOptions options, Hooks hooks)
    : io_(io),
      options_(std::move(options)),
      hooks_(std::move(hooks)),
      outbox_(options_.outbox_file, options_.max_queued),
      backoff_(options_.backoff_base, options_.backoff_cap),
      retry_timer_(io),
      heartbeat_timer_(io),
      api_(options_.limits, worker_.cancel_flag()) {
  if (!hooks_.now_ms)
    hooks_.now_ms = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
}

StatusSync::~StatusSync() { stop(); }

void StatusSync::start(std::optional<Account> account) {
  if (started_) return;
  started_ = true;
  const auto report = outbox_.load();
  if (report.loaded > 0 || report.skipped > 0)
    spdlog::info("outbox: {} pending status change(s) from an earlier run, {} unreadable line(s) skipped",
                 report.loaded, report.skipped);
  state_.queued = outbox_.size();
  set_account(std::move(account));
  arm_heartbeat();
}

void StatusSync::stop() {
  if (stopped_) return;
  stopped_ = true;
  retry_timer_.cancel();
  heartbeat_timer_.cancel();
  worker_.stop();
}

void StatusSync::set_account(std::optional<Account> account) {
  account_ = std::move(account);
  ++generation_;
  // A new account (or a new token) deserves a fresh attempt, not the tail of an old backoff.
  backoff_.reset();
  if (waiting_retry_) {
    waiting_retry_ = false;
    retry_timer_.cancel();
  }
  if (!account_) {
    mark_error("NOT_LOGGED_IN", "not logged in to a server; status changes wait in the outbox");
    return;
  }
  // Logged in, nothing known yet about the server: not ok, but no error either.
  if (state_.error && state_.error->code == "NOT_LOGGED_IN") state_.error.reset();
  pump();
  publish();
}

void StatusSync::discard_queued() {
  if (outbox_.empty()) return;
  spdlog::info("outbox: discarding {} change(s) queued under another account", outbox_.size());
  outbox_.clear();
  state_.queued = 0;
  publish();
}

void StatusSync::enqueue(const presence::Status& status) {
  if (status.seq < 1) return;
  outbox_.append(OutboxEntry::from_status(status));
  state_.queued = outbox_.size();
  publish();
  pump();
}

void StatusSync::pump() {
  state_.queued = outbox_.size();
  if (stopped_ || !started_ || in_flight_ || waiting_retry_ || !account_ || outbox_.empty()) {
    publish();
    return;
  }
  const OutboxEntry entry = outbox_.entries().front();
  const Endpoint ep{account_->base, account_->token};
  const auto generation = generation_;
  in_flight_ = true;
  std::weak_ptr<int> alive = alive_;
  worker_.post([this, alive, ep, entry, generation] {
    auto r = api_.post_presence(ep, entry.to_json());
    asio::post(io_, [this, alive, generation, seq = entry.seq, r = std::move(r)] {
      if (alive.expired()) return;
      on_delivered(generation, seq, r);
    });
  });
  publish();
}

void StatusSync::on_delivered(std::uint64_t generation, std::int64_t seq, const ApiResult& r) {
  in_flight_ = false;
  if (stopped_ || r.kind == ApiResult::Kind::cancelled) return;
  using K = ApiResult::Kind;
  if (r.ok()) {
    // Accepted, or duplicate:true (the server had it already): either way it is delivered.
    outbox_.remove_front(seq);
    backoff_.reset();
    mark_ok();
    return pump();
  }
  if (generation != generation_) return pump();  // account changed meanwhile: retry under the new one
  if (r.kind == K::unauthorized) {
    mark_error("NOT_LOGGED_IN", "the server no longer accepts this device's token; log in again");
    if (hooks_.token_rejected) hooks_.token_rejected();
    return;
  }
  if (r.kind == K::rejected) {
    // 400/413/415/422 will never succeed as is; retrying would block every
    // later change behind it. Presence is last-writer-wins, so dropping one
    // refused entry loses nothing a later one does not supersede.
    spdlog::warn("server refused status seq {} ({} {}): dropped", seq, r.code, r.message);
    outbox_.remove_front(seq);
    state_.last_error = SyncError{"REJECTED", r.code + ": " + r.message, hooks_.now_ms()};
    return pump();
  }
  // unreachable, 5xx/408/429, or an unexpected answer (e.g. a redirect): try again later.
  mark_error("SERVER_UNREACHABLE", r.message);
  schedule_retry();
}

void StatusSync::schedule_retry() {
  const auto delay = backoff_.next();
  spdlog::info("server sync: retry in {} ms ({} queued)", delay.count(), outbox_.size());
  waiting_retry_ = true;
  retry_timer_.expires_after(delay);
  std::weak_ptr<int> alive = alive_;
  retry_timer_.async_wait([this, alive](const boost::system::error_code& ec) {
    if (ec || alive.expired()) return;
    retry_now();
  });
  publish();
}

void StatusSync::retry_now() {
  if (waiting_retry_) {
    waiting_retry_ = false;
    retry_timer_.cancel();
  }
  pump();
}

void StatusSync::arm_heartbeat() {
  if (stopped_) return;
  heartbeat_timer_.expires_after(options_.heartbeat_every);
  std::weak_ptr<int> alive = alive_;
  heartbeat_timer_.async_wait([this, alive](const boost::system::error_code& ec) {
    if (ec || alive.expired()) return;
    if (account_ && hooks_.heartbeat_wanted && hooks_.heartbeat_wanted()) heartbeat_now();
    arm_heartbeat();
  });
}

void StatusSync::heartbeat_now() {
  if (stopped_ || !account_ || heartbeat_in_flight_) return;
  heartbeat_in_flight_ = true;
  const Endpoint ep{account_->base, account_->token};
  const auto generation = generation_;
  std::weak_ptr<int> alive = alive_;
  worker_.post([this, alive, ep, generation] {
    auto r = api_.heartbeat(ep);
    asio::post(io_, [this, alive, generation, r = std::move(r)] {
      if (alive.expired()) return;
      on_heartbeat(generation, r);
    });
  });
}

void StatusSync::on_heartbeat(std::uint64_t generation, const ApiResult& r) {
  heartbeat_in_flight_ = false;
  if (stopped_ || r.kind == ApiResult::Kind::cancelled || generation != generation_) return;
  if (r.kind == ApiResult::Kind::unauthorized) {
    mark_error("NOT_LOGGED_IN", "the server no longer accepts this device's token; log in again");
    if (hooks_.token_rejected) hooks_.token_rejected();
    return;
  }
  note_result(r);
}

void StatusSync::note_result(const ApiResult& r) {
  if (stopped_) return;
  if (r.ok()) {
    mark_ok();
    // The server is back: no reason to sit out the rest of a backoff delay.
    if (waiting_retry_) retry_now();
  } else if (r.retryable()) {
    mark_error("SERVER_UNREACHABLE", r.message);
  }
}

void StatusSync::mark_ok() {
  state_.ok = true;
  state_.error.reset();
  state_.last_ok_ms = hooks_.now_ms();
  publish();
}

void StatusSync::mark_error(std::string code, std::string message) {
  state_.ok = false;
  SyncError e{std::move(code), std::move(message), hooks_.now_ms()};
  state_.error = e;
  state_.last_error = std::move(e);
  publish();
}

void StatusSync::publish() {
  state_.queued = outbox_.size();
  // Only a change of ok / queued / error code is news for the popup; a new
  // wording of the same failure on every retry is not.
  const bool same = ever_published_ && published_.ok == state_.ok && published_.queued == state_.queued &&
                    published_.error.has_value() == state_.error.has_value() &&
                    (!state_.error || published_.error->code == state_.error->code);
  if (same) return;
  ever_published_ = true;
  published_ = state_;
  if (hooks_.changed) hooks_.changed(state_);
}

}  // namespace om::sync
