#include "package_media_fixture.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

namespace om::vision::testing {
namespace fs = std::filesystem;

namespace {
fs::path from_env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) throw std::runtime_error(std::string(name) + " is not set (run through ctest)");
  return v;
}
}  // namespace

const TestEnv& env() {
  static const TestEnv e = [] {
    TestEnv t;
    t.bin_dir = from_env("OFFICEMATES_BIN_DIR");
    t.source_dir = from_env("OFFICEMATES_SOURCE_DIR");
    t.data_dir = from_env("OFFICEMATES_DATA_DIR");
    t.models_dir = t.data_dir / "models";
    t.vision_exe = t.bin_dir / "officemates-vision";
    return t;
  }();
  return e;
}

const DemoMedia& media() {
  static const DemoMedia m = [] {
    const fs::path dir = env().data_dir / "test-media";
    if (auto existing = existing_demo_media(dir)) return *existing;
    // Made in a private directory and renamed into place, so parallel test
    // processes never see half a set.
    const fs::path tmp = env().data_dir / ("test-media.tmp-" + std::to_string(::getpid()));
    fs::remove_all(tmp);
    make_demo_media(ModelFiles::in(env().models_dir), env().source_dir, tmp);
    std::error_code ec;
    fs::rename(tmp, dir, ec);
    if (ec) fs::remove_all(tmp);  // another process won the race: use its set
    auto made = existing_demo_media(dir);
    if (!made) throw std::runtime_error("could not make test media in " + dir.string());
    return *made;
  }();
  return m;
}

TempDir::TempDir(const std::string& tag) {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("om-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  fs::create_directories(path_);
}
TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

RunResult run(const fs::path& exe, const std::vector<std::string>& args) {
  TempDir io("run");
  const auto out = io.path() / "out", err = io.path() / "err";
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (!std::freopen(out.c_str(), "w", stdout) || !std::freopen(err.c_str(), "w", stderr)) ::_exit(126);
    std::vector<std::string> a{exe.string()};
    a.insert(a.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : a) argv.push_back(s.data());
    argv.push_back(nullptr);
    ::execv(exe.c_str(), argv.data());
    ::_exit(127);
  }
  int st = 0;
  ::waitpid(pid, &st, 0);
  RunResult r;
  r.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::ostringstream o, e;
  o << std::ifstream(out).rdbuf();
  e << std::ifstream(err).rdbuf();
  r.out = o.str();
  r.err = e.str();
  return r;
}

}  // namespace om::vision::testing
