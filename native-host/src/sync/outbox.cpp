#include "sync/outbox.hpp"

#include "store/json_file.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

namespace om::sync {

OutboxEntry OutboxEntry::from_status(const presence::Status& s) {
  OutboxEntry e;
  e.seq = s.seq;
  e.state = std::string(presence::to_string(s.state));
  e.reason = s.state == presence::State::away_manual ? s.reason : std::string();
  e.since_ms = s.since_ms;
  e.origin = s.origin == presence::Origin::manual ? "manual" : "auto";
  return e;
}

nlohmann::json OutboxEntry::to_json() const {
  return {{"seq", seq}, {"state", state}, {"reason", reason}, {"since", since_ms}, {"origin", origin}};
}

OutboxEntry OutboxEntry::from_json(const nlohmann::json& j) {
  OutboxEntry e;
  e.seq = j.at("seq").get<std::int64_t>();
  e.state = j.at("state").get<std::string>();
  e.reason = j.value("reason", std::string());
  e.since_ms = j.at("since").get<std::int64_t>();
  e.origin = j.value("origin", std::string("auto"));
  if (e.seq < 1) throw std::invalid_argument("seq must be >= 1");
  if (!presence::state_from_string(e.state)) throw std::invalid_argument("unknown state " + e.state);
  return e;
}

Outbox::Outbox(std::filesystem::path file, std::size_t max_entries)
    : file_(std::move(file)), max_entries_(std::max<std::size_t>(max_entries, 1)) {}

Outbox::LoadReport Outbox::load() {
  LoadReport report;
  entries_.clear();
  std::ifstream in(file_, std::ios::binary);
  if (!in) return report;
  const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  // A crash mid-append can leave a last line without its newline; the next
  // append would glue onto it, so such a file is always rewritten clean.
  const bool unterminated = !content.empty() && content.back() != '\n';
  std::istringstream lines(content);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    try {
      entries_.push_back(OutboxEntry::from_json(nlohmann::json::parse(line)));
      ++report.loaded;
    } catch (const std::exception& e) {
      ++report.skipped;
      spdlog::warn("outbox: skipping unreadable line in {}: {}", file_.string(), e.what());
    }
  }
  const bool over = entries_.size() > max_entries_;
  while (entries_.size() > max_entries_) {
    entries_.pop_front();
    ++dropped_;
    --report.loaded;
  }
  if (report.skipped > 0 || over || unterminated) rewrite();
  return report;
}

void Outbox::append(const OutboxEntry& e) {
  store::append_line_durable(file_, e.to_json().dump());
  entries_.push_back(e);
  if (entries_.size() > max_entries_) {
    while (entries_.size() > max_entries_) {
      entries_.pop_front();
      ++dropped_;
    }
    spdlog::warn("outbox: over {} entries, dropped the oldest (presence is last-writer-wins)", max_entries_);
    rewrite();
  }
}

void Outbox::remove_front(std::int64_t seq) {
  if (entries_.empty() || entries_.front().seq != seq) return;
  entries_.pop_front();
  rewrite();
}

void Outbox::clear() {
  entries_.clear();
  rewrite();
}

void Outbox::rewrite() {
  if (entries_.empty()) {
    // An empty file is as good as none; removing it keeps the state dir tidy.
    std::error_code ec;
    std::filesystem::remove(file_, ec);
    if (ec) spdlog::warn("outbox: cannot remove {}: {}", file_.string(), ec.message());
    return;
  }
  std::string content;
  for (const auto& e : entries_) content += e.to_json().dump() + "\n";
  try {
    store::write_file_atomic(file_, content);
  } catch (const std::exception& e) {
    // The old file stays whole (atomic replace). It may still hold entries
    // already delivered; they are sent again after a restart and the server
    // ignores them (idempotent by seq). Not worth stopping delivery for.
    spdlog::error("outbox: cannot rewrite {}: {}", file_.string(), e.what());
  }
}

}  // namespace om::sync
