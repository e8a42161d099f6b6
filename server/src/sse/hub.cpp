#include "sse/hub.hpp"

#include <algorithm>

namespace om::sse {

namespace {
std::string format_event(std::int64_t id, const std::string& event, const std::string& data) {
  std::string s;
  s.reserve(data.size() + event.size() + 32);
  s += "id: ";
  s += std::to_string(id);
  s += "\nevent: ";
  s += event;
  s += "\ndata: ";
  s += data;
  s += "\n\n";
  return s;
}
}  // namespace

Hub::Hub(http::asio::io_context& io, std::chrono::milliseconds flush_every, std::size_t ring_size,
         std::chrono::seconds heartbeat)
    : flush_timer_(io), heartbeat_timer_(io), flush_every_(flush_every), heartbeat_every_(heartbeat),
      ring_size_(ring_size) {}

void Hub::start() {
  schedule_flush();
  schedule_heartbeat();
}

void Hub::stop() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
  flush_timer_.cancel();
  heartbeat_timer_.cancel();
  for (auto& [id, g] : groups_)
    for (auto& w : g.subscribers)
      if (auto s = w.lock()) s->close();
}

void Hub::publish(std::int64_t group_id, std::string event, std::string data_json) {
  std::lock_guard lock(mutex_);
  groups_[group_id].pending.push_back(Pending{std::move(event), std::move(data_json)});
}

void Hub::subscribe(std::int64_t group_id, const std::shared_ptr<Subscriber>& sub,
                    std::optional<std::int64_t> last_event_id) {
  std::string replay;
  {
    std::lock_guard lock(mutex_);
    auto& g = groups_[group_id];
    if (last_event_id) {
      const std::int64_t last = *last_event_id;
      const std::int64_t oldest = g.ring.empty() ? g.next_id : g.ring.front().first;
      if (last >= g.next_id || last < oldest - 1) {
        // Unknown id (another server run) or already dropped from the ring.
        replay = "event: resync\ndata: {}\n\n";
      } else {
        for (const auto& [id, text] : g.ring)
          if (id > last) replay += text;
      }
    }
    g.subscribers.push_back(sub);
    // Queue the replay while still holding the lock, so a flush running on
    // another thread cannot deliver newer events before it.
    if (!replay.empty()) sub->send(std::make_shared<const std::string>(std::move(replay)));
  }
}

std::size_t Hub::subscriber_count() {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (auto& [id, g] : groups_)
    n += static_cast<std::size_t>(std::count_if(g.subscribers.begin(), g.subscribers.end(), [](auto& w) {
      auto s = w.lock();
      return s && !s->closed();
    }));
  return n;
}

void Hub::schedule_flush() {
  flush_timer_.expires_after(flush_every_);
  flush_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    flush();
    schedule_flush();
  });
}

void Hub::flush() {
  // Under the lock only: number the pending events, keep them in the ring and
  // copy the subscriber lists. The sends (thousands of queue operations) run
  // after unlocking, so publishers — who hold the database lock while
  // publishing — never wait for a fan-out. Ordering stays right: a subscriber
  // added after the copy finds these events in the ring replay instead.
  std::vector<std::pair<std::shared_ptr<const std::string>, std::vector<std::shared_ptr<Subscriber>>>> sends;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    for (auto& [group_id, g] : groups_) {
      auto& subs = g.subscribers;
      subs.erase(std::remove_if(subs.begin(), subs.end(),
                                [](auto& w) {
                                  auto s = w.lock();
                                  return !s || s->closed();
                                }),
                 subs.end());
      if (g.pending.empty()) continue;
      std::string batch;
      for (auto& p : g.pending) {
        const auto id = g.next_id++;
        auto text = format_event(id, p.event, p.data);
        batch += text;
        g.ring.emplace_back(id, std::move(text));
        if (g.ring.size() > ring_size_) g.ring.pop_front();
      }
      g.pending.clear();
      std::vector<std::shared_ptr<Subscriber>> targets;
      targets.reserve(subs.size());
      for (auto& w : subs)
        if (auto s = w.lock()) targets.push_back(std::move(s));
      sends.emplace_back(std::make_shared<const std::string>(std::move(batch)), std::move(targets));
    }
  }
  for (auto& [batch, targets] : sends)
    for (auto& s : targets) s->send(batch);
}

void Hub::schedule_heartbeat() {
  heartbeat_timer_.expires_after(heartbeat_every_);
  heartbeat_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    {
      std::lock_guard lock(mutex_);
      auto hb = std::make_shared<const std::string>(": hb\n\n");
      for (auto& [id, g] : groups_)
        for (auto& w : g.subscribers)
          if (auto s = w.lock()) s->send(hb);
    }
    schedule_heartbeat();
  });
}

}  // namespace om::sse
