#pragma once
// Handlers throw ApiError; the connection turns it into
// {"error":{"code","message"}} with the status (see openapi.yaml "Errors").
#include <stdexcept>
#include <string>

namespace om::http {

struct ApiError : std::runtime_error {
  unsigned status;
  std::string code;
  ApiError(unsigned s, std::string c, const std::string& message)
      : std::runtime_error(message), status(s), code(std::move(c)) {}
};

inline ApiError bad_request(const std::string& m) { return {400, "BAD_REQUEST", m}; }
inline ApiError unauthorized(const std::string& m = "authentication required") { return {401, "UNAUTHORIZED", m}; }
inline ApiError forbidden(const std::string& m = "not allowed") { return {403, "FORBIDDEN", m}; }
inline ApiError not_found(const std::string& m = "not found") { return {404, "NOT_FOUND", m}; }
inline ApiError conflict(const std::string& m, std::string code = "CONFLICT") { return {409, std::move(code), m}; }
inline ApiError too_large(const std::string& m) { return {413, "TOO_LARGE", m}; }
inline ApiError unsupported(const std::string& m) { return {415, "UNSUPPORTED_MEDIA_TYPE", m}; }
inline ApiError invalid(const std::string& m) { return {422, "VALIDATION", m}; }

}  // namespace om::http
