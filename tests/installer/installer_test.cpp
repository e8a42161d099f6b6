// install / uninstall / repair on a fake machine, for each OS's paths.
#include "install/doctor_manifests.hpp"
#include "install/installer.hpp"
#include "install/manifest.hpp"

#include "fake_system_io.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace om::install {
namespace {
using testing::FakeSystemIo;
using testing::fake_roots;

struct Machine {
  explicit Machine(Os os_) : os(os_), io(os_), roots(fake_roots(os_)) {
    for (const auto& d : {roots.home, roots.config_home, roots.data_home, roots.local_app_data, roots.program_data})
      if (!d.empty()) io.add_existing_dir(d);
    if (os != Os::Windows) io.add_existing_dir("/");
    exe = os == Os::Windows ? "C:\\Program Files\\OfficeMates\\officemates-host.exe" : "/opt/om/bin/officemates-host";
    io.add_existing_dir(parent_of(os, exe));
    io.files[exe] = "ELF";
    io.executables.insert(exe);
  }
  Installer installer() { return Installer(io, Platform{os, roots}); }
  Os os;
  FakeSystemIo io;
  Roots roots;
  std::string exe;
};

class InstallerOnEachOs : public ::testing::TestWithParam<Os> {};

TEST_P(InstallerOnEachOs, InstallWritesEveryBrowserThenUninstallRestoresTheMachine) {
  Machine m(GetParam());
  const auto files_before = m.io.files;
  const auto dirs_before = m.io.dirs;

  InstallOptions o;
  o.exe = m.exe;
  const auto report = m.installer().install(o);
  EXPECT_TRUE(report.ok);

  for (const auto& loc : manifest_locations(m.os, Scope::User, m.roots)) {
    ASSERT_TRUE(m.io.files.contains(loc.file)) << loc.file;
    const auto j = nlohmann::json::parse(m.io.files[loc.file]);
    EXPECT_EQ(j["name"], "life.cloudoffice.officemates");
    EXPECT_EQ(j["type"], "stdio");
    EXPECT_EQ(j["path"], m.exe);
    EXPECT_EQ(j["allowed_origins"], nlohmann::json::array({"chrome-extension://dkkcednaiplllonaknmddgahkiahlkli/"}));
    EXPECT_FALSE(j["description"].get<std::string>().empty());
    if (m.os == Os::Windows) {
      ASSERT_TRUE(loc.registry);
      EXPECT_EQ(m.io.registry_default(*loc.registry), loc.file);
    }
  }
  EXPECT_TRUE(m.io.files.contains(record_file(m.os, Scope::User, m.roots)));
  // The doctor agrees on a fake machine, registry included.
  for (const auto& r : check_manifests(m.io, Platform{m.os, m.roots})) EXPECT_EQ(r.status, CheckStatus::ok) << r.detail;

  EXPECT_TRUE(m.installer().uninstall({}).ok);
  EXPECT_EQ(m.io.files, files_before);
  EXPECT_EQ(m.io.dirs, dirs_before);
  EXPECT_TRUE(m.io.registry.empty());
}

TEST_P(InstallerOnEachOs, SystemScopeUsesSystemLocations) {
  Machine m(GetParam());
  InstallOptions o;
  o.exe = m.exe;
  o.scope = Scope::System;
  o.browsers = {Browser::Edge};
  m.installer().install(o);
  const auto loc = manifest_location(m.os, Scope::System, Browser::Edge, m.roots);
  EXPECT_TRUE(m.io.files.contains(loc.file));
  EXPECT_FALSE(m.io.files.contains(manifest_location(m.os, Scope::System, Browser::Chrome, m.roots).file));
  if (m.os == Os::Windows) {
    EXPECT_EQ(m.io.registry.begin()->first.substr(0, 5), "HKLM\\");
  }
  EXPECT_TRUE(m.installer().uninstall({Scope::System, false}).ok);
  EXPECT_FALSE(m.io.files.contains(loc.file));
  EXPECT_TRUE(m.io.registry.empty());
}

TEST_P(InstallerOnEachOs, RepairRewritesOnlyManifestsWhoseBinaryIsGone) {
  Machine m(GetParam());
  InstallOptions o;
  o.exe = m.exe;
  o.extension_ids = {"aaaabbbbccccddddeeeeffffgggghhhh"};
  m.installer().install(o);

  // Still there: a second copy (dev build) starting must not steal the manifests.
  const auto other = parent_of(m.os, m.exe) + (m.os == Os::Windows ? "\\new-host.exe" : "/new-host");
  m.io.files[other] = "ELF";
  m.io.executables.insert(other);
  EXPECT_EQ(m.installer().repair(Scope::User, other), 0);

  // The update moved the binary: every manifest follows, origins kept.
  m.io.files.erase(m.exe);
  EXPECT_EQ(m.installer().repair(Scope::User, other), 3);
  for (const auto& loc : manifest_locations(m.os, Scope::User, m.roots)) {
    const auto j = nlohmann::json::parse(m.io.files[loc.file]);
    EXPECT_EQ(j["path"], other);
    EXPECT_EQ(j["allowed_origins"], nlohmann::json::array({"chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/"}));
  }
  EXPECT_EQ(m.installer().repair(Scope::User, other), 0);  // idempotent
  EXPECT_EQ(m.installer().repair(Scope::System, other), 0);  // nothing recorded there
}

TEST_P(InstallerOnEachOs, ModelsAreCopiedAndRemoved) {
  Machine m(GetParam());
  const auto built = m.os == Os::Windows ? std::string("C:\\build\\data\\models") : std::string("/build/data/models");
  m.io.add_existing_dir(built);
  m.io.files[join(m.os, built, {"a.dat"})] = "AAAA";
  m.io.files[join(m.os, built, {"b.dat"})] = "BBBB";
  InstallOptions o;
  o.exe = m.exe;
  o.models_from = built;
  const auto report = m.installer().install(o);
  EXPECT_TRUE(report.warnings.empty());
  const auto dest = models_dir(m.os, Scope::User, m.roots);
  EXPECT_EQ(m.io.files[join(m.os, dest, {"a.dat"})], "AAAA");
  EXPECT_EQ(m.io.files[join(m.os, dest, {"b.dat"})], "BBBB");
  m.installer().uninstall({});
  EXPECT_FALSE(m.io.exists(dest));
  EXPECT_TRUE(m.io.exists(join(m.os, built, {"a.dat"})));
}

TEST_P(InstallerOnEachOs, ModelsNotBuiltYetIsAWarningNotAFailure) {
  Machine m(GetParam());
  InstallOptions o;
  o.exe = m.exe;
  o.models_from = m.os == Os::Windows ? "C:\\nowhere" : "/nowhere";
  const auto report = m.installer().install(o);
  EXPECT_TRUE(report.ok);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].find("not built yet"), std::string::npos);
}

TEST_P(InstallerOnEachOs, UninstallKeepsUserStateUnlessPurged) {
  Machine m(GetParam());
  InstallOptions o;
  o.exe = m.exe;
  m.installer().install(o);
  const auto state = join(m.os, m.roots.user_state, {"state.json"});
  m.io.files[state] = "{}";
  m.installer().uninstall({});
  EXPECT_TRUE(m.io.files.contains(state));
  m.installer().install(o);
  m.installer().uninstall({Scope::User, true});
  EXPECT_FALSE(m.io.files.contains(state));
  EXPECT_FALSE(m.io.exists(m.roots.user_state));
}

TEST_P(InstallerOnEachOs, ReinstallAddsToTheRecordAndUninstallRemovesTheUnion) {
  Machine m(GetParam());
  InstallOptions o;
  o.exe = m.exe;
  o.browsers = {Browser::Chrome};
  m.installer().install(o);
  o.browsers = {Browser::Edge};
  m.installer().install(o);
  m.installer().uninstall({});
  for (const auto& loc : manifest_locations(m.os, Scope::User, m.roots)) EXPECT_FALSE(m.io.exists(loc.file));
}

TEST_P(InstallerOnEachOs, DoctorReportsMissingStaleAndForeignOrigin) {
  Machine m(GetParam());
  const Platform p{m.os, m.roots};
  auto results = check_manifests(m.io, p);
  ASSERT_EQ(results.size(), 3u);
  for (const auto& r : results) {
    EXPECT_EQ(r.status, CheckStatus::fail);
    EXPECT_NE(r.fix.find("officemates-host install"), std::string::npos);
  }

  InstallOptions o;
  o.exe = m.exe;
  m.installer().install(o);
  m.io.files.erase(m.exe);  // binary moved away
  results = check_manifests(m.io, p);
  for (const auto& r : results) {
    EXPECT_EQ(r.status, CheckStatus::fail);
    EXPECT_NE(r.detail.find("not an executable"), std::string::npos) << r.detail;
  }

  m.io.files[m.exe] = "ELF";
  const auto chrome = manifest_location(m.os, Scope::User, Browser::Chrome, m.roots).file;
  m.io.files[chrome] = to_json(Manifest{m.exe, {"chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/"}}).dump();
  results = check_manifests(m.io, p);
  EXPECT_EQ(results[0].id, "manifest.chrome");
  EXPECT_EQ(results[0].status, CheckStatus::fail);
  EXPECT_NE(results[0].detail.find("allowed_origins"), std::string::npos);
  EXPECT_EQ(results[1].status, CheckStatus::ok);
}

INSTANTIATE_TEST_SUITE_P(AllOs, InstallerOnEachOs, ::testing::Values(Os::Linux, Os::MacOS, Os::Windows),
                         [](const ::testing::TestParamInfo<Os>& p) { return std::string(name(p.param)); });

TEST(Installer, RejectsBadExtensionIdsAndMissingExe) {
  Machine m(Os::Linux);
  InstallOptions o;
  EXPECT_THROW(m.installer().install(o), std::invalid_argument);
  o.exe = m.exe;
  o.extension_ids = {"NOT-AN-ID"};
  EXPECT_THROW(m.installer().install(o), std::invalid_argument);
}

TEST(Installer, UninstallWithoutRecordTouchesNothing) {
  Machine m(Os::Linux);
  const auto chrome = manifest_location(Os::Linux, Scope::User, Browser::Chrome, m.roots).file;
  m.io.add_existing_dir(parent_of(Os::Linux, chrome));
  m.io.files[chrome] = to_json(Manifest{"/somewhere/else", {}}).dump();  // written by someone else
  const auto report = m.installer().uninstall({});
  EXPECT_TRUE(report.ok);
  EXPECT_TRUE(m.io.files.contains(chrome));
}

TEST(Installer, CorruptRecordFailsWithoutDeletingAnything) {
  Machine m(Os::Linux);
  InstallOptions o;
  o.exe = m.exe;
  m.installer().install(o);
  const auto rec = record_file(Os::Linux, Scope::User, m.roots);
  m.io.files[rec] = "{garbage";
  const auto files = m.io.files;
  EXPECT_FALSE(m.installer().uninstall({}).ok);
  EXPECT_EQ(m.io.files, files);
}

}  // namespace
}  // namespace om::install
