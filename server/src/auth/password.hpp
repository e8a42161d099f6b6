#pragma once
// Password hashing with libsodium's Argon2id (crypto_pwhash_str).
// Limits: opslimit 2, memlimit 32 MiB. Measured on the 2-core dev machine
// while ~7 builds ran (load ≈ 11): 16 MiB 56 ms, 32 MiB 117 ms, 64 MiB
// (libsodium INTERACTIVE) 244 ms per hash; unloaded roughly a third of that.
// 32 MiB keeps login ≈ 50–100 ms on a normal day while every guess costs an
// attacker 32 MiB and two passes. Stored hashes carry their own parameters,
// so the limits can be raised later without breaking existing logins.
#include <string>
#include <string_view>

namespace om::auth {

void init_crypto();  // sodium_init; call once at start
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

}  // namespace om::auth
