#include "install/install_record.hpp"

#include <nlohmann/json.hpp>

namespace om::install {
using nlohmann::json;

std::string serialize(const InstallRecord& r) {
  json manifests = json::array();
  for (const auto& m : r.manifests) {
    json e{{"browser", name(m.browser)}, {"file", m.file}};
    if (m.registry) e["registry"] = {{"hive", m.registry->hive}, {"key", m.registry->key}};
    manifests.push_back(std::move(e));
  }
  const json j{{"version", 1},
               {"scope", name(r.scope)},
               {"exe", r.exe},
               {"extension_ids", r.extension_ids},
               {"manifests", manifests},
               {"created_dirs", r.created_dirs},
               {"models_dir", r.models_dir},
               {"model_files", r.model_files}};
  return j.dump(2) + "\n";
}

std::optional<InstallRecord> parse_record(const std::string& text) {
  try {
    const auto j = json::parse(text);
    if (j.at("version").get<int>() != 1) return std::nullopt;
    InstallRecord r;
    auto scope = parse_scope(j.at("scope").get<std::string>());
    if (!scope) return std::nullopt;
    r.scope = *scope;
    r.exe = j.at("exe").get<std::string>();
    r.extension_ids = j.value("extension_ids", std::vector<std::string>{});
    for (const auto& e : j.at("manifests")) {
      auto browser = parse_browser(e.at("browser").get<std::string>());
      if (!browser) return std::nullopt;
      WrittenManifest m{*browser, e.at("file").get<std::string>(), std::nullopt};
      if (auto reg = e.find("registry"); reg != e.end())
        m.registry = RegistryKey{reg->at("hive").get<std::string>(), reg->at("key").get<std::string>()};
      r.manifests.push_back(std::move(m));
    }
    r.created_dirs = j.value("created_dirs", std::vector<std::string>{});
    r.models_dir = j.value("models_dir", std::string{});
    r.model_files = j.value("model_files", std::vector<std::string>{});
    return r;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::optional<InstallRecord> load_record(SystemIo& io, const std::string& file) {
  auto text = io.read_file(file);
  if (!text) return std::nullopt;
  return parse_record(*text);
}

}  // namespace om::install
