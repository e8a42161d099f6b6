#pragma once
// Stores a profile image after the PNG checks (signature → 415, IHDR or
// dimensions → 422). The body cap (413) is applied by the router before.
#include <cstdint>

#include "http/context.hpp"

namespace om::api {

constexpr std::size_t kOwnImageLimit = 2 * 1024 * 1024;    // manual: 2 MB
constexpr std::size_t kAdminImageLimit = 5 * 1024 * 1024;  // manual: 5 MB
constexpr std::uint32_t kMaxImageSide = 300;

void store_profile_image(http::RequestContext& ctx, std::int64_t user_id);

}  // namespace om::api
