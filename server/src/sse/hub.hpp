#pragma once
// Per-group fan-out of presence and reasons events.
//
// publish() only appends to the group's pending list; a timer flushes every
// ~50 ms, giving each pending event its place in a bounded ring (for
// Last-Event-ID resume) and sending one shared batch string to every
// subscriber of the group — a burst of N changes costs each client one write,
// not N. Each change is still its own event (one event per change).
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http/types.hpp"
#include "sse/subscriber.hpp"

namespace om::sse {

class Hub {
 public:
  Hub(http::asio::io_context& io, std::chrono::milliseconds flush_every = std::chrono::milliseconds(50),
      std::size_t ring_size = 1024, std::chrono::seconds heartbeat = std::chrono::seconds(15));

  void start();
  void stop();
  // Thread-safe. data_json must be one line of JSON.
  void publish(std::int64_t group_id, std::string event, std::string data_json);
  // Replays ring events after last_event_id (or sends `event: resync` when
  // they are gone), then adds the subscriber to the live stream.
  void subscribe(std::int64_t group_id, const std::shared_ptr<Subscriber>& sub,
                 std::optional<std::int64_t> last_event_id);
  std::size_t subscriber_count();

 private:
  struct Pending {
    std::string event;
    std::string data;
  };
  struct Group {
    std::int64_t next_id = 1;
    std::deque<std::pair<std::int64_t, std::string>> ring;  // id, formatted event
    std::vector<Pending> pending;
    std::vector<std::weak_ptr<Subscriber>> subscribers;
  };

  void schedule_flush();
  void flush();
  void schedule_heartbeat();

  http::asio::steady_timer flush_timer_;
  http::asio::steady_timer heartbeat_timer_;
  std::chrono::milliseconds flush_every_;
  std::chrono::seconds heartbeat_every_;
  std::size_t ring_size_;
  std::mutex mutex_;
  std::map<std::int64_t, Group> groups_;
  bool stopped_ = false;
};

}  // namespace om::sse
