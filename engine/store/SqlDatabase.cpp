#include "store/SqlDatabase.h"

namespace kith::engine {

SqlStatement& SqlStatement::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Status SqlStatement::run() {
  for (;;) {
    auto row = step();
    if (!row) {
      reset();
      return row.status();
    }
    if (!*row) break;
  }
  reset();
  return {};
}

Result<std::int64_t> returned_id(SqlStatement& stmt) {
  auto row = stmt.step();
  if (!row) {
    stmt.reset();
    return row.status();
  }
  if (!*row) {
    stmt.reset();
    return Status::internal("an insert returned no id");
  }
  const std::int64_t id = stmt.column_int(0);
  stmt.reset();
  return id;
}

Result<SqlStatement*> SqlDatabase::cached(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    auto stmt = prepare(sql);
    if (!stmt) return stmt.status();
    it = cache_.emplace(sql, std::make_unique<SqlStatement>(std::move(*stmt))).first;
  }
  it->second->reset();
  return it->second.get();
}

void SqlDatabase::reset_cached() {
  for (auto& [sql, stmt] : cache_) stmt->reset();
}

Result<SqlTransaction> SqlTransaction::begin(SqlDatabase& db) {
  if (auto s = db.begin_write(); !s) return s;
  return SqlTransaction(&db);
}

Result<SqlTransaction> SqlTransaction::begin_read(SqlDatabase& db) {
  if (auto s = db.begin_read(); !s) return s;
  return SqlTransaction(&db);
}

SqlTransaction::~SqlTransaction() {
  if (!db_) return;
  db_->reset_cached();
  db_->rollback();
}

Status SqlTransaction::commit() {
  db_->reset_cached();
  auto status = db_->commit();
  if (status) db_ = nullptr;
  return status;
}

}  // namespace kith::engine
