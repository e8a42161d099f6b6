#include "store/state_store.hpp"

#include "store/json_file.hpp"

#include <spdlog/spdlog.h>

namespace om::store {

StateStore::StateStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

PersistedState StateStore::load() {
  PersistedState out;
  auto loaded = load_json_file(file());
  recovered_from_ = loaded.moved;
  if (!loaded.value) return out;
  const auto& j = *loaded.value;
  // Each section is independent: a bad one falls back to its defaults alone,
  // so a damaged settings block never costs the user their away reason.
  try {
    if (j.contains("status")) out.status = presence::status_from_json(j.at("status"));
  } catch (const std::exception& e) {
    spdlog::warn("state.json: status unreadable ({}); using defaults", e.what());
  }
  try {
    if (j.contains("settings")) out.settings = apply_settings_patch(Settings{}, j.at("settings"));
  } catch (const std::exception& e) {
    spdlog::warn("state.json: settings unreadable ({}); using defaults", e.what());
  }
  if (auto it = j.find("server"); it != j.end() && it->is_object()) out.server = *it;
  return out;
}

void StateStore::save(const PersistedState& state) {
  const nlohmann::json j = {{"version", 1},
                            {"status", presence::to_json(state.status)},
                            {"settings", to_json(state.settings)},
                            {"server", state.server}};
  write_file_atomic(file(), j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace om::store
