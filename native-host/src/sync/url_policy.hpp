#pragma once
// Which server URLs the host will talk to. https:// always (TLS verified);
// plain http:// only to this machine, because a device token sent in clear
// over a network is a stolen token.
#include <string>
#include <string_view>

namespace om::sync {

struct UrlCheck {
  bool ok = false;
  std::string base;   // normalised: scheme://host[:port][/path], no trailing slash
  std::string error;  // for the user when !ok
};

// Accepts http(s) URLs without credentials, query or fragment. http:// only
// for loopback hosts: localhost, 127.0.0.0/8, ::1.
UrlCheck check_server_url(std::string_view raw);

// True for localhost, a dotted-quad 127.x.y.z and ::1 (with or without []).
bool is_loopback_host(std::string_view host);

}  // namespace om::sync
