#pragma once
// Base64 (RFC 4648, with padding) for preview JPEGs on the JSON protocol.
#include <string>
#include <string_view>

namespace om::vision {
std::string base64_encode(std::string_view bytes);
}
