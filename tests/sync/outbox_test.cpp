#include "sync/outbox.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;
using om::sync::Outbox;
using om::sync::OutboxEntry;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("om-outbox-" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

OutboxEntry entry(std::int64_t seq, std::string state = "present", std::string reason = "") {
  OutboxEntry e;
  e.seq = seq;
  e.state = std::move(state);
  e.reason = std::move(reason);
  e.since_ms = 1'780'000'000'000 + seq;
  e.origin = reason.empty() ? "auto" : "manual";
  return e;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(Outbox, EntryMatchesTheServersPresenceBody) {
  om::presence::Status s;
  s.state = om::presence::State::away_manual;
  s.origin = om::presence::Origin::manual;
  s.reason = "昼食中";
  s.seq = 7;
  s.since_ms = 1'780'000'000'123;
  const auto j = OutboxEntry::from_status(s).to_json();
  EXPECT_EQ(j, (nlohmann::json{{"seq", 7}, {"state", "away_manual"}, {"reason", "昼食中"},
                               {"since", 1'780'000'000'123}, {"origin", "manual"}}));
  s.state = om::presence::State::present;  // a stale reason is never sent with another state
  EXPECT_EQ(OutboxEntry::from_status(s).to_json()["reason"], "");
}

TEST(Outbox, AppendsDurablyAndSurvivesReload) {
  TempDir d;
  const auto file = d.path / "outbox.jsonl";
  {
    Outbox o(file, 100);
    o.load();
    o.append(entry(1));
    o.append(entry(2, "away_manual", "休憩中"));
    o.append(entry(3, "away"));
  }
  // A fresh process (as after kill -9) sees exactly what was appended, in order.
  Outbox again(file, 100);
  const auto rep = again.load();
  EXPECT_EQ(rep.loaded, 3u);
  ASSERT_EQ(again.size(), 3u);
  EXPECT_EQ(again.entries()[0], entry(1));
  EXPECT_EQ(again.entries()[1], entry(2, "away_manual", "休憩中"));
  EXPECT_EQ(again.entries()[2], entry(3, "away"));
}

TEST(Outbox, RemovingTheFrontRewritesAtomicallyAndOnlyTheFront) {
  TempDir d;
  const auto file = d.path / "outbox.jsonl";
  Outbox o(file, 100);
  for (int i = 1; i <= 3; ++i) o.append(entry(i));
  o.remove_front(2);  // not the front: ignored (strict order)
  EXPECT_EQ(o.size(), 3u);
  o.remove_front(1);
  EXPECT_EQ(o.size(), 2u);
  Outbox again(file, 100);
  again.load();
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again.entries().front().seq, 2);
  o.remove_front(2);
  o.remove_front(3);
  EXPECT_FALSE(fs::exists(file)) << "an empty outbox leaves no file";
  EXPECT_FALSE(fs::exists(file.string() + ".tmp"));
}

TEST(Outbox, BoundKeepsTheNewestInOrder) {
  TempDir d;
  const auto file = d.path / "outbox.jsonl";
  Outbox o(file, 5);
  for (int i = 1; i <= 12; ++i) o.append(entry(i));
  ASSERT_EQ(o.size(), 5u);
  EXPECT_EQ(o.dropped(), 7u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(o.entries()[i].seq, static_cast<std::int64_t>(8 + i));
  Outbox again(file, 5);
  again.load();
  ASSERT_EQ(again.size(), 5u);
  EXPECT_EQ(again.entries().front().seq, 8);
  // A smaller bound at the next start trims the file too.
  Outbox smaller(file, 2);
  smaller.load();
  ASSERT_EQ(smaller.size(), 2u);
  EXPECT_EQ(smaller.entries().front().seq, 11);
}

TEST(Outbox, TornLastLineAfterACrashIsSkippedAndTheFileRepaired) {
  TempDir d;
  const auto file = d.path / "outbox.jsonl";
  {
    std::ofstream out(file);
    out << entry(1).to_json().dump() << "\n" << entry(2).to_json().dump() << "\n" << R"({"seq":3,"sta)";
  }
  Outbox o(file, 100);
  const auto rep = o.load();
  EXPECT_EQ(rep.loaded, 2u);
  EXPECT_EQ(rep.skipped, 1u);
  o.append(entry(4));
  Outbox again(file, 100);
  EXPECT_EQ(again.load().skipped, 0u);
  ASSERT_EQ(again.size(), 3u);
  EXPECT_EQ(again.entries()[2].seq, 4);
}

TEST(Outbox, CompleteLastLineWithoutNewlineDoesNotSwallowTheNextAppend) {
  TempDir d;
  const auto file = d.path / "outbox.jsonl";
  {
    std::ofstream out(file);
    out << entry(1).to_json().dump();  // no '\n': the crash hit between write and newline
  }
  Outbox o(file, 100);
  o.load();
  o.append(entry(2));
  EXPECT_EQ(read(file), entry(1).to_json().dump() + "\n" + entry(2).to_json().dump() + "\n");
}

TEST(Outbox, RejectsNonsenseLines) {
  TempDir d;
  const auto file = d.path / "outbox.jsonl";
  {
    std::ofstream out(file);
    out << R"({"seq":0,"state":"present","since":1})" << "\n"
        << R"({"seq":5,"state":"dancing","since":1})" << "\n"
        << "[]\n"
        << entry(6).to_json().dump() << "\n";
  }
  Outbox o(file, 100);
  const auto rep = o.load();
  EXPECT_EQ(rep.skipped, 3u);
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o.entries()[0].seq, 6);
}

TEST(Outbox, ClearForgetsEverythingDurably) {
  TempDir d;
  const auto file = d.path / "outbox.jsonl";
  {
    Outbox box(file, 10);
    box.append(entry(1));
    box.append(entry(2, "away_manual", "休憩中"));
    box.clear();
    EXPECT_TRUE(box.empty());
  }
  Outbox reloaded(file, 10);
  EXPECT_EQ(reloaded.load().loaded, 0u) << "another account's changes must not come back after a restart";
  EXPECT_TRUE(reloaded.empty());
}
