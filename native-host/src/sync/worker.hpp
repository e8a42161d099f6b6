#pragma once
// One background thread that runs blocking jobs (HTTP calls) in the order
// they were posted. Jobs post their results back to the io thread themselves.
// stop() raises the cancel flag (which aborts a running libcurl transfer) and
// joins; jobs still queued are dropped.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace om::sync {

class Worker {
 public:
  Worker();
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // False after stop().
  bool post(std::function<void()> job);
  void stop();
  // Raised by stop(); pass to perform() so a transfer in flight ends at once.
  const std::atomic<bool>* cancel_flag() const { return &stopping_; }

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace om::sync
