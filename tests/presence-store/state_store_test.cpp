// Durability of state.json: atomic replace, corrupt-file quarantine.
#include "store/json_file.hpp"
#include "store/state_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace fs = std::filesystem;
using namespace om::store;

namespace {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("om-store-" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_raw(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

std::vector<fs::path> corrupt_copies(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".corrupt-") != std::string::npos) out.push_back(e.path());
  return out;
}

TEST(StateStore, MissingFileGivesDefaults) {
  TempDir dir;
  StateStore store(dir.path());
  const auto s = store.load();
  EXPECT_EQ(s.status.state, om::presence::State::offline);
  EXPECT_EQ(s.settings, Settings{});
  EXPECT_FALSE(store.recovered_from());
}

TEST(StateStore, SavesAndLoadsEverything) {
  TempDir dir;
  StateStore store(dir.path());
  PersistedState s;
  s.status.state = om::presence::State::away_manual;
  s.status.origin = om::presence::Origin::manual;
  s.status.reason = "休憩中";
  s.status.seq = 9;
  s.settings.away_after_s = 45;
  s.server = {{"token", "abc"}};
  store.save(s);
  const auto back = StateStore(dir.path()).load();
  EXPECT_EQ(back.status, s.status);
  EXPECT_EQ(back.settings, s.settings);
  EXPECT_EQ(back.server, s.server);
  EXPECT_FALSE(fs::exists(dir.path() / "state.json.tmp"));
  EXPECT_EQ(fs::status(store.file()).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
}

TEST(StateStore, CorruptFileIsMovedAsideAndDefaultsUsed) {
  TempDir dir;
  write_raw(dir.path() / "state.json", "{\"status\": {\"state\": \"away_ma");
  StateStore store(dir.path());
  const auto s = store.load();
  EXPECT_EQ(s.status.state, om::presence::State::offline);
  ASSERT_TRUE(store.recovered_from());
  EXPECT_TRUE(fs::exists(*store.recovered_from()));
  EXPECT_FALSE(fs::exists(store.file()));
  EXPECT_EQ(corrupt_copies(dir.path()).size(), 1u) << "the bad copy is kept for inspection, not deleted";
}

TEST(StateStore, NonObjectAndBinaryGarbageAreCorrupt) {
  for (const std::string& garbage : {std::string("[1,2,3]"), std::string("\x00\xFF\xFE garbage", 11), std::string()}) {
    TempDir dir;
    write_raw(dir.path() / "state.json", garbage);
    StateStore store(dir.path());
    store.load();
    EXPECT_TRUE(store.recovered_from()) << "content: " << garbage;
  }
}

TEST(StateStore, OneBadSectionDoesNotCostTheOthers) {
  TempDir dir;
  write_raw(dir.path() / "state.json",
            R"({"status":{"state":"away_manual","origin":"manual","reason":"昼食中","seq":5},"settings":{"away_after_s":"x"}})");
  const auto s = StateStore(dir.path()).load();
  EXPECT_EQ(s.status.reason, "昼食中");
  EXPECT_EQ(s.settings, Settings{});
}

TEST(StateStore, LeftoverTempFileFromACrashIsIgnored) {
  TempDir dir;
  StateStore store(dir.path());
  PersistedState s;
  s.status.seq = 3;
  store.save(s);
  write_raw(dir.path() / "state.json.tmp", "{\"half");  // crash between write and rename
  EXPECT_EQ(StateStore(dir.path()).load().status.seq, 3);
  s.status.seq = 4;
  store.save(s);  // the next save replaces the stale temp file
  EXPECT_EQ(StateStore(dir.path()).load().status.seq, 4);
}

TEST(JsonFile, AppendLineIsDurableAndOrdered) {
  TempDir dir;
  const auto p = dir.path() / "outbox.jsonl";
  append_line_durable(p, R"({"seq":1})");
  append_line_durable(p, R"({"seq":2})");
  std::ifstream in(p);
  std::string a, b;
  std::getline(in, a);
  std::getline(in, b);
  EXPECT_EQ(a, R"({"seq":1})");
  EXPECT_EQ(b, R"({"seq":2})");
}

TEST(JsonFile, WriteIntoMissingDirectoryCreatesIt) {
  TempDir dir;
  const auto p = dir.path() / "a" / "b" / "f.json";
  write_file_atomic(p, "{}");
  EXPECT_TRUE(load_json_file(p).value);
}

}  // namespace
