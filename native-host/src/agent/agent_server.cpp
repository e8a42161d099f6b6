#include "agent/agent_server.hpp"

#include <spdlog/spdlog.h>

namespace om::agent {
namespace code = protocol::code;

AgentServer::AgentServer(boost::asio::io_context& io, const std::filesystem::path& endpoint,
                         const Dispatcher& dispatcher, ConnectionScope& scope)
    : listener_(io, endpoint), dispatcher_(dispatcher), scope_(scope) {}

void AgentServer::start() {
  listener_.start([this](transport::LocalStream stream) { on_accept(std::move(stream)); });
}

void AgentServer::stop() {
  listener_.close();
  auto all = std::move(connections_);
  connections_.clear();
  for (auto& [id, c] : all) c->close();
}

void AgentServer::on_accept(transport::LocalStream stream) {
  const auto id = next_id_++;
  auto conn = std::make_shared<Connection>(std::move(stream));
  connections_.emplace(id, conn);
  spdlog::info("bridge {} connected ({} open)", id, connections_.size());
  conn->start({[this, id](protocol::FrameEvent ev) { on_frame(id, std::move(ev)); },
               [this, id](transport::CloseReason) { on_closed(id); }});
}

void AgentServer::on_frame(ConnectionId id, protocol::FrameEvent ev) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  std::weak_ptr<Connection> weak = it->second;
  // Replies may come later (async verbs) after the connection is gone: drop them then.
  auto reply = [weak](nlohmann::json msg) {
    auto c = weak.lock();
    if (!c) return;
    const auto wire = protocol::to_wire(msg);
    // A reply above the 1 MiB frame limit cannot be sent: say so instead of going silent.
    if (wire.size() > protocol::kMaxFrameBytes)
      c->send(protocol::to_wire(protocol::make_error(msg.value("id", nlohmann::json()), code::kInternal,
                                                     "reply exceeds the 1 MiB frame limit")));
    else
      c->send(wire);
  };
  if (!ev.body) {
    // The bridge checks sizes first; this guards a client talking to the socket directly.
    const bool zero = ev.error == protocol::FrameError::ZeroLength;
    if (ev.error != protocol::FrameError::Desync)
      reply(protocol::make_error(nullptr, zero ? code::kBadFrame : code::kTooLarge,
                                 zero ? "zero-length frame" : "frame exceeds the 1 MiB limit; skipped"));
    return;
  }
  scope_.current = id;
  dispatcher_.dispatch(*ev.body, reply);
  scope_.current = 0;
}

void AgentServer::on_closed(ConnectionId id) {
  if (connections_.erase(id) == 0) return;
  spdlog::info("bridge {} disconnected ({} open)", id, connections_.size());
  for (auto& fn : scope_.on_closed) fn(id);
}

void AgentServer::broadcast(const nlohmann::json& event) {
  const auto wire = protocol::to_wire(event);
  // Copy: a send can overflow and close a connection, which erases from the map.
  auto targets = connections_;
  for (auto& [id, c] : targets) c->send(wire);
}

}  // namespace om::agent
