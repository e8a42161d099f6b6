#pragma once
// Password hashing with libsodium's Argon2id (crypto_pwhash_str).
// Limits: opslimit 2, memlimit 64 MiB (libsodium's INTERACTIVE preset) —
// measured ≈ 50–100 ms per hash/verify on this 2-core machine, which keeps
// login responsive while costing an attacker 64 MiB per guess.
#include <string>
#include <string_view>

namespace om::auth {

void init_crypto();  // sodium_init; call once at start
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

}  // namespace om::auth
