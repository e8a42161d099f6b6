// Load benchmark: N SSE subscribers across G groups, R presence updates/s
// through the REST API of a real officemates-server; then the same fan-out
// through a Debian mosquitto broker; prints both and our figures as a ratio.
//
//   server_fanout_bench [--subscribers N] [--rate R] [--duration S] [--groups G]
//                       [--users-per-group U] [--no-mqtt]
// Defaults are small (ctest, ≲ 30 s); full size: --subscribers 5000 --rate 1000
// --duration 20 --groups 10 --users-per-group 10.
// Exit status 1 when events were lost or subscribers failed to connect.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include "mqtt_fanout.hpp"
#include "sse_fanout.hpp"
#include "support/server_process.hpp"

using namespace ombench;

namespace {

void raise_fd_limit() {
  rlimit r{};
  getrlimit(RLIMIT_NOFILE, &r);
  r.rlim_cur = r.rlim_max;
  setrlimit(RLIMIT_NOFILE, &r);
  std::printf("fd limit: %llu\n", static_cast<unsigned long long>(r.rlim_cur));
}

unsigned short free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

bool port_open(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// mosquitto on a free loopback port, killed when this goes out of scope.
class Broker {
 public:
  explicit Broker(const std::filesystem::path& dir) : port_(free_port()) {
    const auto conf = dir / "mosquitto.conf";
    std::ofstream(conf) << "listener " << port_ << " 127.0.0.1\nallow_anonymous true\nmax_connections -1\n"
                        << "max_queued_messages 100000\npersistence false\nlog_dest none\nset_tcp_nodelay true\n";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl("/usr/sbin/mosquitto", "mosquitto", "-c", conf.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 100 && !port_open(port_); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!port_open(port_)) throw std::runtime_error("mosquitto did not start");
  }
  ~Broker() {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  unsigned short port() const { return port_; }

 private:
  unsigned short port_;
  pid_t pid_ = -1;
};

void print(const char* name, const RunResult& r) {
  const double lost = static_cast<double>(r.expected_deliveries) - static_cast<double>(r.delivered);
  std::printf("%-10s subscribers %zu  updates %zu (%.0f/s)  deliveries %zu/%zu (%.0f/s)  lost %.0f  "
              "latency p50 %.1f ms  p99 %.1f ms  max %.1f ms\n",
              name, r.subscribers_connected, r.updates_sent, static_cast<double>(r.updates_sent) / r.seconds,
              r.delivered, r.expected_deliveries, static_cast<double>(r.delivered) / r.seconds, lost, r.latency.p50_ms,
              r.latency.p99_ms, r.latency.max_ms);
}

}  // namespace

int main(int argc, char** argv) {
  Workload w;
  bool mqtt = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::atoi(argv[++i]) : 0; };
    if (a == "--subscribers") w.subscribers = next();
    else if (a == "--rate") w.rate = next();
    else if (a == "--duration") w.duration_s = next();
    else if (a == "--groups") w.groups = next();
    else if (a == "--users-per-group") w.users_per_group = next();
    else if (a == "--no-mqtt") mqtt = false;
    else {
      std::fprintf(stderr, "unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  // Bounds: loopback only, at most 10,000 subscribers, 5,000 updates/s, 120 s.
  if (w.subscribers < 1 || w.subscribers > 10000 || w.rate < 1 || w.rate > 5000 || w.duration_s < 1 ||
      w.duration_s > 120 || w.groups < 1 || w.groups > 100 || w.users_per_group < 1 || w.users_per_group > 100) {
    std::fprintf(stderr, "parameters out of bounds\n");
    return 2;
  }
  ::signal(SIGPIPE, SIG_IGN);
  raise_fd_limit();
  std::printf("workload: %d SSE subscribers over %d groups, %d updates/s for %d s from %d users\n", w.subscribers,
              w.groups, w.rate, w.duration_s, w.groups * w.users_per_group);
  omtest::TempDir dir;
  RunResult ours, theirs;
  {
    omtest::ServerProcess server(dir.path() / "bench.db",
                                 {"--seed-load", std::to_string(w.groups) + ":" + std::to_string(w.users_per_group)});
    ours = run_sse(w, server.port());
  }
  print("server", ours);
  std::printf("           REST POST round trip p50 %.2f ms  p99 %.2f ms\n", ours.publish_latency.p50_ms,
              ours.publish_latency.p99_ms);
  if (mqtt) {
    Broker broker(dir.path());
    theirs = run_mqtt(w, broker.port());
    print("mosquitto", theirs);
    auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
    std::printf("ratio server/mosquitto: latency p50 %.2fx  p99 %.2fx  delivered throughput %.2fx\n",
                ratio(ours.latency.p50_ms, theirs.latency.p50_ms), ratio(ours.latency.p99_ms, theirs.latency.p99_ms),
                ratio(static_cast<double>(ours.delivered) / ours.seconds,
                      static_cast<double>(theirs.delivered) / theirs.seconds));
  }
  const bool all_connected = ours.subscribers_connected == static_cast<std::size_t>(w.subscribers);
  const bool none_lost = ours.delivered == ours.expected_deliveries && ours.updates_sent > 0;
  std::printf("targets: p99 < 200 ms %s, zero lost events %s, all subscribers connected %s\n",
              ours.latency.p99_ms < 200 ? "MET" : "MISSED", none_lost ? "MET" : "MISSED",
              all_connected ? "yes" : "NO");
  return all_connected && none_lost ? 0 : 1;
}
