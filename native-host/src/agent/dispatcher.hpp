#pragma once
// Maps a verb to its handler. Each concern (status, camera, enrolment, server)
// registers its own verbs from its own file, so no single class knows them all.
#include "protocol/message.hpp"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace om::agent {

// Returns the payload merged into the ok reply; throws protocol::ProtocolError
// for a failure the caller should see.
using Handler = std::function<nlohmann::json(const protocol::Request&)>;
// For verbs that wait on the network (server sync) and so must not block the
// io thread: the handler returns at once and later calls exactly one of
// ok/error, on the io thread. Throwing before returning still works as for
// Handler. The reply may come after the asking session closed; the session's
// ReplyFn must tolerate that (hold a weak_ptr).
struct Responder {
  std::function<void(nlohmann::json payload)> ok;
  std::function<void(std::string_view code, std::string_view message)> error;
};
using AsyncHandler = std::function<void(const protocol::Request&, Responder)>;
// Receives the complete reply (ok or error envelope).
using ReplyFn = std::function<void(nlohmann::json reply)>;

class Dispatcher {
 public:
  void add(std::string verb, Handler handler);
  // A verb the protocol defines but this build cannot serve: answers UNAVAILABLE
  // with `why`, so callers see an honest error instead of a fake success.
  void add_unavailable(std::string verb, std::string why);
  void add_async(std::string verb, AsyncHandler handler);
  bool has(std::string_view verb) const;
  // For hello's capabilities: verbs served, and verbs defined but unavailable.
  std::vector<std::string> served_verbs() const;
  std::vector<std::string> unavailable_verbs() const;

  // Frame body in, reply out. Never throws: parse failures, unknown verbs and
  // handler exceptions all become error replies with the request id when known.
  nlohmann::json dispatch(std::string_view frame_body) const;
  nlohmann::json dispatch(const protocol::Request& request) const;
  // Serves every verb, async ones included: `reply` runs now for ordinary
  // verbs and later (on the io thread) for async ones. Sessions use this one;
  // the synchronous form answers INTERNAL for an async verb.
  void dispatch(std::string_view frame_body, ReplyFn reply) const;

 private:
  std::map<std::string, Handler, std::less<>> handlers_;
  std::map<std::string, AsyncHandler, std::less<>> async_handlers_;
  std::set<std::string, std::less<>> unavailable_;
};

// Where unsolicited events go: every connected bridge.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void broadcast(const nlohmann::json& event) = 0;
};

}  // namespace om::agent
