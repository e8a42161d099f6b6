#pragma once
// Serves the bridges: one FramedConnection per connected bridge (Chrome and
// Edge can be connected at once), requests through the Dispatcher, events to
// every connection.
#include "agent/connection_id.hpp"
#include "agent/dispatcher.hpp"
#include "transport/framed_connection.hpp"
#include "transport/local_server.hpp"

#include <map>
#include <memory>

namespace om::agent {

class AgentServer final : public EventSink {
 public:
  AgentServer(boost::asio::io_context& io, const std::filesystem::path& endpoint, const Dispatcher& dispatcher,
              ConnectionScope& scope);
  void start();
  void stop();  // closes the listener and every connection
  void broadcast(const nlohmann::json& event) override;
  std::size_t connection_count() const { return connections_.size(); }

 private:
  using Connection = transport::FramedConnection<transport::LocalStream>;
  void on_accept(transport::LocalStream stream);
  void on_frame(ConnectionId id, protocol::FrameEvent ev);
  void on_closed(ConnectionId id);

  transport::LocalServer listener_;
  const Dispatcher& dispatcher_;
  ConnectionScope& scope_;
  std::map<ConnectionId, std::shared_ptr<Connection>> connections_;
  ConnectionId next_id_ = 1;
};

}  // namespace om::agent
