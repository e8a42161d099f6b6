#include "text/utf8.hpp"

namespace om::text {

std::optional<std::size_t> code_points(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    char32_t cp = 0;
    if (c < 0x80) { len = 1; cp = c; }
    else if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1Fu; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0Fu; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07u; }
    else return std::nullopt;
    if (i + len > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return std::nullopt;
    i += len;
    ++count;
  }
  return count;
}

namespace {
// Length in bytes of a white-space sequence starting at s[i], 0 if none.
std::size_t space_at(std::string_view s, std::size_t i) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return 1;
  if (s.substr(i, 3) == "\xE3\x80\x80") return 3;  // U+3000 ideographic space
  if (s.substr(i, 2) == "\xC2\xA0") return 2;      // U+00A0 no-break space
  return 0;
}
std::size_t space_ending_at(std::string_view s, std::size_t end) {
  if (end >= 1) {
    const char c = s[end - 1];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return 1;
  }
  if (end >= 3 && s.substr(end - 3, 3) == "\xE3\x80\x80") return 3;
  if (end >= 2 && s.substr(end - 2, 2) == "\xC2\xA0") return 2;
  return 0;
}
}  // namespace

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e) {
    const auto n = space_at(s, b);
    if (n == 0) break;
    b += n;
  }
  while (e > b) {
    const auto n = space_ending_at(s.substr(0, e), e);
    if (n == 0) break;
    e -= n;
  }
  return std::string(s.substr(b, e - b));
}

std::string like_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace om::text
