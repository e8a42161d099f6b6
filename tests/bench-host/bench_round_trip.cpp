// Prints (never asserts) the host's headline numbers:
//   round trip browser -> bridge -> agent -> bridge for status.get, p50/p99 of 10,000
//   resident memory of an idle bridge and an idle agent without models.
// Targets (issue 2): p99 < 1 ms, bridge < 10 MB, agent < 30 MB.
#include "../host-integration/native_port.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {
using namespace std::chrono_literals;
using om::test::NativePort;
using om::test::TempHome;

// VmRSS in kB from /proc/<pid>/status, or -1.
long rss_kb(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (f >> key) {
    if (key == "VmRSS:") {
      long kb = -1;
      f >> kb;
      return kb;
    }
    f.ignore(1 << 20, '\n');
  }
  return -1;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  return v[i];
}
}  // namespace

int main(int argc, char** argv) {
  const int requests = argc > 1 ? std::max(100, std::atoi(argv[1])) : 10'000;
  TempHome home;
  NativePort port(home);
  if (!port.request({{"type", "hello"}})["ok"].get<bool>()) {
    std::fprintf(stderr, "hello failed\n");
    return 1;
  }
  for (int i = 0; i < 500; ++i) port.request({{"type", "status.get"}});  // warm up

  std::vector<double> us;
  us.reserve(static_cast<std::size_t>(requests));
  for (int i = 0; i < requests; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    auto reply = port.request({{"type", "status.get"}});
    const auto t1 = std::chrono::steady_clock::now();
    if (!reply["ok"].get<bool>()) {
      std::fprintf(stderr, "status.get failed: %s\n", reply.dump().c_str());
      return 1;
    }
    us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }

  std::this_thread::sleep_for(1s);  // idle
  const long bridge_kb = rss_kb(port.pid());
  const auto agent = home.agent_pid();
  const long agent_kb = agent ? rss_kb(*agent) : -1;

  std::printf("\nofficemates host benchmark (%d status.get round trips, browser->bridge->agent->bridge)\n", requests);
  std::printf("%-34s %12s %12s\n", "measure", "value", "target");
  std::printf("%-34s %9.1f us %12s\n", "round trip p50", percentile(us, 0.50), "");
  std::printf("%-34s %9.1f us %12s\n", "round trip p99", percentile(us, 0.99), "< 1000 us");
  std::printf("%-34s %9.1f us %12s\n", "round trip max", percentile(us, 1.0), "");
  std::printf("%-34s %9.1f MB %12s\n", "idle bridge RSS (VmRSS)", static_cast<double>(bridge_kb) / 1024.0, "< 10 MB");
  std::printf("%-34s %9.1f MB %12s\n", "idle agent RSS, no models", static_cast<double>(agent_kb) / 1024.0,
              "< 30 MB");
  return 0;
}
