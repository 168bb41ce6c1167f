// RAII wrappers for SQLite handles (a connection and a prepared statement), so every handle is
// finalized or closed on every path. Errors throw SqliteError with SQLite's message.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace tunesmith::server {

class SqliteError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One connection. Opened in WAL mode with a busy timeout, so the server and `tunesmith keys`
// may use the same file at once. Not shared between threads without a lock held by the owner.
class Database {
public:
    explicit Database(const std::filesystem::path& file);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    sqlite3* get() const { return db_; }
    void exec(const std::string& sql);  // one or more statements without results
    std::int64_t last_insert_rowid() const;
    int changes() const;  // rows changed by the last statement

private:
    sqlite3* db_ = nullptr;
};

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind_null(int index);

    bool step();  // true while a row is available; false when done
    void run();   // steps a statement that returns no rows

    std::int64_t column_int(int index) const;
    double column_double(int index) const;
    std::string column_text(int index) const;  // "" for NULL
    bool column_is_null(int index) const;

private:
    void check(int code, const char* what) const;

    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace tunesmith::server
