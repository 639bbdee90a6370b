#include "store/SqliteDatabase.h"

#include "util/PrivateFile.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace kith::engine {
namespace {

Status sqlite_error(sqlite3* db, int rc, std::string_view what) {
  std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    return Status::transient(message + " (the store is busy; another kith process holds it)");
  return Status::internal(message);
}

// --- the statement --------------------------------------------------------

class SqliteStatement final : public SqlStatementBackend {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void bind_int(int index, std::int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void bind_text(int index, std::string_view value) override {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  void bind_double(int index, double value) override { sqlite3_bind_double(stmt_, index, value); }
  void bind_blob(int index, std::string_view bytes) override {
    sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  }
  void bind_null(int index) override { sqlite3_bind_null(stmt_, index); }

  Result<bool> step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sqlite_error(db_, rc, "database error");
  }
  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  std::int64_t column_int(int index) const override { return sqlite3_column_int64(stmt_, index); }
  double column_double(int index) const override { return sqlite3_column_double(stmt_, index); }
  std::string column_text(int index) const override {
    const auto* text = sqlite3_column_text(stmt_, index);
    if (!text) return {};
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)));
  }
  std::string_view column_blob(int index) const override {
    const void* bytes = sqlite3_column_blob(stmt_, index);
    if (!bytes) return {};
    return {static_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))};
  }
  bool column_is_null(int index) const override { return sqlite3_column_type(stmt_, index) == SQLITE_NULL; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

// --- SqliteDatabase -------------------------------------------------------

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::string& path) {
  // The history is personal data: create the file owner-only (and its
  // folder 0700) before SQLite opens it, which would use the umask; refuse
  // a symbolic link, which would put the history wherever it points.
  auto fd = open_private_file(path, "database");
  if (!fd) return fd.status();
  ::close(*fd);

  // A statement journal (what one statement changed, so that it alone can
  // be undone) moves to a temporary file once it passes 64 KiB, SQLite's
  // default, and then stays a file until the transaction ends: every
  // statement that keeps one (a statement that fires triggers) writes its
  // pages there again. With schema 13, whose insert trigger gave every
  // interaction's insert a journal, a calendar's first sync made 77,000
  // such writes for 29,000 interactions, a fifth of its CPU. 1 MiB holds
  // what one statement of ours changes; more goes to a file as before, so
  // memory stays bounded. It must be set before SQLite's first use in the
  // process; if something used SQLite earlier, the default stays (slower,
  // not wrong).
  static const int journal_spill_configured = sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 1 << 20);
  (void)journal_spill_configured;
  // No count of SQLite's memory in use: keeping it takes a global mutex
  // around every allocation and free SQLite makes (a few per row bound
  // and stepped), 4 % of a calendar's first sync in a profile; Kith never
  // reads the count nor sets a heap limit that would need it. Set before
  // first use, as above.
  static const int memstatus_configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memstatus_configured;

  // No mutex of SQLite's around each call on the connection: a
  // SqliteDatabase is used by one thread at a time (its statement cache
  // needs that anyway; SqlHistoryStore holds its mutex around every
  // use), and the lock and unlock around every step and column read cost a
  // list of everyone a tenth of its time.
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW,
                                 nullptr);
  if (rc != SQLITE_OK) {
    Status error = Status::account("cannot open database '" + path + "': " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close(db);
    return error;
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(db, path));
}

SqliteDatabase::~SqliteDatabase() {
  drop_cached();  // statements must be finalized before the connection closes
  sqlite3_close(db_);
}

Status SqliteDatabase::exec(std::string_view sql) {
  char* error = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    Status status = sqlite_error(nullptr, rc, "database '" + path_ + "'");
    if (error) status = Status(status.kind(), "database '" + path_ + "': " + error);
    sqlite3_free(error);
    return status;
  }
  return {};
}

Result<SqlStatement> SqliteDatabase::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(db_, rc, "database '" + path_ + "'");
  return SqlStatement(std::make_unique<SqliteStatement>(db_, stmt));
}

std::int64_t SqliteDatabase::changes() const { return sqlite3_changes(db_); }

// --- transactions -----------------------------------------------------------

// IMMEDIATE takes the write lock up front, so a concurrent writer waits
// at BEGIN instead of failing halfway through the batch.
Status SqliteDatabase::begin_write() { return exec("BEGIN IMMEDIATE"); }
Status SqliteDatabase::begin_read() { return exec("BEGIN DEFERRED"); }
Status SqliteDatabase::commit() { return exec("COMMIT"); }
void SqliteDatabase::rollback() { (void)exec("ROLLBACK"); }

}  // namespace kith::engine
