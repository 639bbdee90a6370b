// `kith migrate-store --to postgresql://…`: copies the SQLite history into
// an empty PostgreSQL database (store/StoreCopy.h), all or nothing.
#include <cstdio>
#include <filesystem>

#include "cli/Commands.h"
#include "cli/Output.h"
#include "daemon/StoreLock.h"
#include "store/PostgresStore.h"
#include "store/SqliteDatabase.h"
#include "store/StoreCopy.h"

namespace kith::engine {

int run_migrate_store(Session& session, const std::string& to) {
  if (!is_postgres_url(to))
    return report_error(Status::account("migrate-store: --to '" + to +
                                        "' is not a PostgreSQL URL (postgresql://user@host:port/database)"));
  if (!session.store_url().empty())
    return report_error(Status::account("migrate-store: the store is already PostgreSQL (" + session.store_name() +
                                        "); it copies a SQLite store only"));
  const std::filesystem::path path = session.store_path();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return report_error(Status::account("migrate-store: no history at '" + path.string() + "'"));
  if (auto pid = StoreLock::holder(path)) {
    std::string message = "migrate-store: kithd (pid ";
    message.append(std::to_string(*pid)).append(") is writing to '").append(path.string());
    message.append("'; stop it first so nothing written after the copy is lost");
    return report_error(Status::account(message));
  }
  // Opening the store brings the file to the current schema first.
  if (auto store = session.store(); !store) return report_error(store.status());

  auto settings = session.postgres_settings();
  if (!settings) return report_error(settings.status());
  settings->url = to;
  auto source = SqliteDatabase::open(path.string());
  if (!source) return report_error(source.status());
  auto target = open_postgres_database(*settings);
  if (!target) return report_error(target.status().with_context("migrate-store"));

  const bool json = session.options().json;
  auto report = copy_sqlite_to_postgres(**source, **target, [&](const CopiedTable& table) {
    if (!json) std::fprintf(stderr, "kith: migrate-store: %s: %lld rows\n", table.name.c_str(),
                            static_cast<long long>(table.rows));
  });
  if (!report) return report_error(report.status().with_context("migrate-store"));

  std::int64_t total = 0;
  for (const auto& t : report->tables) total += t.rows;
  const std::string& name = (*target)->name();  // never the password
  if (json) {
    nlohmann::json tables = nlohmann::json::object();
    for (const auto& t : report->tables) tables[t.name] = t.rows;
    print_json({{"source", path.string()}, {"target", name}, {"rows", total}, {"tables", tables}});
    return 0;
  }
  std::printf("copied %lld people, %lld interactions, %lld contact cards (%lld rows in %zu tables) to %s\n",
              static_cast<long long>(report->rows("contacts")), static_cast<long long>(report->rows("interactions")),
              static_cast<long long>(report->rows("contact_cards")), static_cast<long long>(total),
              report->tables.size(), name.c_str());
  std::printf("to use it, set in your config:\n  [store]\n  url = \"%s\"\n", name.c_str());
  std::printf("(with password_command or password_env when it needs a password; %s stays as it was)\n",
              path.string().c_str());
  return 0;
}

}  // namespace kith::engine
