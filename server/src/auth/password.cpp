#include "auth/password.hpp"

#include <sodium.h>

#include <stdexcept>

namespace om::auth {

void init_crypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium initialisation failed");
}

std::string hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  constexpr unsigned long long kOpsLimit = 2;
  constexpr std::size_t kMemLimit = 32u * 1024 * 1024;
  if (crypto_pwhash_str(out, password.data(), password.size(), kOpsLimit, kMemLimit) != 0)
    throw std::runtime_error("crypto_pwhash_str: out of memory");
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace om::auth
