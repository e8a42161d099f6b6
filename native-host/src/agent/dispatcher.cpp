#include "agent/dispatcher.hpp"

#include <spdlog/spdlog.h>

namespace om::agent {

using protocol::make_error;
namespace code = protocol::code;

void Dispatcher::add(std::string verb, Handler handler) {
  async_handlers_.erase(verb);
  unavailable_.erase(verb);
  handlers_[std::move(verb)] = std::move(handler);
}

void Dispatcher::add_unavailable(std::string verb, std::string why) {
  async_handlers_.erase(verb);
  unavailable_.insert(verb);
  handlers_[std::move(verb)] = [why = std::move(why)](const protocol::Request&) -> nlohmann::json {
    throw protocol::ProtocolError(code::kUnavailable, why);
  };
}

void Dispatcher::add_async(std::string verb, AsyncHandler handler) {
  handlers_.erase(verb);
  unavailable_.erase(verb);
  async_handlers_[std::move(verb)] = std::move(handler);
}

std::vector<std::string> Dispatcher::served_verbs() const {
  std::set<std::string> all;
  for (const auto& [verb, h] : handlers_)
    if (!unavailable_.contains(verb)) all.insert(verb);
  for (const auto& [verb, h] : async_handlers_) all.insert(verb);
  return {all.begin(), all.end()};
}

std::vector<std::string> Dispatcher::unavailable_verbs() const { return {unavailable_.begin(), unavailable_.end()}; }

bool Dispatcher::has(std::string_view verb) const {
  return handlers_.find(verb) != handlers_.end() || async_handlers_.find(verb) != async_handlers_.end();
}

void Dispatcher::dispatch(std::string_view frame_body, ReplyFn reply) const {
  auto parsed = protocol::parse_request(frame_body);
  if (auto* err = std::get_if<nlohmann::json>(&parsed)) return reply(std::move(*err));
  auto& request = std::get<protocol::Request>(parsed);
  auto it = async_handlers_.find(request.type);
  if (it == async_handlers_.end()) return reply(dispatch(request));
  const nlohmann::json id = request.id;
  Responder responder{
      [reply, id](nlohmann::json payload) { reply(protocol::make_reply(id, std::move(payload))); },
      [reply, id](std::string_view c, std::string_view m) { reply(make_error(id, c, m)); }};
  try {
    it->second(request, std::move(responder));
  } catch (const protocol::ProtocolError& e) {
    reply(make_error(id, e.code(), e.what()));
  } catch (const nlohmann::json::exception& e) {
    reply(make_error(id, code::kBadParams, e.what()));
  } catch (const std::exception& e) {
    spdlog::error("handler for {} failed: {}", request.type, e.what());
    reply(make_error(id, code::kInternal, e.what()));
  }
}

nlohmann::json Dispatcher::dispatch(std::string_view frame_body) const {
  auto parsed = protocol::parse_request(frame_body);
  if (auto* err = std::get_if<nlohmann::json>(&parsed)) return std::move(*err);
  return dispatch(std::get<protocol::Request>(parsed));
}

nlohmann::json Dispatcher::dispatch(const protocol::Request& request) const {
  if (async_handlers_.find(request.type) != async_handlers_.end())
    return make_error(request.id, code::kInternal, "\"" + request.type + "\" answers later; use the callback dispatch");
  auto it = handlers_.find(request.type);
  if (it == handlers_.end())
    return make_error(request.id, code::kUnknownType, "unknown request type \"" + request.type + "\"");
  try {
    return protocol::make_reply(request.id, it->second(request));
  } catch (const protocol::ProtocolError& e) {
    return make_error(request.id, e.code(), e.what());
  } catch (const nlohmann::json::exception& e) {
    return make_error(request.id, code::kBadParams, e.what());
  } catch (const std::exception& e) {
    spdlog::error("handler for {} failed: {}", request.type, e.what());
    return make_error(request.id, code::kInternal, e.what());
  }
}

}  // namespace om::agent
