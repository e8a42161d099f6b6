#pragma once
// Profile images are PNG only. We trust neither the file name nor the
// Content-Type: the 8-byte signature and the IHDR chunk decide.
#include <cstdint>
#include <string>
#include <string_view>

namespace om::images {

enum class PngCheck { ok, not_png, bad_ihdr, too_big_dimensions };

struct PngInfo {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

// max_side: largest allowed width/height in pixels.
PngCheck check_png(std::string_view bytes, std::uint32_t max_side, PngInfo* info = nullptr);

}  // namespace om::images
