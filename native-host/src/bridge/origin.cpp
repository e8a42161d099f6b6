#include "bridge/origin.hpp"

#include <algorithm>

namespace om::bridge {

namespace {
constexpr std::string_view kScheme = "chrome-extension://";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

bool looks_like_origin(std::string_view arg) { return arg.substr(0, kScheme.size()) == kScheme; }

std::vector<std::string> allowed_origins(std::string_view extra) {
  std::vector<std::string> out{std::string(kDefaultAllowedOrigin)};
  while (!extra.empty()) {
    const auto comma = extra.find(',');
    auto item = trim(extra.substr(0, comma));
    extra = comma == std::string_view::npos ? std::string_view{} : extra.substr(comma + 1);
    if (!looks_like_origin(item) || item.size() <= kScheme.size()) continue;
    std::string o(item);
    if (o.back() != '/') o += '/';
    out.push_back(std::move(o));
  }
  return out;
}

bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed) {
  // Exact match only: the browser always passes "chrome-extension://<id>/".
  return std::find(allowed.begin(), allowed.end(), origin) != allowed.end();
}

}  // namespace om::bridge
