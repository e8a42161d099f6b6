#include "install/installer.hpp"

#include "install/manifest.hpp"

#include <algorithm>
#include <stdexcept>

namespace om::install {
namespace {

template <class T>
void add_unique(std::vector<T>& v, const T& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

std::vector<std::string> origins(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const auto& id : ids) out.push_back(origin_for(id));
  return out;
}

std::string file_name(Os os, const std::string& path) {
  const auto dir = parent_of(os, path);
  return dir.empty() ? path : path.substr(dir.size() + 1);
}

}  // namespace

void Installer::ensure_directory(const std::string& dir, InstallRecord& record) {
  if (dir.empty() || io_.is_directory(dir)) return;
  const auto parent = parent_of(platform_.os, dir);
  if (parent != dir) ensure_directory(parent, record);
  io_.create_directory(dir);
  add_unique(record.created_dirs, dir);
}

void Installer::write_manifest(const std::string& file, const std::string& exe, const std::vector<std::string>& ids) {
  io_.write_file(file, to_json(Manifest{exe, origins(ids)}).dump(2) + "\n");
}

Report Installer::install(const InstallOptions& options) {
  Report report;
  const auto os = platform_.os;
  if (options.exe.empty()) throw std::invalid_argument("the host executable path is unknown");

  // Start from the previous record so uninstall removes the union of every install.
  InstallRecord record = load_record(io_, record_path(options.scope)).value_or(InstallRecord{});
  record.scope = options.scope;
  record.exe = options.exe;
  std::vector<std::string> ids = options.extension_ids;
  if (ids.empty()) ids.emplace_back(kDefaultExtensionId);
  for (const auto& id : ids)
    if (!is_valid_extension_id(id)) throw std::invalid_argument("not an extension ID (32 letters a-p): " + id);
  record.extension_ids = ids;

  auto browsers = options.browsers;
  if (browsers.empty()) browsers.assign(std::begin(kAllBrowsers), std::end(kAllBrowsers));
  for (auto browser : browsers) {
    const auto loc = manifest_location(os, options.scope, browser, platform_.roots);
    ensure_directory(parent_of(os, loc.file), record);
    write_manifest(loc.file, options.exe, ids);
    if (loc.registry) io_.set_registry_default(*loc.registry, loc.file);
    add_unique(record.manifests, WrittenManifest{browser, loc.file, loc.registry});
    report.lines.push_back(std::string(name(browser)) + ": " + loc.file +
                           (loc.registry ? " (registry " + loc.registry->hive + "\\" + loc.registry->key + ")" : ""));
  }

  if (!options.models_from.empty()) install_models(options.models_from, options.scope, record, report);

  const auto rec = record_path(options.scope);
  ensure_directory(parent_of(os, rec), record);
  io_.write_file(rec, serialize(record));
  report.lines.push_back("record: " + rec);
  return report;
}

void Installer::install_models(const std::string& from, Scope scope, InstallRecord& record, Report& report) {
  const auto os = platform_.os;
  const auto to = models_dir(os, scope, platform_.roots);
  if (io_.canonical(from) == io_.canonical(to)) {
    report.lines.push_back("models: already in place at " + to);
    return;
  }
  const auto files = io_.is_directory(from) ? io_.list_files(from) : std::vector<std::string>{};
  if (files.empty()) {
    report.warnings.push_back("models not installed: none found in " + from +
                              " (not built yet? build the models, or pass --models-from DIR, then run install again)");
    return;
  }
  ensure_directory(to, record);
  for (const auto& f : files) {
    const auto dest = join(os, to, {file_name(os, f)});
    io_.copy_file(f, dest);
    add_unique(record.model_files, dest);
  }
  record.models_dir = to;
  report.lines.push_back("models: " + std::to_string(files.size()) + " file(s) -> " + to);
}

Report Installer::uninstall(const UninstallOptions& options) {
  Report report;
  const auto rec_file = record_path(options.scope);
  const auto record = load_record(io_, rec_file);
  if (!record) {
    if (io_.exists(rec_file)) {
      report.ok = false;
      report.lines.push_back("the install record " + rec_file + " is unreadable; nothing removed (remove it by hand)");
      return report;
    }
    report.lines.push_back(std::string("nothing recorded for the ") + std::string(name(options.scope)) +
                           " scope (" + rec_file + "); nothing to remove");
  } else {
    for (const auto& m : record->manifests) {
      // Only remove a manifest that is still ours (same host name).
      const auto text = io_.read_file(m.file);
      if (text && parse_manifest(*text) && io_.remove_file(m.file)) report.lines.push_back("removed " + m.file);
      if (m.registry && io_.registry_default(*m.registry) == m.file && io_.delete_registry_key(*m.registry))
        report.lines.push_back("removed registry key " + m.registry->hive + "\\" + m.registry->key);
    }
    for (const auto& f : record->model_files)
      if (io_.remove_file(f)) report.lines.push_back("removed " + f);
    io_.remove_file(rec_file);
    report.lines.push_back("removed " + rec_file);
    // Deepest first; a directory someone else put files into stays.
    for (auto it = record->created_dirs.rbegin(); it != record->created_dirs.rend(); ++it) io_.remove_directory_if_empty(*it);
  }
  if (options.purge) {
    const auto state = options.scope == Scope::User ? platform_.roots.user_state : parent_of(platform_.os, rec_file);
    if (!state.empty() && io_.exists(state)) {
      io_.remove_all(state);
      report.lines.push_back("purged " + state);
    }
  }
  return report;
}

int Installer::repair(Scope scope, const std::string& exe) {
  const auto rec_file = record_path(scope);
  auto record = load_record(io_, rec_file);
  if (!record || exe.empty()) return 0;
  int rewritten = 0;
  for (const auto& m : record->manifests) {
    const auto text = io_.read_file(m.file);
    if (!text) continue;  // removed by the user or another tool: respect that
    const auto manifest = parse_manifest(*text);
    if (!manifest || manifest->path == exe) continue;
    if (io_.is_executable_file(manifest->path)) continue;  // another live install owns it
    write_manifest(m.file, exe, record->extension_ids.empty() ? std::vector<std::string>{std::string(kDefaultExtensionId)}
                                                              : record->extension_ids);
    if (m.registry && io_.registry_default(*m.registry) != m.file) io_.set_registry_default(*m.registry, m.file);
    ++rewritten;
  }
  if (rewritten > 0) {
    record->exe = exe;
    io_.write_file(rec_file, serialize(*record));
  }
  return rewritten;
}

}  // namespace om::install
