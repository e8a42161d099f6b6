#include "images/png.hpp"

namespace om::images {
namespace {
std::uint32_t be32(std::string_view b, std::size_t at) {
  return (std::uint32_t{static_cast<unsigned char>(b[at])} << 24) |
         (std::uint32_t{static_cast<unsigned char>(b[at + 1])} << 16) |
         (std::uint32_t{static_cast<unsigned char>(b[at + 2])} << 8) |
         std::uint32_t{static_cast<unsigned char>(b[at + 3])};
}
}  // namespace

PngCheck check_png(std::string_view bytes, std::uint32_t max_side, PngInfo* info) {
  static constexpr std::string_view kSignature{"\x89PNG\r\n\x1a\n", 8};
  if (bytes.size() < 8 || bytes.substr(0, 8) != kSignature) return PngCheck::not_png;
  // The first chunk must be IHDR with a 13-byte payload (PNG spec 11.2.2).
  if (bytes.size() < 8 + 8 + 13 + 4) return PngCheck::bad_ihdr;
  if (be32(bytes, 8) != 13 || bytes.substr(12, 4) != "IHDR") return PngCheck::bad_ihdr;
  const auto width = be32(bytes, 16);
  const auto height = be32(bytes, 20);
  const auto bit_depth = static_cast<unsigned char>(bytes[24]);
  const auto colour = static_cast<unsigned char>(bytes[25]);
  if (width == 0 || height == 0 || width > 0x7FFFFFFFu || height > 0x7FFFFFFFu)
    return PngCheck::bad_ihdr;
  const bool depth_ok = bit_depth == 1 || bit_depth == 2 || bit_depth == 4 || bit_depth == 8 || bit_depth == 16;
  const bool colour_ok = colour == 0 || colour == 2 || colour == 3 || colour == 4 || colour == 6;
  if (!depth_ok || !colour_ok) return PngCheck::bad_ihdr;
  if (info) *info = PngInfo{width, height};
  if (width > max_side || height > max_side) return PngCheck::too_big_dimensions;
  return PngCheck::ok;
}

}  // namespace om::images
