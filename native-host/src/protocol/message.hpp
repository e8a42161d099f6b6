#pragma once
// The JSON envelope of DESIGN.md section 2: requests {v,id,type,...},
// replies {v,id,ok,...}, events {v,event,...}. Every reply carries v and id.
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

namespace om::protocol {

inline constexpr int kProtocolVersion = 1;

namespace code {
inline constexpr std::string_view kBadFrame = "BAD_FRAME";
inline constexpr std::string_view kTooLarge = "TOO_LARGE";
inline constexpr std::string_view kBadJson = "BAD_JSON";
inline constexpr std::string_view kUnknownType = "UNKNOWN_TYPE";
inline constexpr std::string_view kBadParams = "BAD_PARAMS";
inline constexpr std::string_view kForbiddenOrigin = "FORBIDDEN_ORIGIN";
inline constexpr std::string_view kCameraUnavailable = "CAMERA_UNAVAILABLE";
inline constexpr std::string_view kNotEnrolled = "NOT_ENROLLED";
inline constexpr std::string_view kModelMissing = "MODEL_MISSING";
inline constexpr std::string_view kServerUnreachable = "SERVER_UNREACHABLE";
inline constexpr std::string_view kNotLoggedIn = "NOT_LOGGED_IN";
inline constexpr std::string_view kBusy = "BUSY";
// A verb the protocol defines but this build cannot serve (yet, or not on this machine).
inline constexpr std::string_view kUnavailable = "UNAVAILABLE";
// The bridge could not reach (or start) the agent.
inline constexpr std::string_view kAgentUnavailable = "AGENT_UNAVAILABLE";
inline constexpr std::string_view kInternal = "INTERNAL";
}  // namespace code

// Thrown by handlers; turned into an error reply with the request's id.
class ProtocolError : public std::runtime_error {
 public:
  ProtocolError(std::string_view code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

struct Request {
  nlohmann::json id;  // number as sent; null when absent
  std::string type;
  nlohmann::json body;  // the whole request object (params live beside type)
};

// Either a request or the error reply to send back (id filled in when known).
using ParsedRequest = std::variant<Request, nlohmann::json>;

// Validates UTF-8, JSON syntax, the envelope (object, integer id, string type).
ParsedRequest parse_request(std::string_view frame_body);

nlohmann::json make_reply(const nlohmann::json& id, nlohmann::json payload = nlohmann::json::object());
nlohmann::json make_error(const nlohmann::json& id, std::string_view code, std::string_view message);
nlohmann::json make_event(std::string_view name, nlohmann::json payload = nlohmann::json::object());

// Serialises for the wire; invalid UTF-8 in strings is replaced, never thrown.
std::string to_wire(const nlohmann::json& message);

bool is_valid_utf8(std::string_view s);

// Parameter helpers that throw ProtocolError(BAD_PARAMS) with a precise message.
std::string require_string(const nlohmann::json& body, const char* key);
int require_int(const nlohmann::json& body, const char* key, int min, int max);

}  // namespace om::protocol
