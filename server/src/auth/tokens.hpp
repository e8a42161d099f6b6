#pragma once
// Bearer secrets (session cookies, device tokens, console tickets): 32 random
// bytes, base64url. Only their SHA-256 is stored, so a leaked database does
// not hand out live credentials.
#include <string>
#include <string_view>

namespace om::auth {

std::string random_token(std::string_view prefix = "");
std::string token_hash(std::string_view token);  // hex SHA-256
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace om::auth
