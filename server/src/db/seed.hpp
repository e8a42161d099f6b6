#pragma once
// Demo and benchmark data. Idempotent: seeding an already seeded database
// changes nothing.
#include "db/database.hpp"

namespace om::db {

// 営業部 (reasons 休憩中 昼食中 作業中 外出中, admin + 6 staff) and 開発部
// (2 staff) — see server/README.md for the logins.
void seed_demo(Database& db);
// groups × users for the load benchmark: load-<g>-<u>@example.com / load-pass.
void seed_load(Database& db, int groups, int users_per_group);

}  // namespace om::db
