#pragma once
// Text rules shared by every validator: the manual counts characters as a
// person sees them (休憩中 is 3), so lengths are Unicode code points, and
// input is trimmed of ASCII and ideographic (U+3000) white space first.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace om::text {

// Number of code points, or nullopt when the bytes are not valid UTF-8.
std::optional<std::size_t> code_points(std::string_view s);

// Removes leading/trailing white space incl. U+3000 and U+00A0.
std::string trim(std::string_view s);

// Escapes % _ and \ for a LIKE pattern used with ESCAPE '\'.
std::string like_escape(std::string_view s);

}  // namespace om::text
