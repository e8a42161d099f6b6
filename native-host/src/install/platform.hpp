#pragma once
// The three axes the installer works along: which browser, which OS, which
// scope. Names are the ones the CLI and the install record use.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace om::install {

enum class Browser { Chrome, Chromium, Edge };
enum class Os { Linux, MacOS, Windows };
enum class Scope { User, System };

inline constexpr Browser kAllBrowsers[] = {Browser::Chrome, Browser::Chromium, Browser::Edge};

std::string_view name(Browser b);
std::string_view name(Os os);
std::string_view name(Scope s);
std::optional<Browser> parse_browser(std::string_view s);
std::optional<Scope> parse_scope(std::string_view s);

// The OS this binary was compiled for.
Os current_os();

}  // namespace om::install
