#include "install/agent_client.hpp"

#include "protocol/frame.hpp"
#include "transport/local_stream.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/write.hpp>

#include <array>

namespace om::install {

struct AgentClient::Impl {
  std::filesystem::path endpoint;
  boost::asio::io_context io;
  transport::LocalStream stream{io};
  protocol::FrameDecoder decoder;
  int next_id = 1;
};

AgentClient::AgentClient(std::filesystem::path endpoint) : impl_(std::make_unique<Impl>()) {
  impl_->endpoint = std::move(endpoint);
}
AgentClient::~AgentClient() = default;

bool AgentClient::connect(std::string& error) { return transport::connect_local(impl_->stream, impl_->endpoint, error); }

std::optional<nlohmann::json> AgentClient::request(const std::string& type, const nlohmann::json& params,
                                                   std::chrono::milliseconds timeout, std::string& error) {
  auto& s = *impl_;
  const int id = s.next_id++;
  nlohmann::json req = params.is_object() ? params : nlohmann::json::object();
  req["v"] = 1;
  req["id"] = id;
  req["type"] = type;
  const auto frame = protocol::encode_frame(req.dump());

  std::optional<nlohmann::json> reply;
  std::array<char, 16 * 1024> buf{};
  std::function<void()> read_more;
  bool done = false;
  auto finish = [&](std::string why) {
    if (!done) error = std::move(why);
    done = true;
    s.io.stop();
  };
  read_more = [&] {
    s.stream.async_read_some(boost::asio::buffer(buf), [&](const boost::system::error_code& ec, std::size_t n) {
      std::string_view data(buf.data(), n);
      while (!data.empty()) {
        const auto used = s.decoder.feed(data);
        data.remove_prefix(used);
        while (auto ev = s.decoder.next()) {
          if (!ev->body) continue;
          auto j = nlohmann::json::parse(*ev->body, nullptr, false);
          if (j.is_object() && j.value("id", -1) == id) {
            reply = std::move(j);
            done = true;
            s.io.stop();
            return;
          }
        }
        if (used == 0) break;
      }
      if (ec) return finish("the agent closed the connection: " + ec.message());
      read_more();
    });
  };
  boost::asio::async_write(s.stream, boost::asio::buffer(frame), [&](const boost::system::error_code& ec, std::size_t) {
    if (ec) return finish("cannot send to the agent: " + ec.message());
    read_more();
  });
  s.io.restart();
  s.io.run_for(timeout);
  if (!done) {
    error = "no reply from the agent within " + std::to_string(timeout.count()) + " ms";
    // Cancel what is pending so the next request starts clean.
    boost::system::error_code ec;
    s.stream.cancel(ec);
    s.io.restart();
    s.io.poll();
  }
  return reply;
}

}  // namespace om::install
