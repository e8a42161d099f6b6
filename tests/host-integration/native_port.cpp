#include "native_port.hpp"

#include <boost/process/exe.hpp>
#include <boost/process/args.hpp>
#include <boost/process/io.hpp>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace om::test {
namespace fs = std::filesystem;
namespace bp = boost::process;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

fs::path bin_dir() {
  const char* d = std::getenv("OFFICEMATES_BIN_DIR");
  if (!d) throw std::runtime_error("OFFICEMATES_BIN_DIR is not set (run through ctest)");
  return d;
}

std::optional<int> wait_or_kill(bp::child& child, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::error_code ec;
  while (child.running(ec) && !ec) {
    if (Clock::now() >= deadline) {
      child.terminate(ec);
      return std::nullopt;
    }
    std::this_thread::sleep_for(5ms);
  }
  return child.exit_code();
}

TempHome::TempHome() {
  std::string tmpl = (fs::temp_directory_path() / "om-it-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  root_ = tmpl;
  fs::create_directories(state_dir());
  ::setenv("OFFICEMATES_STATE_DIR", state_dir().c_str(), 1);
  ::setenv("OFFICEMATES_RUNTIME_DIR", runtime_dir().c_str(), 1);
}

TempHome::~TempHome() {
  kill_agent(SIGKILL);
  ::unsetenv("OFFICEMATES_STATE_DIR");
  ::unsetenv("OFFICEMATES_RUNTIME_DIR");
  std::error_code ec;
  fs::remove_all(root_, ec);
}


std::optional<int> TempHome::agent_pid() const {
  std::ifstream lock(runtime_dir() / "agent.lock");
  int pid = 0;
  if (!(lock >> pid) || pid <= 1) return std::nullopt;
  // Only a live officemates-agent counts (the pid may be stale or reused).
  std::ifstream cmdline("/proc/" + std::to_string(pid) + "/cmdline");
  std::string cmd((std::istreambuf_iterator<char>(cmdline)), {});
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string st((std::istreambuf_iterator<char>(stat)), {});
  const auto close_paren = st.rfind(')');
  const bool zombie = close_paren != std::string::npos && st.size() > close_paren + 2 && st[close_paren + 2] == 'Z';
  if (cmd.find("officemates-agent") == std::string::npos || zombie) return std::nullopt;
  return pid;
}

void TempHome::kill_agent(int sig) {
  auto pid = agent_pid();
  if (!pid) return;
  ::kill(*pid, sig);
  const auto deadline = Clock::now() + 10s;
  while (Clock::now() < deadline && agent_pid() == pid) std::this_thread::sleep_for(10ms);
}

namespace {
// Close-on-exec for all four ends, so bridges started later do not inherit
// this one's pipes (which would hide EOF); dup2 onto the child's stdio clears it.
void set_cloexec(const bp::pipe& p) {
  for (int fd : {p.native_source(), p.native_sink()}) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}
void close_end(bp::pipe& p, bool source) {
  const int fd = source ? p.native_source() : p.native_sink();
  if (fd < 0) return;
  ::close(fd);
  if (source) p.assign_source(-1);
  else p.assign_sink(-1);
}
}  // namespace

NativePort::NativePort(const TempHome& home, const std::string& origin, const fs::path& host_exe)
    : stderr_file_(home.root() / ("bridge-stderr-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".log")) {
  set_cloexec(in_);
  set_cloexec(out_);
  child_ = bp::child((host_exe.empty() ? bin_dir() / "officemates-host" : host_exe).string(), origin,
                     bp::std_in < in_, bp::std_out > out_, bp::std_err > stderr_file_.string());
  // Close our copies of the child's ends so EOF propagates.
  close_end(in_, true);
  close_end(out_, false);
}

NativePort::~NativePort() {
  if (child_.running()) {
    close_stdin();
    if (!wait_exit(5s)) child_.terminate();
  }
}

void NativePort::send_raw(const std::string& bytes) {
  std::size_t off = 0;
  while (off < bytes.size()) {
    const auto n = ::write(in_.native_sink(), bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("write to bridge failed");
    off += static_cast<std::size_t>(n);
  }
}

void NativePort::send(const nlohmann::json& message) {
  const auto body = message.dump();
  const auto len = static_cast<std::uint32_t>(body.size());
  std::string frame(4, '\0');
  std::memcpy(frame.data(), &len, 4);
  send_raw(frame + body);
}

bool NativePort::read_exact(std::string& out, std::size_t n, Clock::time_point deadline) {
  while (buffer_.size() < n) {
    if (eof_) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{out_.native_source(), POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    char buf[65536];
    const auto got = ::read(out_.native_source(), buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      eof_ = true;
      return false;
    }
    buffer_.append(buf, static_cast<std::size_t>(got));
  }
  out = buffer_.substr(0, n);
  buffer_.erase(0, n);
  return true;
}

std::optional<nlohmann::json> NativePort::next(std::chrono::milliseconds timeout) {
  if (!pending_.empty()) {
    auto j = std::move(pending_.front());
    pending_.pop_front();
    return j;
  }
  const auto deadline = Clock::now() + timeout;
  // Read the 4-byte prefix and the body as one unit: put the prefix back on timeout.
  std::string prefix;
  if (!read_exact(prefix, 4, deadline)) return std::nullopt;
  std::uint32_t len = 0;
  std::memcpy(&len, prefix.data(), 4);
  std::string body;
  if (!read_exact(body, len, deadline + 5s)) throw std::runtime_error("bridge sent a truncated frame");
  return nlohmann::json::parse(body);
}

std::optional<nlohmann::json> NativePort::wait_reply_with_id(const nlohmann::json& id,
                                                             std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::deque<nlohmann::json> others;
  std::optional<nlohmann::json> found;
  // Look at what is already buffered first.
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (it->contains("id") && (*it)["id"] == id) {
      found = *it;
      pending_.erase(it);
      return found;
    }
  }
  auto saved = std::move(pending_);
  pending_.clear();
  while (!found) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    auto msg = next(left);
    if (!msg) break;
    if (msg->contains("id") && (*msg)["id"] == id) found = std::move(msg);
    else others.push_back(std::move(*msg));
  }
  pending_ = std::move(saved);
  for (auto& o : others) pending_.push_back(std::move(o));
  return found;
}

nlohmann::json NativePort::request(nlohmann::json req, std::chrono::milliseconds timeout) {
  if (!req.contains("id")) req["id"] = next_id_++;
  if (!req.contains("v")) req["v"] = 1;
  send(req);
  auto reply = wait_reply_with_id(req["id"], timeout);
  if (!reply) throw std::runtime_error("no reply to " + req.dump() + "; bridge stderr:\n" + stderr_text());
  return *reply;
}

std::optional<nlohmann::json> NativePort::wait_event(const std::string& name, std::chrono::milliseconds timeout,
                                                     const std::function<bool(const nlohmann::json&)>& match) {
  auto fits = [&](const nlohmann::json& m) { return m.value("event", "") == name && (!match || match(m)); };
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (fits(*it)) {
      auto found = *it;
      pending_.erase(it);
      return found;
    }
  }
  const auto deadline = Clock::now() + timeout;
  std::deque<nlohmann::json> others;
  std::optional<nlohmann::json> found;
  while (!found) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    std::optional<nlohmann::json> msg;
    if (!pending_.empty()) {
      msg = std::move(pending_.front());
      pending_.pop_front();
    } else {
      msg = next(left);
    }
    if (!msg) break;
    if (fits(*msg)) found = std::move(msg);
    else others.push_back(std::move(*msg));
  }
  for (auto it = others.rbegin(); it != others.rend(); ++it) pending_.push_front(std::move(*it));
  return found;
}

void NativePort::close_stdin() {
  close_end(in_, false);
}

std::optional<int> NativePort::wait_exit(std::chrono::milliseconds timeout) {
  return wait_or_kill(child_, timeout);
}

std::string NativePort::stderr_text() const {
  std::ifstream f(stderr_file_);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace om::test
