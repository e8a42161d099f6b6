#include "agent/camera/worker_process.hpp"

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace om::agent {
namespace asio = boost::asio;

std::shared_ptr<WorkerProcess> WorkerProcess::spawn(asio::io_context& io, const std::filesystem::path& exe,
                                                    const std::vector<std::string>& args, OnMessage on_message,
                                                    OnExit on_exit) {
  int to_child[2], from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  if (::pipe2(from_child, O_CLOEXEC) != 0) {
    ::close(to_child[0]);
    ::close(to_child[1]);
    throw std::system_error(errno, std::generic_category(), "pipe");
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&fa, from_child[1], STDOUT_FILENO);
  std::vector<std::string> argv_s{exe.string()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, exe.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(to_child[0]);
  ::close(from_child[1]);
  if (rc != 0) {
    ::close(to_child[1]);
    ::close(from_child[0]);
    throw std::system_error(rc, std::generic_category(), "cannot start " + exe.string());
  }
  auto p = std::shared_ptr<WorkerProcess>(
      new WorkerProcess(io, pid, to_child[1], from_child[0], std::move(on_message), std::move(on_exit)));
  p->read_more();
  return p;
}

WorkerProcess::WorkerProcess(asio::io_context& io, pid_t pid, int in_fd, int out_fd, OnMessage m, OnExit e)
    : pid_(pid), in_(io, in_fd), out_(io, out_fd), reap_timer_(io), on_message_(std::move(m)),
      on_exit_(std::move(e)) {}

WorkerProcess::~WorkerProcess() {
  if (pid_ > 0) {  // never leave a camera process behind
    ::kill(pid_, SIGKILL);
    int st = 0;
    ::waitpid(pid_, &st, 0);
  }
}

void WorkerProcess::send(const nlohmann::json& message) {
  if (stopping_ || !in_.is_open()) return;
  outbox_.push_back(protocol::encode_frame(message.dump()));
  write_more();
}

void WorkerProcess::write_more() {
  if (writing_ || outbox_.empty() || !in_.is_open()) return;
  writing_ = true;
  asio::async_write(in_, asio::buffer(outbox_.front()), [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
    self->writing_ = false;
    if (ec) {
      self->outbox_.clear();
      return;  // the read side sees EOF and reports the exit
    }
    self->outbox_.pop_front();
    if (self->outbox_.empty() && self->stopping_) {
      boost::system::error_code ignored;
      self->in_.close(ignored);  // EOF also means stop to the worker
      return;
    }
    self->write_more();
  });
}

void WorkerProcess::read_more() {
  out_.async_read_some(asio::buffer(buf_), [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
    if (ec) {  // EOF or error: the worker is exiting (or gone)
      self->wait_for_exit(std::chrono::steady_clock::now() + std::chrono::seconds(2));
      return;
    }
    std::string_view data(self->buf_.data(), n);
    while (!data.empty()) {
      data.remove_prefix(self->decoder_.feed(data));
      while (auto ev = self->decoder_.next()) {
        if (!ev->body) continue;
        auto j = nlohmann::json::parse(*ev->body, nullptr, false);
        if (j.is_object() && self->on_message_) self->on_message_(j);
      }
      if (self->decoder_.desynchronised()) {
        spdlog::error("camera worker: garbled output, stopping it");
        self->stop(std::chrono::milliseconds(0));
        return;
      }
    }
    self->read_more();
  });
}

void WorkerProcess::stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return;
  if (!stopping_) {
    outbox_.push_back(protocol::encode_frame(R"({"type":"stop"})"));
    stopping_ = true;
    write_more();
  }
  wait_for_exit(std::chrono::steady_clock::now() + grace);
}

void WorkerProcess::wait_for_exit(std::chrono::steady_clock::time_point kill_at) {
  if (pid_ <= 0 || waiting_) return;
  waiting_ = true;
  poll_exit(kill_at);
}

void WorkerProcess::poll_exit(std::chrono::steady_clock::time_point kill_at) {
  if (pid_ <= 0) return;
  int st = 0;
  const pid_t r = ::waitpid(pid_, &st, WNOHANG);
  if (r == pid_ || r < 0) {
    reaped(r < 0 ? -1 : st);
    return;
  }
  if (std::chrono::steady_clock::now() >= kill_at) ::kill(pid_, SIGKILL);
  reap_timer_.expires_after(std::chrono::milliseconds(50));
  reap_timer_.async_wait([self = shared_from_this(), kill_at](boost::system::error_code ec) {
    if (!ec) self->poll_exit(kill_at);
  });
}

void WorkerProcess::reaped(int status) {
  pid_ = -1;
  boost::system::error_code ignored;
  in_.close(ignored);
  out_.close(ignored);
  if (auto cb = std::move(on_exit_)) cb(status);
}

}  // namespace om::agent
