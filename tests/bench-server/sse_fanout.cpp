#include "sse_fanout.hpp"

#include <atomic>
#include <iostream>
#include <memory>
#include <thread>
#include <utility>  // Boost 1.74 asio needs std::exchange declared

#include <boost/asio.hpp>
#include <nlohmann/json.hpp>

#include "http_keepalive.hpp"

namespace ombench {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using nlohmann::json;

struct Publisher {
  std::string bearer;
  std::int64_t user_id = 0;
  int group_index = 0;
  std::int64_t seq = 0;
};

// Send times per (user, seq), written by publishers before the POST and read
// by the subscriber thread on arrival.
struct SendTimes {
  std::size_t max_seq;
  std::vector<std::atomic<std::int64_t>> t;
  std::vector<int> user_index;  // user_id → publisher index (or -1)
  SendTimes(std::size_t users, std::size_t seqs, std::int64_t max_user_id)
      : max_seq(seqs), t(users * seqs), user_index(static_cast<std::size_t>(max_user_id) + 1, -1) {}
  std::atomic<std::int64_t>* slot(std::int64_t user_id, std::int64_t seq) {
    if (user_id < 0 || user_id >= static_cast<std::int64_t>(user_index.size())) return nullptr;
    const int u = user_index[static_cast<std::size_t>(user_id)];
    if (u < 0 || seq <= 0 || static_cast<std::size_t>(seq) >= max_seq) return nullptr;
    return &t[static_cast<std::size_t>(u) * max_seq + static_cast<std::size_t>(seq)];
  }
};

std::int64_t number_after(const std::string& s, const char* key) {
  const auto at = s.find(key);
  if (at == std::string::npos) return -1;
  return std::strtoll(s.c_str() + at + std::strlen(key), nullptr, 10);
}

class Subscriber : public std::enable_shared_from_this<Subscriber> {
 public:
  Subscriber(asio::io_context& io, std::string request, SendTimes& times, Latencies& lat,
             std::atomic<std::size_t>& delivered, std::atomic<std::size_t>& connected)
      : socket_(io), request_(std::move(request)), times_(times), lat_(lat), delivered_(delivered), connected_(connected) {}

  void start(const tcp::endpoint& ep) {
    socket_.async_connect(ep, [self = shared_from_this()](boost::system::error_code ec) {
      if (ec) return;
      asio::async_write(self->socket_, asio::buffer(self->request_),
                        [self](boost::system::error_code e, std::size_t) {
                          if (!e) self->read();
                        });
    });
  }
  void close() {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

 private:
  void read() {
    socket_.async_read_some(asio::buffer(buf_), [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
      if (ec) return;
      self->consume(n);
      self->read();
    });
  }
  void consume(std::size_t n) {
    const auto now = now_us();
    pending_.append(buf_.data(), n);
    if (!head_done_) {
      const auto end = pending_.find("\r\n\r\n");
      if (end == std::string::npos) return;
      if (pending_.compare(9, 3, "200") == 0) connected_.fetch_add(1);
      head_done_ = true;
      pending_.erase(0, end + 4);
    }
    std::size_t start = 0, nl;
    while ((nl = pending_.find('\n', start)) != std::string::npos) {
      if (pending_.compare(start, 6, "data: ") == 0) {
        const auto line = pending_.substr(start, nl - start);
        if (auto* slot = times_.slot(number_after(line, "\"user_id\":"), number_after(line, "\"seq\":"))) {
          const auto sent = slot->load(std::memory_order_acquire);
          if (sent > 0) {
            lat_.add(now - sent);
            delivered_.fetch_add(1, std::memory_order_relaxed);
          }
        }
      }
      start = nl + 1;
    }
    pending_.erase(0, start);
  }

  tcp::socket socket_;
  std::string request_;
  SendTimes& times_;
  Latencies& lat_;
  std::atomic<std::size_t>& delivered_;
  std::atomic<std::size_t>& connected_;
  std::array<char, 8192> buf_{};
  std::string pending_;
  bool head_done_ = false;
};

}  // namespace

RunResult run_sse(const Workload& w, unsigned short port) {
  RunResult result;
  // Admin session: subscribes to any group.
  KeepAliveClient admin(port);
  const auto login = admin.request("POST", "/api/v1/auth/login", R"({"email":"admin@example.com","password":"admin-pass"})");
  if (login.status != 200) throw std::runtime_error("admin login failed");
  const auto cookie = login.set_cookie.substr(0, login.set_cookie.find(';'));

  // Device tokens for the load users (Argon2id per login: done on 2 threads).
  std::vector<Publisher> pubs(static_cast<std::size_t>(w.groups * w.users_per_group));
  std::vector<std::int64_t> group_ids(static_cast<std::size_t>(w.groups), 0);
  {
    std::vector<std::thread> t;
    for (int k = 0; k < 2; ++k)
      t.emplace_back([&, k] {
        KeepAliveClient c(port);
        for (std::size_t i = static_cast<std::size_t>(k); i < pubs.size(); i += 2) {
          const int g = static_cast<int>(i) / w.users_per_group + 1, u = static_cast<int>(i) % w.users_per_group + 1;
          const json body{{"email", "load-" + std::to_string(g) + "-" + std::to_string(u) + "@example.com"},
                          {"password", "load-pass"}, {"device_name", "bench"}};
          const auto r = c.request("POST", "/api/v1/auth/device-token", body.dump());
          if (r.status != 200) throw std::runtime_error("device login failed: " + r.body);
          const auto j = json::parse(r.body);
          pubs[i] = Publisher{j["token"], j["user"]["id"], g - 1, 0};
          group_ids[static_cast<std::size_t>(g - 1)] = j["user"]["group_id"];
        }
      });
    for (auto& th : t) th.join();
  }
  std::int64_t max_user = 0;
  for (auto& p : pubs) max_user = std::max(max_user, p.user_id);
  const auto per_user = static_cast<std::size_t>(static_cast<double>(w.rate) * w.duration_s / static_cast<double>(pubs.size()) * 1.5) + 16;
  SendTimes times(pubs.size(), per_user, max_user);
  for (std::size_t i = 0; i < pubs.size(); ++i) times.user_index[static_cast<std::size_t>(pubs[i].user_id)] = static_cast<int>(i);

  // Subscribers on one I/O thread.
  asio::io_context io;
  Latencies lat;
  std::atomic<std::size_t> delivered{0}, connected{0};
  std::vector<std::size_t> subs_in_group(static_cast<std::size_t>(w.groups), 0);
  std::vector<std::shared_ptr<Subscriber>> subs;
  const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  auto guard = asio::make_work_guard(io);
  std::thread io_thread([&] { io.run(); });
  for (int i = 0; i < w.subscribers; ++i) {
    const int g = i % w.groups;
    ++subs_in_group[static_cast<std::size_t>(g)];
    const auto req = "GET /api/v1/groups/" + std::to_string(group_ids[static_cast<std::size_t>(g)]) +
                     "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCookie: " + cookie + "\r\n\r\n";
    auto s = std::make_shared<Subscriber>(io, req, times, lat, delivered, connected);
    subs.push_back(s);
    asio::post(io, [s, ep] { s->start(ep); });
    if (i % 200 == 199) std::this_thread::sleep_for(std::chrono::milliseconds(20));  // stay under the accept backlog
  }
  const auto connect_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (connected < static_cast<std::size_t>(w.subscribers) && std::chrono::steady_clock::now() < connect_deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  result.subscribers_connected = connected;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  // Publishers: 4 threads, each with its own keep-alive connection and users.
  constexpr int kThreads = 4;
  std::atomic<std::size_t> sent{0}, expected{0};
  Latencies post_lat;
  const auto t0 = std::chrono::steady_clock::now();
  const auto end = t0 + std::chrono::seconds(w.duration_s);
  std::vector<std::thread> pub_threads;
  for (int k = 0; k < kThreads; ++k)
    pub_threads.emplace_back([&, k] {
      KeepAliveClient c(port);
      const auto interval = std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 * kThreads / w.rate));
      std::vector<std::size_t> mine;  // this thread's users: per-user order stays on one connection
      for (std::size_t i = static_cast<std::size_t>(k); i < pubs.size(); i += kThreads) mine.push_back(i);
      if (mine.empty()) return;
      for (std::int64_t n = 0;; ++n) {
        const auto at = t0 + interval * n + interval * k / kThreads;
        if (at >= end) break;
        std::this_thread::sleep_until(at);
        auto& p = pubs[mine[static_cast<std::size_t>(n) % mine.size()]];
        const auto seq = ++p.seq;
        auto* slot = times.slot(p.user_id, seq);
        if (!slot) break;
        const json body{{"seq", seq}, {"state", seq % 2 ? "away" : "present"}, {"reason", ""}, {"since", seq}};
        const auto before = now_us();
        slot->store(before, std::memory_order_release);
        const auto r = c.request("POST", "/api/v1/presence", body.dump(), {"Authorization: Bearer " + p.bearer});
        post_lat.add(now_us() - before);
        if (r.status == 200) {
          sent.fetch_add(1);
          expected.fetch_add(subs_in_group[static_cast<std::size_t>(p.group_index)]);
        }
      }
    });
  for (auto& t : pub_threads) t.join();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto drain_deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(w.drain_ms);
  while (delivered < expected && std::chrono::steady_clock::now() < drain_deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  result.updates_sent = sent;
  result.expected_deliveries = expected;
  result.delivered = delivered;
  result.latency = lat.summary();
  result.publish_latency = post_lat.summary();
  asio::post(io, [&] {
    for (auto& s : subs) s->close();
  });
  guard.reset();
  io.stop();
  io_thread.join();
  return result;
}

}  // namespace ombench
