#include "store/StoreCopy.h"

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <string_view>
#include <map>
#include <set>

#include "store/Schema.h"
#include "util/Try.h"

namespace kith::engine {

std::int64_t StoreCopyReport::rows(const std::string& table) const {
  for (const auto& t : tables)
    if (t.name == table) return t.rows;
  return 0;
}

namespace {

// The tables the triggers write while rows are copied (PostgresSchema.cpp):
// emptied and copied from the source last, so they end equal to the source's.
bool trigger_table(const std::string& table) { return table == "changed_people" || table == "interaction_quarters"; }
// What kith makes by itself from the history (the relationship queries'
// summaries and their settings): any command run against the new database
// may have made them, so they are no history, are replaced by the source's
// and do not make the target count as used.
bool cache_table(const std::string& table) {
  return trigger_table(table) || table == "person_summaries" || table == "person_days" ||
         table == "summary_settings";
}

// Concatenation by append: GCC 12 warns falsely (-Wrestrict) of
// `"literal" + std::string&&`.
std::string cat(std::initializer_list<std::string_view> parts) {
  std::string text;
  for (const auto part : parts) text.append(part);
  return text;
}

std::string quoted(const std::string& identifier) {
  std::string text = "\"";
  for (const char c : identifier) {
    if (c == '"') text += '"';
    text += c;
  }
  text += '"';
  return text;
}

enum class ColumnType { Integer, Real, Text, Blob };

struct Column {
  std::string name;        // on both sides
  std::string source_sql;  // what the source's SELECT reads (the name, or rowid)
  ColumnType type = ColumnType::Text;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::string> parents;
};

bool id_like(const std::string& column) {
  return column == "id" || column == "rowid" || (column.size() > 3 && column.ends_with("_id"));
}

Result<std::vector<std::string>> column_of(SqlDatabase& db, const std::string& sql, const std::string& parameter = {}) {
  KITH_TRY(stmt, db.prepare(sql));
  if (!parameter.empty()) stmt.bind(1, std::string_view(parameter));
  std::vector<std::string> values;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    values.push_back(stmt.column_text(0));
  }
  return values;
}

// The source's tables with their columns as the target types them.
Result<std::vector<Table>> read_tables(SqliteDatabase& source, PostgresDatabase& target) {
  const std::string where = "database '" + source.name() + "' and '" + target.name() + "'";
  KITH_TRY(names, column_of(source, "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                    "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
  std::vector<Table> tables;
  for (const auto& name : names) {
    Table table{name, {}, {}};
    KITH_TRY(source_columns, column_of(source, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", name));
    KITH_TRY(parents, column_of(source, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)", name));
    for (auto& parent : parents)
      if (parent != name) table.parents.push_back(parent);
    KITH_TRY(types, target.prepare("SELECT column_name, data_type FROM information_schema.columns "
                                   "WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position"));
    types.bind(1, std::string_view(name));
    std::map<std::string, std::string> target_types;
    for (;;) {
      KITH_TRY(row, types.step());
      if (!row) break;
      target_types[types.column_text(0)] = types.column_text(1);
    }
    if (target_types.empty())
      return Status::internal(where + " differ: table '" + name + "' is missing from the PostgreSQL database");
    for (const auto& column : source_columns)
      if (!target_types.count(column))
        return Status::internal(where + " differ: column '" + name + "." + column +
                                "' is missing from the PostgreSQL database");
    for (const auto& [column, type] : target_types) {
      const bool in_source = std::find(source_columns.begin(), source_columns.end(), column) != source_columns.end();
      // SQLite's hidden rowid, a real column on PostgreSQL (contact_cards).
      if (!in_source && column != "rowid")
        return Status::internal(where + " differ: column '" + name + "." + column + "' is only in the PostgreSQL database");
    }
    auto add = [&](const std::string& column, const std::string& source_sql) -> Status {
      const std::string& type = target_types[column];
      ColumnType kind;
      if (type == "bigint" || type == "integer" || type == "smallint") kind = ColumnType::Integer;
      else if (type == "double precision" || type == "real") kind = ColumnType::Real;
      else if (type == "text") kind = ColumnType::Text;
      else if (type == "bytea") kind = ColumnType::Blob;
      else return Status::internal("column '" + name + "." + column + "' of '" + target.name() + "' has type " + type +
                                   ", which migrate-store cannot copy");
      table.columns.push_back({column, source_sql, kind});
      return {};
    };
    for (const auto& column : source_columns)
      if (auto s = add(column, quoted(column)); !s) return s;
    if (target_types.count("rowid") && std::find(source_columns.begin(), source_columns.end(), "rowid") == source_columns.end())
      if (auto s = add("rowid", "rowid"); !s) return s;
    tables.push_back(std::move(table));
  }
  return tables;
}

// Parents before children; the trigger-written tables last.
Result<std::vector<Table>> copy_order(std::vector<Table> tables, const std::string& source_name) {
  std::set<std::string> names;
  for (const auto& t : tables) names.insert(t.name);
  std::vector<Table> ordered;
  std::set<std::string> placed;
  while (!tables.empty()) {
    auto ready = std::find_if(tables.begin(), tables.end(), [&](const Table& t) {
      const bool others_left =
          std::any_of(tables.begin(), tables.end(), [](const Table& o) { return !trigger_table(o.name); });
      if (trigger_table(t.name) && others_left) return false;
      return std::all_of(t.parents.begin(), t.parents.end(),
                         [&](const std::string& p) { return placed.count(p) || !names.count(p); });
    });
    if (ready == tables.end()) {
      std::string stuck;
      for (const auto& t : tables) stuck += (stuck.empty() ? "" : ", ") + t.name;
      return Status::internal("database '" + source_name + "': the foreign keys of tables " + stuck +
                              " form a cycle; migrate-store cannot order them");
    }
    placed.insert(ready->name);
    ordered.push_back(std::move(*ready));
    tables.erase(ready);
  }
  return ordered;
}

const char* sqlite_types(ColumnType type) {
  switch (type) {
    case ColumnType::Integer: return "'integer'";
    case ColumnType::Real: return "'real', 'integer'";
    case ColumnType::Text: return "'text'";
    case ColumnType::Blob: return "'blob', 'text'";
  }
  return "''";
}

// A value the target's column type cannot hold would be changed on the way:
// refuse it, naming the row.
Status check_values(SqliteDatabase& source, const Table& table) {
  for (const auto& column : table.columns) {
    KITH_TRY(bad, source.prepare("SELECT typeof(" + column.source_sql + ") FROM " + quoted(table.name) + " WHERE typeof(" +
                                 column.source_sql + ") NOT IN ('null', " + sqlite_types(column.type) + ") LIMIT 1"));
    KITH_TRY(row, bad.step());
    if (row)
      return Status::internal("database '" + source.name() + "': column '" + table.name + "." + column.name +
                              "' holds a " + bad.column_text(0) + " value, which PostgreSQL would not keep as it is");
  }
  return {};
}

void append_text(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

void append_value(std::string& out, const SqlStatement& row, int i, ColumnType type) {
  if (row.column_is_null(i)) {
    out += "\\N";
    return;
  }
  switch (type) {
    case ColumnType::Integer: out += std::to_string(row.column_int(i)); break;
    case ColumnType::Real: {
      char text[64];
      std::snprintf(text, sizeof text, "%.17g", row.column_double(i));
      out += text;
      break;
    }
    case ColumnType::Text: append_text(out, row.column_text(i)); break;
    case ColumnType::Blob: {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\\\x";  // bytea's hex form, its backslash escaped for COPY
      for (const char c : row.column_blob(i)) {
        const auto byte = static_cast<unsigned char>(c);
        out += kHex[byte >> 4];
        out += kHex[byte & 0xf];
      }
      break;
    }
  }
}

Result<std::int64_t> copy_table(SqliteDatabase& source, PostgresDatabase& target, const Table& table) {
  std::string select = "SELECT ";
  std::string copy = cat({"COPY ", quoted(table.name), " ("});
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (i) {
      select += ", ";
      copy += ", ";
    }
    select += table.columns[i].source_sql;
    copy += quoted(table.columns[i].name);
  }
  select.append(" FROM ").append(quoted(table.name));
  copy += ") FROM STDIN";
  KITH_TRY(rows, source.prepare(select));
  std::int64_t count = 0;
  auto status = target.copy_in(copy, [&](std::string& chunk) -> Result<bool> {
    while (chunk.size() < (1u << 20)) {
      KITH_TRY(row, rows.step());
      if (!row) return false;
      for (std::size_t i = 0; i < table.columns.size(); ++i) {
        if (i) chunk += '\t';
        append_value(chunk, rows, static_cast<int>(i), table.columns[i].type);
      }
      chunk += '\n';
      ++count;
    }
    return true;
  });
  if (!status) return status.with_context("copying table '" + table.name + "'");
  return count;
}

// count(*), then the sum of every id-like column and of the length of
// every text and blob column: cheap, and it notices a lost or cut value.
std::string checksum_sql(const Table& table, bool source) {
  std::string sql = "SELECT count(*)";
  for (const auto& column : table.columns) {
    const std::string& read = source ? column.source_sql : quoted(column.name);
    if (column.type == ColumnType::Integer && id_like(column.name))
      sql += ", COALESCE(sum(" + read + "), 0)";
    else if (column.type == ColumnType::Text)
      sql += ", COALESCE(sum(length(" + read + ")), 0)";
    else if (column.type == ColumnType::Blob)  // bytes, also of a text SQLite kept there
      sql += cat({", COALESCE(sum(length(", source ? cat({"CAST(", read, " AS BLOB)"}) : read, ")), 0)"});
  }
  return cat({sql, " FROM ", quoted(table.name)});
}

Result<std::vector<std::string>> checksum(SqlDatabase& db, const Table& table, bool source) {
  KITH_TRY(stmt, db.prepare(checksum_sql(table, source)));
  KITH_TRY(row, stmt.step());
  std::vector<std::string> values;
  if (!row) return values;
  int sums = 0;
  for (const auto& column : table.columns)
    if ((column.type == ColumnType::Integer && id_like(column.name)) || column.type == ColumnType::Text ||
        column.type == ColumnType::Blob)
      ++sums;
  // Read as text: PostgreSQL's sum(bigint) is numeric.
  for (int i = 0; i <= sums; ++i) values.push_back(stmt.column_text(i));
  return values;
}

Status compare(SqliteDatabase& source, PostgresDatabase& target, const Table& table) {
  KITH_TRY(mine, checksum(source, table, true));
  KITH_TRY(theirs, checksum(target, table, false));
  if (!mine.empty() && !theirs.empty() && mine[0] != theirs[0])
    return Status::internal("table '" + table.name + "' has " + mine[0] + " rows in '" + source.name() + "' but " +
                            theirs[0] + " in '" + target.name() + "' after the copy; nothing was kept");
  if (mine != theirs)
    return Status::internal("table '" + table.name + "' differs between '" + source.name() + "' and '" + target.name() +
                            "' after the copy (same row count, different checksum); nothing was kept");
  return {};
}

Status reset_sequences(PostgresDatabase& target) {
  KITH_TRY(identities, target.prepare("SELECT table_name, column_name FROM information_schema.columns "
                                      "WHERE table_schema = current_schema() AND is_identity = 'YES' "
                                      "ORDER BY table_name, column_name"));
  std::vector<std::pair<std::string, std::string>> columns;
  for (;;) {
    KITH_TRY(row, identities.step());
    if (!row) break;
    columns.emplace_back(identities.column_text(0), identities.column_text(1));
  }
  identities.reset();
  for (const auto& [table, column] : columns) {
    // The next id is one past the largest copied (1 for an empty table).
    KITH_TRY(set, target.prepare(cat({"SELECT setval(pg_get_serial_sequence(?1, ?2), COALESCE((SELECT max(",
                                      quoted(column), ") FROM ", quoted(table), "), 0) + 1, false)"})));
    set.bind(1, std::string_view(quoted(table))).bind(2, std::string_view(column));
    if (auto s = set.run(); !s) return s.with_context("setting the sequence of " + table + "." + column);
  }
  return {};
}

}  // namespace

Result<StoreCopyReport> copy_sqlite_to_postgres(SqliteDatabase& source, PostgresDatabase& target,
                                                const StoreCopyProgress& progress) {
  {
    KITH_TRY(version, source.prepare("PRAGMA user_version"));
    KITH_TRY(row, version.step());
    const std::int64_t v = row ? version.column_int(0) : 0;
    if (v != kSchemaVersion)
      return Status::internal("database '" + source.name() + "' has schema version " + std::to_string(v) +
                              ", not " + std::to_string(kSchemaVersion) +
                              ": open it with this kith first (any command upgrades it), then migrate");
  }
  {
    KITH_TRY(version, target.prepare("SELECT version FROM kith_schema"));
    auto row = version.step();
    const std::int64_t v = row && *row ? version.column_int(0) : 0;
    if (v != kSchemaVersion)
      return Status::internal("database '" + target.name() + "' has schema version " + std::to_string(v) + ", not " +
                              std::to_string(kSchemaVersion));
  }
  KITH_TRY(tables, read_tables(source, target));
  KITH_TRY(ordered, copy_order(std::move(tables), source.name()));

  // One snapshot of the source; one all-or-nothing transaction on the target.
  auto reading = SqlTransaction::begin_read(source);
  if (!reading) return reading.status();
  KITH_TRY(writing, SqlTransaction::begin(target));
  for (const auto& table : ordered) {
    if (cache_table(table.name)) {
      if (auto s = target.exec(cat({"DELETE FROM ", quoted(table.name)})); !s) return s;
      continue;
    }
    KITH_TRY(any, target.prepare(cat({"SELECT 1 FROM ", quoted(table.name), " LIMIT 1"})));
    KITH_TRY(row, any.step());
    if (row)
      return Status::account("database '" + target.name() + "' already holds a history (table '" + table.name +
                             "' has rows); migrate-store copies into an empty database only");
  }
  StoreCopyReport report;
  for (const auto& table : ordered) {
    if (auto s = check_values(source, table); !s) return s;
    if (trigger_table(table.name))
      if (auto s = target.exec(cat({"DELETE FROM ", quoted(table.name)})); !s) return s;
    KITH_TRY(count, copy_table(source, target, table));
    report.tables.push_back({table.name, count});
    if (progress) progress(report.tables.back());
  }
  if (auto s = reset_sequences(target); !s) return s;
  for (const auto& table : ordered)
    if (auto s = compare(source, target, table); !s) return s;
  if (auto s = writing.commit(); !s) return s.with_context("committing the copy");
  return report;
}

}  // namespace kith::engine
