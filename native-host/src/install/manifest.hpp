#pragma once
// The native messaging host manifest: what the browser reads to find and
// authorise officemates-host.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace om::install {

inline constexpr std::string_view kHostName = "life.cloudoffice.officemates";
inline constexpr std::string_view kHostDescription = "OfficeMates presence host";
// Stable through the extension manifest's "key".
inline constexpr std::string_view kDefaultExtensionId = "dkkcednaiplllonaknmddgahkiahlkli";

// Extension IDs are 32 letters a-p (a hex SHA-256 prefix mapped 0-f -> a-p).
bool is_valid_extension_id(std::string_view id);
// "chrome-extension://<id>/", the form allowed_origins and argv[1] use.
std::string origin_for(std::string_view extension_id);

struct Manifest {
  std::string path;                  // absolute path of officemates-host
  std::vector<std::string> allowed_origins;
};

nlohmann::json to_json(const Manifest& m);
// Parses a manifest written by anyone. nullopt when it is not JSON, not our
// host name, or lacks a string path: callers treat such a file as not ours.
std::optional<Manifest> parse_manifest(std::string_view text);

}  // namespace om::install
