#include "db/seed.hpp"

#include <string>

#include "auth/password.hpp"

namespace om::db {
namespace {

struct Person {
  const char* email;
  const char* role;
  const char* family;
  const char* family_kana;
  const char* given;
  const char* given_kana;
  const char* extension;
  const char* dial_in;
};

std::int64_t ensure_group(Connection& c, const std::string& name) {
  c.prepare("INSERT INTO extension_groups(name) VALUES(?) ON CONFLICT(name) DO NOTHING").bind(1, name).run();
  auto s = c.prepare("SELECT id FROM extension_groups WHERE name=?");
  s.bind(1, name);
  s.step();
  return s.int64(0);
}

void ensure_user(Connection& c, std::int64_t group, const Person& p, const std::string& hash) {
  c.prepare(
       "INSERT INTO users(email, password_hash, role, group_id, family_name, family_name_kana, given_name, "
       "given_name_kana, extension_number, dial_in_number) VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT(email) DO NOTHING")
      .bind(1, p.email).bind(2, hash).bind(3, p.role).bind(4, group).bind(5, p.family).bind(6, p.family_kana)
      .bind(7, p.given).bind(8, p.given_kana).bind(9, p.extension).bind(10, p.dial_in)
      .run();
}

bool user_exists(Database& db, const std::string& email) {
  return db.with([&](Connection& c) {
    auto s = c.prepare("SELECT 1 FROM users WHERE email=?");
    s.bind(1, email);
    return s.step();
  });
}

}  // namespace

void seed_demo(Database& db) {
  if (user_exists(db, "admin@example.com")) return;
  // Hash outside the transaction: Argon2id takes ~50–100 ms each.
  const auto admin_hash = auth::hash_password("admin-pass");
  const auto staff_hash = auth::hash_password("staff-pass");
  static const Person sales[] = {
      {"admin@example.com", "admin", "管理", "カンリ", "太郎", "タロウ", "4000", "03-1234-4000"},
      {"staff1@example.com", "staff", "佐藤", "サトウ", "花子", "ハナコ", "4001", "03-1234-4001"},
      {"staff2@example.com", "staff", "鈴木", "スズキ", "一郎", "イチロウ", "4002", ""},
      {"staff3@example.com", "staff", "高橋", "タカハシ", "美咲", "ミサキ", "4003", ""},
      {"staff4@example.com", "staff", "田中", "タナカ", "健太", "ケンタ", "4004", ""},
      {"staff5@example.com", "staff", "伊藤", "イトウ", "由美", "ユミ", "4005", ""},
      {"staff6@example.com", "staff", "渡辺", "ワタナベ", "大輔", "ダイスケ", "4006", ""},
  };
  static const Person dev[] = {
      {"staff7@example.com", "staff", "山本", "ヤマモト", "翔", "ショウ", "5001", ""},
      {"staff8@example.com", "staff", "中村", "ナカムラ", "さくら", "サクラ", "5002", ""},
  };
  db.transaction([&](Connection& c) {
    const auto g1 = ensure_group(c, "営業部");
    const auto g2 = ensure_group(c, "開発部");
    const char* reasons[] = {"休憩中", "昼食中", "作業中", "外出中"};
    for (std::int64_t i = 0; i < 4; ++i)
      c.prepare("INSERT OR IGNORE INTO away_reasons(group_id, position, text) VALUES(?,?,?)")
          .bind(1, g1).bind(2, i).bind(3, reasons[i]).run();
    c.prepare("INSERT OR IGNORE INTO away_reasons(group_id, position, text) VALUES(?,0,'会議中')").bind(1, g2).run();
    for (const auto& p : sales) ensure_user(c, g1, p, std::string(p.role) == std::string("admin") ? admin_hash : staff_hash);
    for (const auto& p : dev) ensure_user(c, g2, p, staff_hash);
  });
}

void seed_load(Database& db, int groups, int users_per_group) {
  if (user_exists(db, "load-1-1@example.com")) return;
  const auto hash = auth::hash_password("load-pass");  // one hash shared: benchmark data only
  db.transaction([&](Connection& c) {
    for (int g = 1; g <= groups; ++g) {
      const auto gid = ensure_group(c, "負荷" + std::to_string(g));
      c.prepare("INSERT OR IGNORE INTO away_reasons(group_id, position, text) VALUES(?,0,'休憩中')").bind(1, gid).run();
      for (int u = 1; u <= users_per_group; ++u) {
        const auto email = "load-" + std::to_string(g) + "-" + std::to_string(u) + "@example.com";
        const auto ext = std::to_string(10000 + u);
        const Person p{email.c_str(), "staff", "負荷", "フカ", "利用者", "リヨウシャ", ext.c_str(), ""};
        ensure_user(c, gid, p, hash);
      }
    }
  });
}

}  // namespace om::db
