#include "store/PostgresDatabase.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>

#include "store/PostgresSql.h"

namespace kith::engine {
namespace {

constexpr Oid kInt8 = 20, kFloat8 = 701, kBytea = 17, kText = 25;
// The store's one write turn (SqlDatabase::begin_write): "kith" in ASCII.
constexpr const char* kWriteTurn = "SELECT pg_advisory_xact_lock(1802073192)";

std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  // libpq's messages run over several lines ("ERROR: …\nDETAIL: …"): one line.
  for (auto& c : text)
    if (c == '\n') c = ' ';
  return text;
}

// SQLSTATEs worth trying again later: the connection, the server going
// down or restarting, a deadlock or serialization failure, resources.
bool transient_state(const std::string& state) {
  if (state.empty()) return true;  // no answer at all: the connection
  return state.rfind("08", 0) == 0 || state.rfind("53", 0) == 0 || state.rfind("57P", 0) == 0 ||
         state == "40001" || state == "40P01" || state == "55P03";
}

std::string connection_name(PGconn* conn) {
  std::string name = "postgresql://";
  name += PQuser(conn);
  name += '@';
  const std::string host = PQhost(conn);
  name += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  name += ':';
  name += PQport(conn);
  name += '/';
  name += PQdb(conn);
  return name;
}

// A parameter's type as prepared: its value's; a NULL's is the server's
// guess, except for a number the text never uses (it has nothing to guess
// from), which is text.
Oid type_of(const PostgresDatabase::Parameters& parameters, std::size_t i) {
  if (parameters.values[i]) return parameters.types[i];
  for (const std::size_t unused : parameters.unused)
    if (unused == i) return kText;
  return 0;
}

class PostgresStatement final : public SqlStatementBackend {
 public:
  PostgresStatement(PostgresDatabase& db, PostgresSql sql) : db_(db), sql_(std::move(sql.text)) {
    parameters_.types.assign(static_cast<std::size_t>(sql.parameters), 0);
    parameters_.values.assign(static_cast<std::size_t>(sql.parameters), std::nullopt);
    parameters_.formats.assign(static_cast<std::size_t>(sql.parameters), 0);
    for (std::size_t i = 0; i < sql.referenced.size(); ++i)
      if (!sql.referenced[i]) parameters_.unused.push_back(i);
  }
  PostgresStatement(const PostgresStatement&) = delete;
  PostgresStatement& operator=(const PostgresStatement&) = delete;
  ~PostgresStatement() override { PQclear(result_); }

  void bind_int(int index, std::int64_t value) override { set(index, kInt8, std::to_string(value), 0); }
  void bind_text(int index, std::string_view value) override { set(index, kText, std::string(value), 0); }
  void bind_null(int index) override {
    if (!valid(index)) return;
    parameters_.values[static_cast<std::size_t>(index - 1)].reset();
  }
  void bind_blob(int index, std::string_view bytes) override { set(index, kBytea, std::string(bytes), 1); }
  void bind_double(int index, double value) override {
    char text[64];
    std::snprintf(text, sizeof text, "%.17g", value);
    set(index, kFloat8, text, 0);
  }

  Result<bool> step() override {
    if (!result_) {
      auto result = db_.execute(sql_, parameters_);
      if (!result) return result.status();
      result_ = *result;
      rows_ = PQntuples(result_);
      row_ = -1;
    }
    if (row_ < rows_) ++row_;
    return row_ < rows_;
  }
  void reset() override {
    PQclear(result_);
    result_ = nullptr;
    rows_ = row_ = 0;
    for (auto& value : parameters_.values) value.reset();
    for (auto& type : parameters_.types) type = 0;
  }

  std::int64_t column_int(int index) const override {
    const char* text = value(index);
    if (!text) return 0;
    if (text[0] == 't' && text[1] == '\0') return 1;  // a boolean
    if (text[0] == 'f' && text[1] == '\0') return 0;
    return std::strtoll(text, nullptr, 10);
  }
  double column_double(int index) const override {
    const char* text = value(index);
    return text ? std::strtod(text, nullptr) : 0;
  }
  std::string column_text(int index) const override {
    const char* text = value(index);
    if (!text) return {};
    return std::string(text, static_cast<std::size_t>(PQgetlength(result_, row_, index)));
  }
  std::string_view column_blob(int index) const override {
    const char* text = value(index);
    if (!text) return {};
    if (PQftype(result_, index) != kBytea) return {text, static_cast<std::size_t>(PQgetlength(result_, row_, index))};
    // bytea comes as text in hex form ("\x0a1b…").
    blob_.clear();
    const std::size_t length = static_cast<std::size_t>(PQgetlength(result_, row_, index));
    if (length < 2 || text[0] != '\\' || text[1] != 'x') return {};
    auto nibble = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return 0;
    };
    blob_.reserve((length - 2) / 2);
    for (std::size_t i = 2; i + 1 < length; i += 2)
      blob_.push_back(static_cast<char>(nibble(text[i]) << 4 | nibble(text[i + 1])));
    return blob_;
  }
  bool column_is_null(int index) const override {
    return !result_ || row_ >= rows_ || PQgetisnull(result_, row_, index);
  }

 private:
  bool valid(int index) const { return index >= 1 && static_cast<std::size_t>(index) <= parameters_.values.size(); }
  void set(int index, Oid type, std::string value, int format) {
    if (!valid(index)) return;  // as SQLite: binding a parameter the statement lacks does nothing
    const auto i = static_cast<std::size_t>(index - 1);
    parameters_.types[i] = type;
    parameters_.values[i] = std::move(value);
    parameters_.formats[i] = format;
  }
  const char* value(int index) const {
    if (!result_ || row_ < 0 || row_ >= rows_ || index >= PQnfields(result_) || PQgetisnull(result_, row_, index))
      return nullptr;
    return PQgetvalue(result_, row_, index);
  }

  PostgresDatabase& db_;
  std::string sql_;
  PostgresDatabase::Parameters parameters_;
  PGresult* result_ = nullptr;
  int rows_ = 0, row_ = 0;
  mutable std::string blob_;
};

}  // namespace

Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::open(const PostgresSettings& settings) {
  const std::string timeout = std::to_string(settings.connect_timeout.count());
  // Keepalives find a connection whose server or network went away, so a
  // worker notices within about a minute even when idle-waiting.
  std::vector<const char*> keys = {"dbname", "application_name", "connect_timeout", "keepalives", "keepalives_idle",
                                   "keepalives_interval", "keepalives_count", "tcp_user_timeout"};
  std::vector<const char*> values = {settings.url.c_str(), "kith", timeout.c_str(), "1", "15", "5", "3", "30000"};
  if (settings.password) {
    keys.push_back("password");
    values.push_back(settings.password->c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* conn = PQconnectdbParams(keys.data(), values.data(), /*expand_dbname=*/1);
  if (!conn) return Status::internal("cannot connect to the PostgreSQL store: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    const bool refused_us = message.find("authentication failed") != std::string::npos ||
                            message.find("no password supplied") != std::string::npos ||
                            message.find("does not exist") != std::string::npos;
    message = "cannot connect to the PostgreSQL store: " + message;
    return refused_us ? Status::account(message) : Status::transient(message);
  }
  // Notices ("relation already exists, skipping") are not the user's business.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  auto db = std::unique_ptr<PostgresDatabase>(new PostgresDatabase(conn, connection_name(conn)));
  // Text compares bytewise, as in SQLite; times are seconds since 1970,
  // never the server's time zone.
  if (auto s = db->exec("SET TIME ZONE 'UTC'"); !s) return s;
  return db;
}

PostgresDatabase::~PostgresDatabase() {
  drop_cached();
  PQfinish(conn_);
}

Status PostgresDatabase::error(const std::string& what, PGresult* result) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? trimmed(PQresultErrorMessage(result)) : "";
  if (message.empty()) message = trimmed(PQerrorMessage(conn_));
  message = "database '" + name_ + "': " + what + message;
  if (transient_state(state ? state : "") || PQstatus(conn_) != CONNECTION_OK)
    return Status::transient(message);
  return Status::internal(message);
}

Status PostgresDatabase::ensure_connected() {
  if (PQstatus(conn_) == CONNECTION_OK) return {};
  if (in_transaction_) return Status::transient("database '" + name_ + "': the connection was lost");
  PQreset(conn_);
  prepared_.clear();  // they lived in the old session
  if (PQstatus(conn_) != CONNECTION_OK)
    return Status::transient("database '" + name_ + "': cannot connect again: " + trimmed(PQerrorMessage(conn_)));
  PGresult* result = PQexec(conn_, "SET TIME ZONE 'UTC'");
  PQclear(result);
  return {};
}

Status PostgresDatabase::exec(std::string_view sql) {
  if (auto s = ensure_connected(); !s) return s;
  const std::string text = to_postgres(sql).text;
  PGresult* result = PQexec(conn_, text.c_str());
  const auto status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    Status s = error("", result);
    PQclear(result);
    return s;
  }
  const char* tuples = PQcmdTuples(result);
  changes_ = tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0;
  PQclear(result);
  return {};
}

Result<SqlStatement> PostgresDatabase::prepare(std::string_view sql) {
  return SqlStatement(std::make_unique<PostgresStatement>(*this, to_postgres(sql)));
}

Result<PGresult*> PostgresDatabase::execute(const std::string& sql, const Parameters& parameters) {
  if (auto s = ensure_connected(); !s) return s;
  std::string key;
  key.reserve(sql.size() + parameters.types.size() * 4);
  for (std::size_t i = 0; i < parameters.types.size(); ++i) {
    // A NULL's type is the server's guess.
    key += std::to_string(type_of(parameters, i));
    key += ',';
  }
  key += sql;
  auto it = prepared_.find(key);
  if (it == prepared_.end()) {
    std::vector<Oid> types(parameters.types.size());
    for (std::size_t i = 0; i < types.size(); ++i) types[i] = type_of(parameters, i);
    // Appended, not "k" + …: GCC 12's -Wrestrict false positive at -O3.
    std::string statement_name = "k";
    statement_name.append(std::to_string(prepared_.size() + 1));
    PGresult* made = PQprepare(conn_, statement_name.c_str(), sql.c_str(), static_cast<int>(types.size()), types.data());
    if (PQresultStatus(made) != PGRES_COMMAND_OK) {
      Status s = error("", made);
      PQclear(made);
      return s;
    }
    PQclear(made);
    it = prepared_.emplace(std::move(key), statement_name).first;
  }
  const std::size_t n = parameters.values.size();
  std::vector<const char*> values(n);
  std::vector<int> lengths(n), formats(n);
  for (std::size_t i = 0; i < n; ++i) {
    values[i] = parameters.values[i] ? parameters.values[i]->data() : nullptr;
    lengths[i] = parameters.values[i] ? static_cast<int>(parameters.values[i]->size()) : 0;
    formats[i] = parameters.formats[i];
  }
  PGresult* result = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(n), values.data(), lengths.data(),
                                    formats.data(), /*resultFormat=*/0);
  const auto status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Status s = error("", result);
    PQclear(result);
    return s;
  }
  const char* tuples = PQcmdTuples(result);
  changes_ = tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0;
  return result;
}

Status PostgresDatabase::copy_in(const std::string& copy_sql,
                                 const std::function<Result<bool>(std::string& chunk)>& next) {
  if (auto s = ensure_connected(); !s) return s;
  PGresult* started = PQexec(conn_, copy_sql.c_str());
  if (PQresultStatus(started) != PGRES_COPY_IN) {
    Status s = error("", started);
    PQclear(started);
    return s;
  }
  PQclear(started);
  Status failed;
  std::string chunk;
  for (;;) {
    chunk.clear();
    auto more = next(chunk);
    if (!more) {
      failed = more.status();
      break;
    }
    if (!chunk.empty() && PQputCopyData(conn_, chunk.data(), static_cast<int>(chunk.size())) != 1) {
      failed = error("sending COPY data: ", nullptr);
      break;
    }
    if (!*more) break;
  }
  // An error of ours ends the COPY as failed: the server keeps none of it.
  if (PQputCopyEnd(conn_, failed ? nullptr : "the copy was abandoned") != 1 && failed)
    failed = error("ending COPY: ", nullptr);
  Status result;
  while (PGresult* done = PQgetResult(conn_)) {
    if (PQresultStatus(done) != PGRES_COMMAND_OK && result) result = error("", done);
    if (PQresultStatus(done) == PGRES_COMMAND_OK) {
      const char* tuples = PQcmdTuples(done);
      changes_ = tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0;
    }
    PQclear(done);
  }
  if (!failed) return failed;
  return result;
}

Status PostgresDatabase::begin_write() {
  if (auto s = ensure_connected(); !s) return s;
  if (auto s = exec("BEGIN"); !s) return s;
  in_transaction_ = true;
  if (auto s = exec(kWriteTurn); !s) {
    rollback();
    return s;
  }
  return {};
}

Status PostgresDatabase::begin_read() {
  if (auto s = ensure_connected(); !s) return s;
  if (auto s = exec("BEGIN ISOLATION LEVEL REPEATABLE READ"); !s) return s;
  in_transaction_ = true;
  return {};
}

Status PostgresDatabase::commit() {
  auto s = exec("COMMIT");
  in_transaction_ = false;
  return s;
}

void PostgresDatabase::rollback() {
  in_transaction_ = false;
  if (PQstatus(conn_) == CONNECTION_OK) (void)exec("ROLLBACK");
}

}  // namespace kith::engine
