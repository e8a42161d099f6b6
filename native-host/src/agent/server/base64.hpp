#pragma once
// Standard base64 (RFC 4648, with or without padding) for profile.image.set.
#include <optional>
#include <string>
#include <string_view>

namespace om::agent {
// nullopt on any character outside the alphabet or a bad length.
std::optional<std::string> decode_base64(std::string_view in);
}
