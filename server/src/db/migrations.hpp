#pragma once
#include "db/database.hpp"

namespace om::db {

// Applies every migration newer than the version recorded in
// schema_migrations, each in its own transaction. Returns the new version.
int migrate(Database& db);

}  // namespace om::db
