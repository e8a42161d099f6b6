#pragma once
// state.json: status, settings and the server account, in one atomically
// replaced file in paths::state_dir(). Browser data clearing never touches it.
#include "presence/status.hpp"
#include "store/settings.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace om::store {

struct PersistedState {
  presence::Status status;
  Settings settings;
  // Owned by the server sync (device token, user, cached reasons); kept as a
  // JSON object so the store does not need to know its shape.
  nlohmann::json server = nlohmann::json::object();
};

class StateStore {
 public:
  explicit StateStore(std::filesystem::path dir);

  // Missing file -> defaults. Corrupt file -> moved aside, defaults, and
  // `recovered_from()` tells where the bad copy went (the agent reports it).
  PersistedState load();
  void save(const PersistedState& state);

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path file() const { return dir_ / "state.json"; }
  const std::optional<std::filesystem::path>& recovered_from() const { return recovered_from_; }

 private:
  std::filesystem::path dir_;
  std::optional<std::filesystem::path> recovered_from_;
};

}  // namespace om::store
