// The browser x OS x scope table: every documented location, exactly.
#include "install/locations.hpp"
#include "install/manifest.hpp"

#include "fake_system_io.hpp"

#include <gtest/gtest.h>

namespace om::install {
namespace {
using testing::fake_roots;

const std::string kFile = "life.cloudoffice.officemates.json";

TEST(Locations, LinuxPerUser) {
  const auto r = fake_roots(Os::Linux);
  EXPECT_EQ(manifest_location(Os::Linux, Scope::User, Browser::Chrome, r).file,
            "/home/ann/.config/google-chrome/NativeMessagingHosts/" + kFile);
  EXPECT_EQ(manifest_location(Os::Linux, Scope::User, Browser::Chromium, r).file,
            "/home/ann/.config/chromium/NativeMessagingHosts/" + kFile);
  EXPECT_EQ(manifest_location(Os::Linux, Scope::User, Browser::Edge, r).file,
            "/home/ann/.config/microsoft-edge/NativeMessagingHosts/" + kFile);
  for (const auto& loc : manifest_locations(Os::Linux, Scope::User, r)) EXPECT_FALSE(loc.registry);
}

TEST(Locations, LinuxHonoursXdgConfigHome) {
  auto r = fake_roots(Os::Linux);
  r.config_home = "/srv/cfg";
  EXPECT_EQ(manifest_location(Os::Linux, Scope::User, Browser::Chrome, r).file,
            "/srv/cfg/google-chrome/NativeMessagingHosts/" + kFile);
}

TEST(Locations, LinuxSystemWideAndStagedRoot) {
  auto r = fake_roots(Os::Linux);
  EXPECT_EQ(manifest_location(Os::Linux, Scope::System, Browser::Chrome, r).file,
            "/etc/opt/chrome/native-messaging-hosts/" + kFile);
  EXPECT_EQ(manifest_location(Os::Linux, Scope::System, Browser::Chromium, r).file,
            "/etc/chromium/native-messaging-hosts/" + kFile);
  EXPECT_EQ(manifest_location(Os::Linux, Scope::System, Browser::Edge, r).file,
            "/etc/opt/edge/native-messaging-hosts/" + kFile);
  r.system_root = "/tmp/stage";
  EXPECT_EQ(manifest_location(Os::Linux, Scope::System, Browser::Edge, r).file,
            "/tmp/stage/etc/opt/edge/native-messaging-hosts/" + kFile);
  EXPECT_EQ(models_dir(Os::Linux, Scope::System, r), "/tmp/stage/usr/share/officemates/models");
  EXPECT_EQ(record_file(Os::Linux, Scope::System, r), "/tmp/stage/var/lib/officemates/install-record.json");
}

TEST(Locations, MacOS) {
  const auto r = fake_roots(Os::MacOS);
  EXPECT_EQ(manifest_location(Os::MacOS, Scope::User, Browser::Chrome, r).file,
            "/Users/ann/Library/Application Support/Google/Chrome/NativeMessagingHosts/" + kFile);
  EXPECT_EQ(manifest_location(Os::MacOS, Scope::User, Browser::Chromium, r).file,
            "/Users/ann/Library/Application Support/Chromium/NativeMessagingHosts/" + kFile);
  EXPECT_EQ(manifest_location(Os::MacOS, Scope::User, Browser::Edge, r).file,
            "/Users/ann/Library/Application Support/Microsoft Edge/NativeMessagingHosts/" + kFile);
  EXPECT_EQ(manifest_location(Os::MacOS, Scope::System, Browser::Chrome, r).file,
            "/Library/Google/Chrome/NativeMessagingHosts/" + kFile);
  EXPECT_EQ(manifest_location(Os::MacOS, Scope::System, Browser::Chromium, r).file,
            "/Library/Application Support/Chromium/NativeMessagingHosts/" + kFile);
  EXPECT_EQ(manifest_location(Os::MacOS, Scope::System, Browser::Edge, r).file,
            "/Library/Microsoft/Edge/NativeMessagingHosts/" + kFile);
  EXPECT_EQ(models_dir(Os::MacOS, Scope::User, r), "/Users/ann/Library/Application Support/OfficeMates/models");
}

TEST(Locations, WindowsUsesRegistryKeysPointingAtOurFiles) {
  const auto r = fake_roots(Os::Windows);
  const auto chrome = manifest_location(Os::Windows, Scope::User, Browser::Chrome, r);
  EXPECT_EQ(chrome.file, "C:\\Users\\ann\\AppData\\Local\\OfficeMates\\NativeMessagingHosts\\chrome\\" + kFile);
  ASSERT_TRUE(chrome.registry);
  EXPECT_EQ(chrome.registry->hive, "HKCU");
  EXPECT_EQ(chrome.registry->key, "Software\\Google\\Chrome\\NativeMessagingHosts\\life.cloudoffice.officemates");
  const auto edge = manifest_location(Os::Windows, Scope::System, Browser::Edge, r);
  EXPECT_EQ(edge.file, "C:\\ProgramData\\OfficeMates\\NativeMessagingHosts\\edge\\" + kFile);
  ASSERT_TRUE(edge.registry);
  EXPECT_EQ(edge.registry->hive, "HKLM");
  EXPECT_EQ(edge.registry->key, "Software\\Microsoft\\Edge\\NativeMessagingHosts\\life.cloudoffice.officemates");
  EXPECT_EQ(manifest_location(Os::Windows, Scope::User, Browser::Chromium, r).registry->key,
            "Software\\Chromium\\NativeMessagingHosts\\life.cloudoffice.officemates");
  EXPECT_EQ(record_file(Os::Windows, Scope::System, r), "C:\\ProgramData\\OfficeMates\\install-record.json");
}

TEST(Locations, MissingEnvironmentIsAnErrorNotARelativePath) {
  Roots r = fake_roots(Os::Windows);
  r.local_app_data.clear();
  EXPECT_THROW(manifest_location(Os::Windows, Scope::User, Browser::Chrome, r), std::runtime_error);
}

TEST(Locations, JoinAndParent) {
  EXPECT_EQ(join(Os::Linux, "/", {"etc", "x"}), "/etc/x");
  EXPECT_EQ(join(Os::Linux, "/a/", {"b"}), "/a/b");
  EXPECT_EQ(join(Os::Windows, "C:\\A", {"b", "c"}), "C:\\A\\b\\c");
  EXPECT_EQ(parent_of(Os::Linux, "/a/b"), "/a");
  EXPECT_EQ(parent_of(Os::Linux, "/a"), "/");
  EXPECT_EQ(parent_of(Os::Windows, "C:\\A\\b"), "C:\\A");
}

TEST(Manifest, IdsAndOrigins) {
  EXPECT_TRUE(is_valid_extension_id(kDefaultExtensionId));
  EXPECT_FALSE(is_valid_extension_id("dkkcednaiplllonaknmddgahkiahlklz"));
  EXPECT_FALSE(is_valid_extension_id("short"));
  EXPECT_EQ(origin_for("abc"), "chrome-extension://abc/");
}

TEST(Manifest, RoundTripAndForeignFilesAreNotOurs) {
  const auto j = to_json(Manifest{"/usr/bin/officemates-host", {origin_for(kDefaultExtensionId)}});
  EXPECT_EQ(j["type"], "stdio");
  EXPECT_EQ(j["name"], "life.cloudoffice.officemates");
  const auto m = parse_manifest(j.dump());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->path, "/usr/bin/officemates-host");
  EXPECT_FALSE(parse_manifest("{not json"));
  EXPECT_FALSE(parse_manifest(R"({"name":"other.host","path":"/x"})"));
}

}  // namespace
}  // namespace om::install
