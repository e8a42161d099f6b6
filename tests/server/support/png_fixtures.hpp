#pragma once
// Builds real (decodable) grayscale PNGs of any size for the image tests,
// without a PNG library: stored (uncompressed) deflate blocks, CRC-32 and
// Adler-32 computed here.
#include <cstdint>
#include <string>

namespace omtest {

std::string make_png(std::uint32_t width, std::uint32_t height);
// A PNG padded with an ancillary chunk to exactly `total` bytes.
std::string make_png_of_size(std::uint32_t width, std::uint32_t height, std::size_t total);
// The start of a JPEG file (what a .jpg renamed to .png contains).
std::string make_jpeg_like(std::size_t total);

}  // namespace omtest
