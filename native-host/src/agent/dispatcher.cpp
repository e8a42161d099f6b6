#include "agent/dispatcher.hpp"

#include <spdlog/spdlog.h>

namespace om::agent {

using protocol::make_error;
namespace code = protocol::code;

void Dispatcher::add(std::string verb, Handler handler) { handlers_[std::move(verb)] = std::move(handler); }

void Dispatcher::add_unavailable(std::string verb, std::string why) {
  add(std::move(verb), [why = std::move(why)](const protocol::Request&) -> nlohmann::json {
    throw protocol::ProtocolError(code::kUnavailable, why);
  });
}

bool Dispatcher::has(std::string_view verb) const { return handlers_.find(verb) != handlers_.end(); }

nlohmann::json Dispatcher::dispatch(std::string_view frame_body) const {
  auto parsed = protocol::parse_request(frame_body);
  if (auto* err = std::get_if<nlohmann::json>(&parsed)) return std::move(*err);
  return dispatch(std::get<protocol::Request>(parsed));
}

nlohmann::json Dispatcher::dispatch(const protocol::Request& request) const {
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
