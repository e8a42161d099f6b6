#include "bridge/bridge.hpp"

#include "bridge/agent_launcher.hpp"
#include "protocol/message.hpp"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace om::bridge {
namespace code = protocol::code;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {
// Reads only the id, so a held request can be answered with it. Requests the
// agent would reject anyway (bad JSON, no id) get id null.
nlohmann::json request_id(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_object()) {
    if (auto it = j.find("id"); it != j.end() && it->is_number_integer()) return *it;
  }
  return nullptr;
}

// The id of a reply (events carry none).
std::optional<std::int64_t> reply_id(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object() || j.contains("event")) return std::nullopt;
  if (auto it = j.find("id"); it != j.end() && it->is_number_integer()) return it->get<std::int64_t>();
  return std::nullopt;
}
}  // namespace

Bridge::Bridge(boost::asio::io_context& io, std::unique_ptr<BrowserPort> browser, BridgeOptions options)
    : io_(io), browser_(std::move(browser)), options_(std::move(options)), connect_timer_(io), hold_timer_(io) {}

int Bridge::run() {
  browser_->on_output_lost = [this] {
    spdlog::info("stdout closed; exiting");
    exiting_ = true;
    io_.stop();
  };
  browser_->start([this](protocol::FrameEvent ev) { on_browser_frame(std::move(ev)); },
                  [this](transport::CloseReason why) { on_browser_closed(why); });
  try_connect();
  io_.run();
  if (agent_) agent_->close();
  return exit_code_;
}

void Bridge::on_browser_frame(protocol::FrameEvent ev) {
  if (exiting_) return;
  if (ev.body) return forward_to_agent(std::move(*ev.body));
  switch (*ev.error) {
    case protocol::FrameError::ZeroLength:
      browser_->send(protocol::to_wire(protocol::make_error(nullptr, code::kBadFrame, "zero-length frame")));
      break;
    case protocol::FrameError::TooLarge:
      browser_->send(protocol::to_wire(protocol::make_error(
          nullptr, code::kTooLarge,
          "frame of " + std::to_string(ev.declared_length) + " bytes exceeds the 1 MiB limit; skipped")));
      break;
    case protocol::FrameError::Desync:
      browser_->send(protocol::to_wire(
          protocol::make_error(nullptr, code::kBadFrame, "length prefix is not plausible; stream closed")));
      break;
  }
}

void Bridge::on_browser_closed(transport::CloseReason why) {
  using R = transport::CloseReason;
  switch (why) {
    case R::local: return;  // our own stop()
    case R::eof: spdlog::info("browser closed the port"); return exit_after_flush(0);
    case R::eof_mid_frame: spdlog::warn("browser input ended inside a frame"); return exit_after_flush(0);
    case R::desync: spdlog::error("browser input desynchronised"); return exit_after_flush(1);
    case R::error:
    case R::overflow: spdlog::error("browser input failed"); return exit_after_flush(1);
  }
}

void Bridge::exit_after_flush(int code) {
  if (exiting_) return;
  exiting_ = true;
  exit_code_ = code;
  browser_->stop();
  connect_timer_.cancel();
  hold_timer_.cancel();
  // Answer what is still waiting so the caller is not left hanging.
  for (auto& h : held_)
    browser_->send(protocol::to_wire(
        protocol::make_error(request_id(h.body), code::kAgentUnavailable, "bridge is closing")));
  held_.clear();
  browser_->after_flush([this] { io_.stop(); });
}

void Bridge::forward_to_agent(std::string body) {
  if (agent_ && agent_->is_open()) {
    if (auto id = request_id(body); id.is_number_integer()) in_flight_.insert(id.get<std::int64_t>());
    agent_->send(body);
    return;
  }
  held_.push_back({std::move(body), Clock::now()});
  arm_hold_timer();
}

void Bridge::arm_hold_timer() {
  if (hold_timer_armed_ || held_.empty()) return;
  hold_timer_armed_ = true;
  hold_timer_.expires_after(std::min<std::chrono::milliseconds>(250ms, options_.hold_for));
  hold_timer_.async_wait([this](const boost::system::error_code& ec) {
    hold_timer_armed_ = false;
    if (ec || exiting_) return;
    expire_held();
    arm_hold_timer();
  });
}

void Bridge::expire_held() {
  const auto now = Clock::now();
  while (!held_.empty() && now - held_.front().since >= options_.hold_for) {
    browser_->send(protocol::to_wire(protocol::make_error(request_id(held_.front().body), code::kAgentUnavailable,
                                                          "the OfficeMates agent is not reachable")));
    held_.pop_front();
  }
}

void Bridge::try_connect() {
  if (exiting_) return;
  transport::LocalStream stream(io_);
  std::string error;
  if (transport::connect_local(stream, options_.endpoint, error)) return on_agent_connected(std::move(stream));

  const auto now = Clock::now();
  if (options_.agent_exe && (!last_launch_ || now - *last_launch_ >= options_.relaunch_every)) {
    last_launch_ = now;
    std::string launch_error;
    if (launch_agent_detached(*options_.agent_exe, launch_error)) {
      spdlog::info("agent not reachable ({}); started {}", error, options_.agent_exe->string());
      backoff_ = 0ms;  // poll quickly while it comes up
    } else {
      spdlog::error("cannot start the agent {}: {}", options_.agent_exe->string(), launch_error);
    }
  } else if (!options_.agent_exe) {
    spdlog::error("agent not reachable ({}) and officemates-agent was not found", error);
  }
  // 20 ms steps right after a launch, then doubling up to max_backoff.
  backoff_ = std::clamp<std::chrono::milliseconds>(backoff_ * 2, 20ms, options_.max_backoff);
  schedule_connect(backoff_);
}

void Bridge::schedule_connect(std::chrono::milliseconds delay) {
  connect_timer_.expires_after(delay);
  connect_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) try_connect();
  });
}

void Bridge::on_agent_connected(transport::LocalStream stream) {
  spdlog::info("connected to the agent");
  backoff_ = 0ms;
  agent_ = std::make_shared<AgentChannel>(std::move(stream));
  agent_->start({[this](protocol::FrameEvent ev) {
                   if (ev.body) {
                     if (auto id = reply_id(*ev.body); id) {
                       if (auto it = in_flight_.find(*id); it != in_flight_.end()) in_flight_.erase(it);
                     }
                     browser_->send(*ev.body);
                   } else spdlog::warn("bad frame from the agent ({} bytes declared)", ev.declared_length);
                 },
                 [this](transport::CloseReason why) { on_agent_lost(why); }});
  send_agent_event(true);
  auto held = std::move(held_);
  held_.clear();
  for (auto& h : held) forward_to_agent(std::move(h.body));
}

void Bridge::on_agent_lost(transport::CloseReason why) {
  if (why == transport::CloseReason::local || exiting_) return;
  spdlog::warn("lost the agent connection");
  // This runs inside the channel's own close path: keep it alive until that returns.
  boost::asio::post(io_, [gone = std::move(agent_)] {});
  fail_in_flight();
  send_agent_event(false);
  schedule_connect(50ms);
}

void Bridge::fail_in_flight() {
  for (const auto id : in_flight_)
    browser_->send(protocol::to_wire(protocol::make_error(
        id, code::kAgentUnavailable, "the OfficeMates agent stopped before answering; try again")));
  in_flight_.clear();
}

void Bridge::send_agent_event(bool connected) {
  browser_->send(protocol::to_wire(protocol::make_event("agent", {{"connected", connected}})));
}

}  // namespace om::bridge
