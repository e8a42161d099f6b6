#pragma once
// Delivers status changes to the server: every change goes to the outbox
// first, then one sender delivers the outbox strictly in order (one request
// in flight, oldest first), removing an entry only once the server accepted
// it. Unreachable server -> retry with exponential backoff and jitter; a
// successful heartbeat ends the wait early. Also sends the heartbeat.
//
// Lives on the agent's io thread; HTTP runs on its own worker thread and the
// results come back through the io_context.
#include "presence/status.hpp"
#include "sync/backoff.hpp"
#include "sync/outbox.hpp"
#include "sync/server_api.hpp"
#include "sync/worker.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace om::sync {

struct Account {
  std::string base;   // normalised server URL
  std::string token;  // device token
};

struct SyncOptions {
  std::filesystem::path outbox_file;
  std::size_t max_queued = 1000;
  std::chrono::milliseconds backoff_base{1000};
  std::chrono::milliseconds backoff_cap{30000};
  std::chrono::milliseconds heartbeat_every{30000};
  HttpLimits limits;
};

struct SyncError {
  std::string code;     // SERVER_UNREACHABLE, NOT_LOGGED_IN, REJECTED
  std::string message;
  std::int64_t at_ms = 0;
};

struct SyncState {
  bool ok = false;                 // the last exchange with the server succeeded
  std::size_t queued = 0;          // entries waiting in the outbox
  std::optional<SyncError> error;  // why sync is not ok now (none when ok)
  std::int64_t last_ok_ms = 0;     // wall time of the last success (0 = never)
  std::optional<SyncError> last_error;  // most recent failure, kept after recovery
};

class StatusSync {
 public:
  struct Hooks {
    std::function<bool()> heartbeat_wanted;                  // monitoring or manual reason
    std::function<void(const SyncState&)> changed;           // ok / queued / error changed
    std::function<void()> token_rejected;                    // 401: forget the account
    std::function<std::int64_t()> now_ms;                    // wall clock
  };

  StatusSync(boost::asio::io_context& io, SyncOptions options, Hooks hooks);
  ~StatusSync();
  StatusSync(const StatusSync&) = delete;
  StatusSync& operator=(const StatusSync&) = delete;

  // Loads the outbox left by an earlier run and starts delivering (when an
  // account is set) and the heartbeat timer.
  void start(std::optional<Account> account);
  // Cancels timers, aborts the request in flight, joins the worker.
  void stop();

  // Login / logout. Entries wait while there is no account.
  void set_account(std::optional<Account> account);
  const std::optional<Account>& account() const { return account_; }

  // Appends the change to the outbox (durably) and delivers it when it can.
  void enqueue(const presence::Status& status);
  // Forgets every queued change: they were made under another account and
  // must never be posted as the next user's presence.
  void discard_queued();
  void heartbeat_now();
  // Results of other calls (login, reasons) also tell whether the server is reachable.
  void note_result(const ApiResult& r);

  const SyncState& state() const { return state_; }
  const Outbox& outbox() const { return outbox_; }

 private:
  void pump();
  void on_delivered(std::uint64_t generation, std::int64_t seq, const ApiResult& r);
  void on_heartbeat(std::uint64_t generation, const ApiResult& r);
  void schedule_retry();
  void retry_now();
  void arm_heartbeat();
  void mark_ok();
  void mark_error(std::string code, std::string message);
  void publish();

  boost::asio::io_context& io_;
  SyncOptions options_;
  Hooks hooks_;
  Outbox outbox_;
  Backoff backoff_;
  boost::asio::steady_timer retry_timer_;
  boost::asio::steady_timer heartbeat_timer_;
  std::optional<Account> account_;
  std::uint64_t generation_ = 0;  // +1 per account change; stale results are recognised
  bool started_ = false;
  bool stopped_ = false;
  bool in_flight_ = false;
  bool heartbeat_in_flight_ = false;
  bool waiting_retry_ = false;
  SyncState state_;
  SyncState published_;
  bool ever_published_ = false;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // results posted after destruction are dropped
  Worker worker_;  // joined by stop() (also from the destructor) before any member goes
  ServerApi api_;
};

// {"ok","queued","error"?:{code,message}} as the server.sync event carries it.
nlohmann::json to_json(const SyncState& s);

}  // namespace om::sync
