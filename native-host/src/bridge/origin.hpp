#pragma once
// Which callers may start a bridge: the extension's stable ID compiled in,
// plus the comma-separated OFFICEMATES_ALLOWED_ORIGINS (tests, other builds).
#include <string>
#include <string_view>
#include <vector>

namespace om::bridge {

inline constexpr std::string_view kDefaultAllowedOrigin = "chrome-extension://dkkcednaiplllonaknmddgahkiahlkli/";

// True when argv[1] names a browser extension caller (bridge mode).
bool looks_like_origin(std::string_view arg);

// The compiled-in origin followed by the ones in `extra` (comma-separated,
// blanks trimmed; an entry without the trailing slash is accepted with it).
std::vector<std::string> allowed_origins(std::string_view extra);

bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed);

}  // namespace om::bridge
