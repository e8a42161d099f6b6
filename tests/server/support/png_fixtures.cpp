#include "support/png_fixtures.hpp"

#include <stdexcept>

namespace omtest {
namespace {

std::uint32_t crc32(const std::string& s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
  }
  return c ^ 0xFFFFFFFFu;
}

void put32(std::string& s, std::uint32_t v) {
  for (int sh = 24; sh >= 0; sh -= 8) s.push_back(static_cast<char>((v >> sh) & 0xFFu));
}

std::string chunk(const std::string& type, const std::string& data) {
  std::string c;
  put32(c, static_cast<std::uint32_t>(data.size()));
  const auto body = type + data;
  c += body;
  put32(c, crc32(body));
  return c;
}

std::string zlib_stored(const std::string& raw) {
  std::string z{"\x78\x01", 2};
  std::size_t off = 0;
  do {
    const auto n = std::min<std::size_t>(65535, raw.size() - off);
    const bool last = off + n == raw.size();
    z.push_back(last ? '\x01' : '\x00');
    z.push_back(static_cast<char>(n & 0xFF));
    z.push_back(static_cast<char>(n >> 8));
    z.push_back(static_cast<char>(~n & 0xFF));
    z.push_back(static_cast<char>((~n >> 8) & 0xFF));
    z.append(raw, off, n);
    off += n;
  } while (off < raw.size());
  std::uint32_t a = 1, b = 0;
  for (unsigned char ch : raw) {
    a = (a + ch) % 65521u;
    b = (b + a) % 65521u;
  }
  put32(z, (b << 16) | a);
  return z;
}

std::string png_parts(std::uint32_t w, std::uint32_t h, std::string* tail) {
  std::string ihdr;
  put32(ihdr, w);
  put32(ihdr, h);
  ihdr += std::string{"\x08\x00\x00\x00\x00", 5};  // 8-bit grayscale
  std::string raw;
  for (std::uint32_t y = 0; y < h; ++y) {
    raw.push_back('\0');  // filter: none
    for (std::uint32_t x = 0; x < w; ++x) raw.push_back(static_cast<char>((x + y) & 0xFF));
  }
  *tail = chunk("IDAT", zlib_stored(raw)) + chunk("IEND", "");
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr);
}

}  // namespace

std::string make_png(std::uint32_t width, std::uint32_t height) {
  std::string tail;
  return png_parts(width, height, &tail) + tail;
}

std::string make_png_of_size(std::uint32_t width, std::uint32_t height, std::size_t total) {
  std::string tail;
  const auto head = png_parts(width, height, &tail);
  const auto base = head.size() + tail.size() + 12;  // + the padding chunk's framing
  if (total < base) throw std::invalid_argument("PNG would be larger than requested");
  return head + chunk("tEXt", "Comment" + std::string(1, '\0') + std::string(total - base - 8, 'x')) + tail;
}

std::string make_jpeg_like(std::size_t total) {
  std::string j{"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20};
  j.resize(total, '\0');
  return j;
}

}  // namespace omtest
