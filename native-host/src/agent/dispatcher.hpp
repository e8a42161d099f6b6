#pragma once
// Maps a verb to its handler. Each concern (status, camera, enrolment, server)
// registers its own verbs from its own file, so no single class knows them all.
#include "protocol/message.hpp"

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace om::agent {

// Returns the payload merged into the ok reply; throws protocol::ProtocolError
// for a failure the caller should see.
using Handler = std::function<nlohmann::json(const protocol::Request&)>;

class Dispatcher {
 public:
  void add(std::string verb, Handler handler);
  // A verb the protocol defines but this build cannot serve: answers UNAVAILABLE
  // with `why`, so callers see an honest error instead of a fake success.
  void add_unavailable(std::string verb, std::string why);
  bool has(std::string_view verb) const;

  // Frame body in, reply out. Never throws: parse failures, unknown verbs and
  // handler exceptions all become error replies with the request id when known.
  nlohmann::json dispatch(std::string_view frame_body) const;
  nlohmann::json dispatch(const protocol::Request& request) const;

 private:
  std::map<std::string, Handler, std::less<>> handlers_;
};

// Where unsolicited events go: every connected bridge.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void broadcast(const nlohmann::json& event) = 0;
};

}  // namespace om::agent
