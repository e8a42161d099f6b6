#include "protocol/message.hpp"

namespace om::protocol {

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  const auto n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and values beyond Unicode.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return false;
    i += len;
  }
  return true;
}

nlohmann::json make_reply(const nlohmann::json& id, nlohmann::json payload) {
  if (!payload.is_object()) payload = nlohmann::json::object();
  payload["v"] = kProtocolVersion;
  payload["id"] = id;
  payload["ok"] = true;
  return payload;
}

nlohmann::json make_error(const nlohmann::json& id, std::string_view code, std::string_view message) {
  return {{"v", kProtocolVersion},
          {"id", id},
          {"ok", false},
          {"error", {{"code", std::string(code)}, {"message", std::string(message)}}}};
}

nlohmann::json make_event(std::string_view name, nlohmann::json payload) {
  if (!payload.is_object()) payload = nlohmann::json::object();
  payload["v"] = kProtocolVersion;
  payload["event"] = std::string(name);
  return payload;
}

std::string to_wire(const nlohmann::json& message) {
  return message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ParsedRequest parse_request(std::string_view frame_body) {
  if (!is_valid_utf8(frame_body)) return make_error(nullptr, code::kBadJson, "message is not valid UTF-8");
  auto body = nlohmann::json::parse(frame_body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return make_error(nullptr, code::kBadJson, "message is not valid JSON");
  if (!body.is_object()) return make_error(nullptr, code::kBadJson, "message must be a JSON object");

  nlohmann::json id = nullptr;
  if (auto it = body.find("id"); it != body.end()) {
    if (!it->is_number_integer()) return make_error(nullptr, code::kBadParams, "\"id\" must be an integer");
    id = *it;
  } else {
    return make_error(nullptr, code::kBadParams, "request has no \"id\"");
  }
  if (auto v = body.find("v"); v != body.end() && (!v->is_number_integer() || v->get<int>() != kProtocolVersion))
    return make_error(id, code::kBadParams, "unsupported protocol version; this host speaks v1");
  auto type = body.find("type");
  if (type == body.end() || !type->is_string() || type->get_ref<const std::string&>().empty())
    return make_error(id, code::kBadParams, "request has no \"type\"");
  return Request{id, type->get<std::string>(), std::move(body)};
}

std::string require_string(const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_string())
    throw ProtocolError(code::kBadParams, std::string("\"") + key + "\" must be a string");
  return it->get<std::string>();
}

int require_int(const nlohmann::json& body, const char* key, int min, int max) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_number_integer())
    throw ProtocolError(code::kBadParams, std::string("\"") + key + "\" must be an integer");
  const auto v = it->get<long long>();
  if (v < min || v > max)
    throw ProtocolError(code::kBadParams, std::string("\"") + key + "\" must be between " + std::to_string(min) +
                                              " and " + std::to_string(max));
  return static_cast<int>(v);
}

}  // namespace om::protocol
