#pragma once
// Durable JSON files: atomic replace (temp file, fsync, rename, fsync dir) and
// corrupt-file quarantine (moved aside as <name>.corrupt-<time>, never deleted).
#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace om::store {

// Writes `content` so that a crash at any point leaves either the old or the
// new file, never a mix. Mode 0600.
void write_file_atomic(const std::filesystem::path& path, const std::string& content);

struct LoadResult {
  std::optional<nlohmann::json> value;         // nullopt: missing or corrupt
  std::optional<std::filesystem::path> moved;  // where a corrupt file went
};
// Reads and parses; a file that is not valid JSON (or not an object) is moved
// aside with a logged warning and reported through `moved`.
LoadResult load_json_file(const std::filesystem::path& path);

// Appends one line and fsyncs (outbox.jsonl).
void append_line_durable(const std::filesystem::path& path, const std::string& line);

}  // namespace om::store
