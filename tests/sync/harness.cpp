#include "harness.hpp"

#include "sync/http_client.hpp"

#include <curl/curl.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace om::test {

fs::path bin_dir() {
  const char* d = std::getenv("OFFICEMATES_BIN_DIR");
  return d ? fs::path(d) : fs::path();
}

bool have_binary(const std::string& name) { return !bin_dir().empty() && fs::exists(bin_dir() / name); }

TempDir::TempDir() {
  std::random_device rd;
  path = fs::temp_directory_path() / ("om-sync-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  fs::create_directories(path);
  fs::permissions(path, fs::perms::owner_all);
}
TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("bind");
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

bool wait_until(const std::function<bool()>& cond, std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (cond()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return cond();
}

// ---- Process ----

Process::Process(std::vector<std::string> argv, std::map<std::string, std::string> env, fs::path log_file)
    : log_file_(std::move(log_file)) {
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  const int log_fd = ::open(log_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::setpgid(0, 0);  // its own group: kill_hard takes any children with it
    if (log_fd >= 0) {
      ::dup2(log_fd, 1);
      ::dup2(log_fd, 2);
    }
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    ::execv(args[0], args.data());
    std::fprintf(stderr, "exec %s failed: %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  if (log_fd >= 0) ::close(log_fd);
}

Process::~Process() { kill_hard(); }

bool Process::running() {
  if (pid_ <= 0) return false;
  int st = 0;
  const auto r = ::waitpid(pid_, &st, WNOHANG);
  if (r == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

void Process::reap(std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (pid_ > 0) {
    int st = 0;
    const auto r = ::waitpid(pid_, &st, WNOHANG);
    if (r == pid_ || r < 0) {
      pid_ = -1;
      return;
    }
    if (std::chrono::steady_clock::now() > end) return;
    std::this_thread::sleep_for(10ms);
  }
}

void Process::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
  reap(10s);
}

void Process::terminate() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  reap(5s);
  kill_hard();
}

std::string Process::log() const {
  std::ifstream in(log_file_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---- Server ----

ServerProcess::ServerProcess(int port, fs::path db, fs::path log, std::vector<std::string> extra_args)
    : port_(port), db_(std::move(db)), log_(std::move(log)), extra_args_(std::move(extra_args)) {}

void ServerProcess::start() {
  std::vector<std::string> argv{(bin_dir() / "officemates-server").string(), "--listen",
                                "127.0.0.1:" + std::to_string(port_), "--db", db_.string(), "--demo"};
  argv.insert(argv.end(), extra_args_.begin(), extra_args_.end());
  proc_ = std::make_unique<Process>(std::move(argv), std::map<std::string, std::string>{}, log_);
  const bool ready = wait_until([&] { return http("GET", base() + "/api/v1/me").status != 0 || !proc_->running(); }, 20s);
  if (!ready || !proc_->running()) throw std::runtime_error("officemates-server did not start:\n" + proc_->log());
}

// ---- HTTP ----

Http http(const std::string& method, const std::string& url, const std::string& token, const nlohmann::json& body) {
  sync::HttpRequest req;
  req.method = method;
  req.url = url;
  if (!token.empty()) req.headers.push_back("Authorization: Bearer " + token);
  if (!body.is_null()) {
    req.headers.push_back("Content-Type: application/json");
    req.body = body.dump();
  }
  sync::HttpLimits limits;
  limits.connect_timeout = 1000ms;
  limits.total_timeout = 5000ms;
  const auto r = sync::perform(req, limits);
  Http h;
  h.status = r.status;
  h.error = r.transport_error;
  h.body = nlohmann::json::parse(r.body, nullptr, false);
  if (h.body.is_discarded()) h.body = nullptr;
  return h;
}

std::string device_token(const std::string& base, const std::string& email, const std::string& password) {
  const auto r = http("POST", base + "/api/v1/auth/device-token", {},
                      {{"email", email}, {"password", password}, {"device_name", "sync test"}});
  if (r.status != 200 || !r.body.is_object() || !r.body.contains("token"))
    throw std::runtime_error("device-token failed: " + std::to_string(r.status) + " " + r.body.dump() + r.error);
  return r.body["token"].get<std::string>();
}

// ---- SSE ----

std::size_t sse_on_data(char* ptr, std::size_t size, std::size_t nmemb, void* user) {
  auto* self = static_cast<SseListener*>(user);
  self->connected_ = true;
  self->feed(std::string_view(ptr, size * nmemb));
  return size * nmemb;
}

namespace {
int sse_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<std::atomic<bool>*>(user)->load() ? 1 : 0;
}
}  // namespace

SseListener::SseListener(std::string url, std::string token)
    : url_(std::move(url)), token_(std::move(token)), thread_([this] { run(); }) {}

SseListener::~SseListener() { stop(); }

void SseListener::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void SseListener::run() {
  CURL* c = curl_easy_init();
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, ("Authorization: Bearer " + token_).c_str());
  headers = curl_slist_append(headers, "Accept: text/event-stream");
  curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &sse_on_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &sse_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &stop_);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 120000L);
  curl_easy_perform(c);
  curl_slist_free_all(headers);
  curl_easy_cleanup(c);
}

void SseListener::feed(std::string_view data) {
  std::lock_guard lock(mutex_);
  pending_.append(data);
  std::size_t nl;
  while ((nl = pending_.find('\n')) != std::string::npos) {
    std::string line = pending_.substr(0, nl);
    pending_.erase(0, nl + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("event:", 0) == 0) {
      event_name_ = line.substr(6);
      while (!event_name_.empty() && event_name_.front() == ' ') event_name_.erase(0, 1);
    } else if (line.rfind("data:", 0) == 0 && event_name_ == "presence") {
      auto j = nlohmann::json::parse(line.substr(5), nullptr, false);
      if (!j.is_discarded()) events_.push_back(std::move(j));
    } else if (line.empty()) {
      event_name_.clear();
    }
  }
}

std::vector<nlohmann::json> SseListener::presence_events() const {
  std::lock_guard lock(mutex_);
  return events_;
}

// ---- Agent client ----

AgentClient::AgentClient(const fs::path& socket) {
  fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::strncpy(a.sun_path, socket.c_str(), sizeof a.sun_path - 1);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd_);
    fd_ = -1;
    throw std::runtime_error("cannot connect to agent socket " + socket.string() + ": " + std::strerror(errno));
  }
}

AgentClient::~AgentClient() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<nlohmann::json> AgentClient::read_frame(std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  auto read_exact = [&](char* buf, std::size_t n) -> bool {
    std::size_t got = 0;
    while (got < n) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      const auto r = ::read(fd_, buf + got, n - got);
      if (r <= 0) return false;
      got += static_cast<std::size_t>(r);
    }
    return true;
  };
  std::uint32_t len = 0;
  if (!read_exact(reinterpret_cast<char*>(&len), 4)) return std::nullopt;
  std::string body(len, '\0');
  if (!read_exact(body.data(), len)) throw std::runtime_error("agent closed mid-frame");
  return nlohmann::json::parse(body);
}

nlohmann::json AgentClient::call(const std::string& type, nlohmann::json params, std::chrono::milliseconds timeout) {
  const int id = next_id_++;
  params["v"] = 1;
  params["id"] = id;
  params["type"] = type;
  const auto body = params.dump();
  const auto len = static_cast<std::uint32_t>(body.size());
  std::string frame(reinterpret_cast<const char*>(&len), 4);
  frame += body;
  if (::write(fd_, frame.data(), frame.size()) != static_cast<ssize_t>(frame.size()))
    throw std::runtime_error("write to agent failed");
  const auto end = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw std::runtime_error("no reply to " + type);
    auto f = read_frame(left);
    if (!f) throw std::runtime_error("no reply to " + type);
    if (f->contains("event")) {
      events_.push_back(*f);
      continue;
    }
    if (f->value("id", nlohmann::json()) == id) return *f;
  }
}

bool AgentClient::wait_event(const std::function<bool(const nlohmann::json&)>& pred, std::chrono::milliseconds timeout) {
  for (const auto& e : events_)
    if (pred(e)) return true;
  const auto end = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    auto f = read_frame(left);
    if (!f) return false;
    if (!f->contains("event")) continue;
    events_.push_back(*f);
    if (pred(*f)) return true;
  }
}

}  // namespace om::test
