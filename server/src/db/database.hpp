#pragma once
// Thin SQLite wrapper. One connection guarded by one mutex: SQLite serialises
// writers anyway, and our statements take microseconds. Every statement is a
// prepared statement cached by its SQL text, so callers never build SQL from
// input — values only go through bind().
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

namespace om::db {

struct DbError : std::runtime_error {
  int code;
  DbError(int c, const std::string& what) : std::runtime_error(what), code(c) {}
};

class Statement {
 public:
  explicit Statement(sqlite3_stmt* s) : stmt_(s) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, int v) { return bind(index, std::int64_t{v}); }
  Statement& bind(int index, std::string_view v);
  Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);

  // Returns true while a row is available.
  bool step();
  // Runs to completion (for INSERT/UPDATE/DELETE).
  void run();

  std::int64_t int64(int col) const;
  std::string text(int col) const;
  std::string blob(int col) const;
  bool is_null(int col) const;

 private:
  sqlite3_stmt* stmt_;
};

class Database;

// Access to the connection while the database mutex is held.
class Connection {
 public:
  explicit Connection(Database& db) : db_(db) {}
  Statement prepare(std::string_view sql);
  void exec(const char* sql);  // only for fixed SQL text (migrations, pragmas, BEGIN/COMMIT)
  std::int64_t last_insert_rowid();
  int changes();

 private:
  Database& db_;
};

class Database {
 public:
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  template <class F>
  auto with(F&& f) {
    std::lock_guard lock(mutex_);
    Connection c(*this);
    return f(c);
  }

  // Runs f inside BEGIN IMMEDIATE ... COMMIT; rolls back on exception.
  template <class F>
  auto transaction(F&& f) {
    std::lock_guard lock(mutex_);
    Connection c(*this);
    c.exec("BEGIN IMMEDIATE");
    try {
      if constexpr (std::is_void_v<decltype(f(c))>) {
        f(c);
        c.exec("COMMIT");
      } else {
        auto r = f(c);
        c.exec("COMMIT");
        return r;
      }
    } catch (...) {
      sqlite3_exec(handle_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

 private:
  friend class Connection;
  sqlite3* handle_ = nullptr;
  std::mutex mutex_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

}  // namespace om::db
