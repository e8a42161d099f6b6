#include "mqtt_fanout.hpp"

#include <mosquitto.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace ombench {
namespace {

struct SubCtx {
  Latencies* lat;
  std::atomic<std::size_t>* delivered;
  std::atomic<std::size_t>* connected;
  std::string topic;
};

void on_connect(mosquitto* m, void* obj, int rc) {
  auto* c = static_cast<SubCtx*>(obj);
  if (rc == 0) mosquitto_subscribe(m, nullptr, c->topic.c_str(), 0);
}
void on_subscribe(mosquitto*, void* obj, int, int, const int*) { static_cast<SubCtx*>(obj)->connected->fetch_add(1); }
void on_message(mosquitto*, void* obj, const mosquitto_message* msg) {
  // Payload: "<send time µs> <padding>" — sized like our SSE event.
  auto* c = static_cast<SubCtx*>(obj);
  const std::string payload(static_cast<const char*>(msg->payload), static_cast<std::size_t>(msg->payloadlen));
  c->lat->add(now_us() - std::strtoll(payload.c_str(), nullptr, 10));
  c->delivered->fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

RunResult run_mqtt(const Workload& w, unsigned short broker_port) {
  RunResult result;
  mosquitto_lib_init();
  // The publisher first: libmosquitto's threaded loop uses select(), which
  // cannot watch a descriptor >= FD_SETSIZE (1024) — thousands of subscriber
  // sockets opened before it would push its fd past that and it never sends.
  auto* pub = mosquitto_new(nullptr, true, nullptr);
  mosquitto_int_option(pub, MOSQ_OPT_TCP_NODELAY, 1);  // like our TCP_NODELAY on every socket
  if (mosquitto_connect(pub, "127.0.0.1", broker_port, 60) != MOSQ_ERR_SUCCESS) throw std::runtime_error("publisher connect failed");
  mosquitto_loop_start(pub);
  Latencies lat;
  std::atomic<std::size_t> delivered{0}, connected{0};
  std::vector<std::unique_ptr<SubCtx>> ctx;
  std::vector<mosquitto*> subs;
  std::vector<std::size_t> subs_in_group(static_cast<std::size_t>(w.groups), 0);
  const int ep = epoll_create1(0);
  for (int i = 0; i < w.subscribers; ++i) {
    const int g = i % w.groups;
    ++subs_in_group[static_cast<std::size_t>(g)];
    ctx.push_back(std::make_unique<SubCtx>(SubCtx{&lat, &delivered, &connected, "om/g" + std::to_string(g)}));
    auto* m = mosquitto_new(nullptr, true, ctx.back().get());
    if (!m) throw std::runtime_error("mosquitto_new failed");
    mosquitto_int_option(m, MOSQ_OPT_TCP_NODELAY, 1);
    mosquitto_connect_callback_set(m, on_connect);
    mosquitto_subscribe_callback_set(m, on_subscribe);
    mosquitto_message_callback_set(m, on_message);
    if (mosquitto_connect(m, "127.0.0.1", broker_port, 60) != MOSQ_ERR_SUCCESS) {
      mosquitto_destroy(m);
      continue;
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = m;
    epoll_ctl(ep, EPOLL_CTL_ADD, mosquitto_socket(m), &ev);
    subs.push_back(m);
    if (i % 200 == 199) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // One thread drives every subscriber socket (like our single SSE client thread).
  std::atomic<bool> stop{false};
  std::thread loop([&] {
    std::vector<epoll_event> events(1024);
    auto last_misc = std::chrono::steady_clock::now();
    while (!stop) {
      for (auto* m : subs)
        if (mosquitto_want_write(m)) mosquitto_loop_write(m, 1);
      const int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 10);
      for (int i = 0; i < n; ++i) {
        // libmosquitto 2.0 reads one packet per call (max_packets is ignored):
        // keep reading while the socket still holds bytes (bounded).
        auto* m = static_cast<mosquitto*>(events[static_cast<std::size_t>(i)].data.ptr);
        int avail = 0;
        for (int k = 0; k < 4096; ++k) {
          if (mosquitto_loop_read(m, 1) != MOSQ_ERR_SUCCESS) break;
          if (::ioctl(mosquitto_socket(m), FIONREAD, &avail) != 0 || avail == 0) break;
        }
      }
      if (std::chrono::steady_clock::now() - last_misc > std::chrono::seconds(1)) {
        for (auto* m : subs) mosquitto_loop_misc(m);
        last_misc = std::chrono::steady_clock::now();
      }
    }
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (connected < subs.size() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  result.subscribers_connected = connected;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  std::size_t sent = 0, expected = 0;
  const auto t0 = std::chrono::steady_clock::now();
  const auto end = t0 + std::chrono::seconds(w.duration_s);
  const auto interval = std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 / w.rate));
  const std::string padding(60, 'x');  // ≈ the size of our presence JSON
  for (std::int64_t n = 0;; ++n) {
    const auto at = t0 + interval * n;
    if (at >= end) break;
    std::this_thread::sleep_until(at);
    const int g = static_cast<int>(n % w.groups);
    const auto payload = std::to_string(now_us()) + " " + padding;
    const auto topic = "om/g" + std::to_string(g);
    if (mosquitto_publish(pub, nullptr, topic.c_str(), static_cast<int>(payload.size()), payload.data(), 0, false) ==
        MOSQ_ERR_SUCCESS) {
      ++sent;
      expected += subs_in_group[static_cast<std::size_t>(g)];
    }
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto drain_deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(w.drain_ms);
  while (delivered < expected && std::chrono::steady_clock::now() < drain_deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  result.updates_sent = sent;
  result.expected_deliveries = expected;
  result.delivered = delivered;
  result.latency = lat.summary();
  stop = true;
  loop.join();
  mosquitto_disconnect(pub);
  mosquitto_loop_stop(pub, true);
  mosquitto_destroy(pub);
  for (auto* m : subs) mosquitto_destroy(m);
  ::close(ep);
  mosquitto_lib_cleanup();
  return result;
}

}  // namespace ombench
