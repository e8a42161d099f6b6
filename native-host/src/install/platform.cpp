#include "install/platform.hpp"

namespace om::install {

std::string_view name(Browser b) {
  switch (b) {
    case Browser::Chrome: return "chrome";
    case Browser::Chromium: return "chromium";
    case Browser::Edge: return "edge";
  }
  return "?";
}

std::string_view name(Os os) {
  switch (os) {
    case Os::Linux: return "linux";
    case Os::MacOS: return "macos";
    case Os::Windows: return "windows";
  }
  return "?";
}

std::string_view name(Scope s) { return s == Scope::System ? "system" : "user"; }

std::optional<Browser> parse_browser(std::string_view s) {
  for (auto b : kAllBrowsers)
    if (name(b) == s) return b;
  return std::nullopt;
}

std::optional<Scope> parse_scope(std::string_view s) {
  if (s == "user") return Scope::User;
  if (s == "system") return Scope::System;
  return std::nullopt;
}

Os current_os() {
#if defined(_WIN32)
  return Os::Windows;
#elif defined(__APPLE__)
  return Os::MacOS;
#else
  return Os::Linux;
#endif
}

}  // namespace om::install
