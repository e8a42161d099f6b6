#pragma once
// Error codes of the server verbs that protocol/message.hpp does not define
// (the shared ones, SERVER_UNREACHABLE and NOT_LOGGED_IN, live there).
#include <string_view>

namespace om::agent::server_code {
// login: the server refused the email/password (its LOGIN_FAILED).
inline constexpr std::string_view kBadCredentials = "BAD_CREDENTIALS";
// login / settings: http:// to a non-loopback host, or not an http(s) URL.
inline constexpr std::string_view kInsecureUrl = "INSECURE_URL";
// The server answered, but not as server/openapi.yaml says it should.
inline constexpr std::string_view kServerError = "SERVER_ERROR";
}  // namespace om::agent::server_code
