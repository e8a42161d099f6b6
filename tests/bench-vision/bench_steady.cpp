// Steady state and reaction times of the real thing: the officemates-vision
// worker process on a scripted timeline of package photos, driven like the
// agent's camera concern drives it (PresenceMachine on the system clock, rate
// retuned from analysis_interval()). Times are on the timeline's clock, which
// starts when the worker has loaded its models.
//   0-40 s  the user at the desk      -> CPU % while a face is present
//   40-80 s nobody                    -> away after away_after_s; CPU % while nobody
//   80-95 s the user is back          -> present again: reaction time
// CPU is the worker's utime+stime from /proc over each window; RSS its VmRSS/VmHWM.
#include "agent/camera/worker_process.hpp"
#include "presence/presence_machine.hpp"
#include "bench_common.hpp"

#include <boost/asio/io_context.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <unistd.h>

using namespace om;
using namespace std::chrono;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {
double cpu_seconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::string f;
  double utime = 0, stime = 0;
  for (int i = 3; i <= 15; ++i) {
    rest >> f;
    if (i == 14) utime = std::stod(f);
    if (i == 15) stime = std::stod(f);
  }
  return (utime + stime) / double(::sysconf(_SC_CLK_TCK));
}

long status_kb(pid_t pid, const std::string& key) {
  std::ifstream s("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(s, line))
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  return -1;
}
}  // namespace

int main() {
  const auto& m = bench::media();
  const fs::path work = fs::temp_directory_path() / ("om-bench-steady-" + std::to_string(::getpid()));
  fs::create_directories(work);
  std::ofstream(work / "t.timeline") << "0 " << m.user_images[0].string() << "\n40 none\n80 " << m.user_images[1].string() << "\n";
  const auto enrolment = json::parse(std::ifstream(m.enrolment));

  // The agent's side, as the camera concern does it: presence machine on the
  // system clock, worker rate retuned from analysis_interval().
  boost::asio::io_context io;
  presence::SystemClock clock;
  presence::Config cfg;
  cfg.away_after = seconds(10);
  presence::PresenceMachine machine(cfg, clock);
  machine.monitor_start();
  std::optional<steady_clock::time_point> origin;  // timeline t=0: the worker started its source
  std::vector<std::pair<double, std::string>> changes;
  auto timeline_s = [&] { return origin ? duration<double>(steady_clock::now() - *origin).count() : -1.0; };
  auto record = [&](bool changed) {
    if (changed) changes.emplace_back(timeline_s(), std::string(presence::to_string(machine.status().state)));
  };
  int frames = 0, described = 0;
  std::vector<double> cost;
  auto worker = agent::WorkerProcess::spawn(
      io, bench::bin_dir() / "officemates-vision", {"worker"},
      [&](const json& msg) {
        const auto type = msg.value("type", "");
        if (type == "ready") {
          origin = steady_clock::now();
          std::printf("worker ready, BLAS %s\n", msg.value("blas", "?").c_str());
        } else if (type == "observation") {
          presence::Observation o;
          const auto k = msg.value("kind", "");
          o.kind = k == "face_matched" ? presence::ObservationKind::face_matched
                   : k == "face_other" ? presence::ObservationKind::face_other
                                       : presence::ObservationKind::no_face;
          o.at = steady_clock::now();
          ++frames;
          described += msg.value("described", false) ? 1 : 0;
          cost.push_back(msg.value("cost_ms", 0.0));
          record(machine.observe(o));
        }
      },
      [](int) {});
  const auto spawned = steady_clock::now();
  milliseconds interval = machine.analysis_interval();
  worker->send({{"type", "start"}, {"source", (work / "t.timeline").string()}, {"threshold", 0.6},
                {"descriptors", enrolment["descriptors"]}, {"interval_ms", interval.count()}, {"analyze", true}});
  auto run_to = [&](double s) {
    while (!origin || timeline_s() < s) {
      io.run_for(milliseconds(100));
      record(machine.tick());
      if (machine.analysis_interval() != interval) {
        interval = machine.analysis_interval();
        worker->send({{"type", "configure"}, {"interval_ms", interval.count()}});
      }
    }
  };
  run_to(0);
  std::printf("worker start + model load: %.2f s\n", duration<double>(*origin - spawned).count());
  const pid_t pid = worker->pid();
  run_to(10);
  double c0 = cpu_seconds(pid);
  int f0 = frames, d0 = described;
  run_to(40);
  const double cpu_present = (cpu_seconds(pid) - c0) / 30.0 * 100;
  const int frames_present = frames - f0, described_present = described - d0;
  const long rss_present = status_kb(pid, "VmRSS");
  run_to(55);
  c0 = cpu_seconds(pid);
  f0 = frames;
  run_to(80);
  const double cpu_nobody = (cpu_seconds(pid) - c0) / 25.0 * 100;
  const int frames_nobody = frames - f0;
  run_to(95);
  const long hwm = status_kb(pid, "VmHWM");
  worker->stop();
  io.run_for(milliseconds(1000));

  std::printf("timeline: user 0-40 s, nobody 40-80 s, user from 80 s; away_after_s 10\nstatus changes:");
  for (const auto& [t, s] : changes) std::printf("  %s@%.2fs", s.c_str(), t);
  std::printf("\nCPU (worker, %% of one core): face present 10-40 s %.2f %% (%d frames, %d described), nobody 55-80 s %.2f %% (%d frames)\n",
              cpu_present, frames_present, described_present, cpu_nobody, frames_nobody);
  std::printf("per-frame analysis cost (worker-measured): median %.1f ms\n", bench::median(cost));
  std::printf("RSS with models loaded: %.1f MB (peak %.1f MB)\n", double(rss_present) / 1024, double(hwm) / 1024);
  double away = -1, back = -1;
  for (const auto& [t, s] : changes) {
    if (s == "away" && away < 0 && t > 40) away = t;
    if (s == "present" && t > 80 && back < 0) back = t;
  }
  std::printf("reaction: away %.2f s after leaving (away_after_s 10; target <= 11)\n", away - 40);
  std::printf("reaction: present %.2f s after returning (target <= 1.5)\n", back - 80);
  fs::remove_all(work);
  return 0;
}
