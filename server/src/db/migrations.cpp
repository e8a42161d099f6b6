#include "db/migrations.hpp"

#include <chrono>
#include <iterator>

namespace om::db {
namespace {

// Append-only: never edit a shipped migration, add a new one.
constexpr const char* kMigrations[] = {
    // 1: the manual's entities.
    R"sql(
CREATE TABLE extension_groups(
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE users(
  id               INTEGER PRIMARY KEY,
  email            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash    TEXT NOT NULL,
  role             TEXT NOT NULL CHECK(role IN ('staff','admin')),
  group_id         INTEGER NOT NULL REFERENCES extension_groups(id),
  family_name      TEXT NOT NULL,
  family_name_kana TEXT NOT NULL DEFAULT '',
  given_name       TEXT NOT NULL,
  given_name_kana  TEXT NOT NULL DEFAULT '',
  dial_in_number   TEXT NOT NULL DEFAULT '',
  extension_number TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  UNIQUE(group_id, extension_number)
);
CREATE INDEX users_group ON users(group_id);
CREATE TABLE user_images(
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  png     BLOB NOT NULL
);
CREATE TABLE away_reasons(
  group_id INTEGER NOT NULL REFERENCES extension_groups(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY(group_id, position)
);
CREATE TABLE sessions(
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf       TEXT NOT NULL,
  expires_ms INTEGER NOT NULL
);
CREATE TABLE device_tokens(
  token_hash  TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  device_name TEXT NOT NULL,
  created_ms  INTEGER NOT NULL
);
CREATE TABLE console_tickets(
  ticket_hash TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_ms  INTEGER NOT NULL
);
-- state/reason: what the roster shows; reported_*: what the host last said,
-- restored when a heartbeat returns after the TTL made the user offline.
CREATE TABLE presence(
  user_id         INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  state           TEXT NOT NULL,
  reason          TEXT NOT NULL DEFAULT '',
  since_ms        INTEGER NOT NULL,
  seq             INTEGER NOT NULL DEFAULT 0,
  reported_state  TEXT NOT NULL,
  reported_reason TEXT NOT NULL DEFAULT '',
  last_seen_ms    INTEGER
);
)sql",
};

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

int migrate(Database& db) {
  db.with([](Connection& c) {
    c.exec("CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)");
  });
  const int current = static_cast<int>(db.with([](Connection& c) {
    auto s = c.prepare("SELECT COALESCE(MAX(version),0) FROM schema_migrations");
    s.step();
    return s.int64(0);
  }));
  const int latest = static_cast<int>(std::size(kMigrations));
  for (int v = current + 1; v <= latest; ++v) {
    db.transaction([&](Connection& c) {
      c.exec(kMigrations[v - 1]);
      c.prepare("INSERT INTO schema_migrations(version, applied_ms) VALUES(?,?)").bind(1, v).bind(2, now_ms()).run();
    });
  }
  return latest;
}

}  // namespace om::db
