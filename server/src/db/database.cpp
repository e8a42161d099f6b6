#include "db/database.hpp"

namespace om::db {

namespace {
[[noreturn]] void fail(sqlite3* h, int rc) {
  throw DbError(rc, std::string("sqlite: ") + (h ? sqlite3_errmsg(h) : sqlite3_errstr(rc)));
}
}  // namespace

Statement::~Statement() {
  // Cached statements are reset, not finalized, so the next use skips parsing.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::bind(int index, std::int64_t v) {
  if (const int rc = sqlite3_bind_int64(stmt_, index, v); rc != SQLITE_OK) fail(sqlite3_db_handle(stmt_), rc);
  return *this;
}
Statement& Statement::bind(int index, std::string_view v) {
  const int rc = sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) fail(sqlite3_db_handle(stmt_), rc);
  return *this;
}
Statement& Statement::bind_blob(int index, std::string_view bytes) {
  const int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) fail(sqlite3_db_handle(stmt_), rc);
  return *this;
}
Statement& Statement::bind_null(int index) {
  if (const int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) fail(sqlite3_db_handle(stmt_), rc);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(sqlite3_db_handle(stmt_), rc);
}
void Statement::run() {
  while (step()) {
  }
}

std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
std::string Statement::text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  const auto n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}
std::string Statement::blob(int col) const {
  const auto* p = sqlite3_column_blob(stmt_, col);
  const auto n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}
bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Statement Connection::prepare(std::string_view sql) {
  auto it = db_.cache_.find(sql);
  if (it == db_.cache_.end()) {
    sqlite3_stmt* s = nullptr;
    const int rc = sqlite3_prepare_v3(db_.handle_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    if (rc != SQLITE_OK) fail(db_.handle_, rc);
    it = db_.cache_.emplace(std::string(sql), s).first;
  }
  return Statement(it->second);
}

void Connection::exec(const char* sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_.handle_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw DbError(rc, "sqlite: " + msg);
  }
}
std::int64_t Connection::last_insert_rowid() { return sqlite3_last_insert_rowid(db_.handle_); }
int Connection::changes() { return sqlite3_changes(db_.handle_); }

Database::Database(const std::string& path) {
  const int rc = sqlite3_open_v2(path.c_str(), &handle_,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = handle_ ? sqlite3_errmsg(handle_) : sqlite3_errstr(rc);
    sqlite3_close(handle_);
    throw DbError(rc, "cannot open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(handle_, 5000);
  Connection c(*this);
  // WAL + synchronous=NORMAL: a commit is appended to the WAL with write(2)
  // before COMMIT returns, so it is in the kernel's page cache and survives
  // the process being killed (kill -9). What NORMAL gives up versus FULL is
  // only durability of the last transactions across an OS crash or power loss
  // (the WAL is fsynced at checkpoints, not per commit); FULL would cost an
  // fsync per presence update, which at 1,000 updates/s is the bottleneck.
  c.exec("PRAGMA journal_mode=WAL");
  c.exec("PRAGMA synchronous=NORMAL");
  c.exec("PRAGMA foreign_keys=ON");
}

Database::~Database() {
  for (auto& [sql, s] : cache_) sqlite3_finalize(s);
  sqlite3_close(handle_);
}

}  // namespace om::db
