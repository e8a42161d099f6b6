#pragma once
// outbox.jsonl: status changes not yet accepted by the server, oldest first,
// one JSON object per line. A change is appended (and fsynced) before any
// delivery is attempted, so a crash or kill -9 never loses it.
//
// Removal rewrites the whole file atomically with what is left, instead of
// keeping an "acked up to seq" watermark elsewhere: the file alone then says
// exactly what is pending (no second file to keep consistent), and it is
// small because it is bounded (presence is last-writer-wins, so when it
// overflows the oldest entries are the ones worth least). If the agent dies
// between the server's accept and the rewrite, the entry is sent again and
// the server ignores it (idempotent by seq).
//
// Not thread-safe: used only on the agent's io thread.
#include "presence/status.hpp"

#include <cstdint>
#include <deque>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace om::sync {

struct OutboxEntry {
  std::int64_t seq = 0;
  std::string state;
  std::string reason;
  std::int64_t since_ms = 0;
  std::string origin = "auto";  // "auto" | "manual", as the server spells it

  static OutboxEntry from_status(const presence::Status& s);
  // The body of POST /api/v1/presence.
  nlohmann::json to_json() const;
  // Throws std::exception on a malformed object.
  static OutboxEntry from_json(const nlohmann::json& j);
  bool operator==(const OutboxEntry&) const = default;
};

class Outbox {
 public:
  Outbox(std::filesystem::path file, std::size_t max_entries);

  struct LoadReport {
    std::size_t loaded = 0;
    std::size_t skipped = 0;  // unparsable lines (a torn last line after a crash)
  };
  // Reads what a previous run left. Bad lines are skipped (and the file is
  // rewritten without them) so one torn write cannot block delivery.
  LoadReport load();

  // Durable append (throws when the disk refuses: the caller must know the
  // change is not safe); then drops the oldest entries beyond max_entries.
  void append(const OutboxEntry& e);
  // Removes the front entry if it has this seq (the server accepted or
  // refused it for good) and persists what is left. Never throws: a failed
  // rewrite only means a harmless resend after a restart.
  void remove_front(std::int64_t seq);
  // Drops every entry (they belonged to another account) and persists that.
  void clear();

  const std::deque<OutboxEntry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }
  // Entries dropped by the bound since this process started.
  std::size_t dropped() const { return dropped_; }
  const std::filesystem::path& file() const { return file_; }

 private:
  void rewrite();

  std::filesystem::path file_;
  std::size_t max_entries_;
  std::deque<OutboxEntry> entries_;
  std::size_t dropped_ = 0;
};

}  // namespace om::sync
