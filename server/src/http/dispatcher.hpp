#pragma once
// Turns a request into a response: API routes through the Router, everything
// else through StaticFiles; ApiError and unexpected exceptions become JSON
// errors; security headers go on every response.
#include <optional>

#include "http/context.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace om::http {

struct Outcome {
  Response response;
  std::optional<SseUpgrade> sse;
};

class Dispatcher {
 public:
  Dispatcher(const Router& router, const StaticFiles& files, app::Services& services)
      : router_(router), files_(files), services_(services) {}

  // Body cap for the route the request header names (before reading the body).
  std::size_t body_limit(Verb method, std::string_view target) const;
  Outcome dispatch(const Request& req) const;

  static Response error_response(const Request& req, unsigned status, const std::string& code,
                                 const std::string& message);
  static void add_security_headers(Response& res);

 private:
  const Router& router_;
  const StaticFiles& files_;
  app::Services& services_;
};

}  // namespace om::http
