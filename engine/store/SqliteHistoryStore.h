// The embedded default store: one SQLite file in WAL mode. Thread-safe: one
// connection, and each call (a whole transaction for apply) holds a mutex,
// so accounts syncing on several threads never share a transaction.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/HistoryStore.h"
#include "store/SqliteDatabase.h"

namespace kith::engine {

class SqliteHistoryStore final : public HistoryStore {
 public:
  // Opens or creates the store at `path` (file created 0600) and migrates
  // its schema. Errors name the file.
  static Result<std::unique_ptr<SqliteHistoryStore>> open(const std::string& path);

  Result<SyncState> load_sync_state(const std::string& account) override;
  Result<ApplyResult> apply(const std::string& account, const ExtractedBatch& batch) override;
  Result<std::int64_t> begin_run(const std::string& account, UnixSeconds started) override;
  Status finish_run(std::int64_t run_id, UnixSeconds finished, const RunOutcome& outcome) override;
  Status record_item_error(std::int64_t run_id, const ItemError& error) override;
  Status set_account_state(const std::string& account, const AccountState& state) override;

  Result<std::vector<ContactSummary>> contacts(ContactSort sort, std::optional<std::size_t> limit,
                                               UnixSeconds now) override;
  Result<std::optional<ContactSummary>> find_contact(const std::string& address_or_id, UnixSeconds now) override;
  Result<std::vector<HistoryEntry>> history(std::int64_t contact_id, UnixSeconds now) override;
  Result<std::vector<AccountStatus>> account_status(const std::vector<std::string>& accounts) override;

  // For tests and tools that need to look underneath.
  SqliteDatabase& database() { return db_; }

 private:
  explicit SqliteHistoryStore(SqliteDatabase db) : db_(std::move(db)) {}

  Result<std::int64_t> handle_id_for(const Interaction& interaction);
  Result<std::size_t> insert_interaction(const std::string& account, const Interaction& interaction,
                                         const std::string* event_uid);
  Result<std::size_t> insert_message(const std::string& account, const MessageInteractions& message,
                                     ApplyResult& result);
  Result<std::size_t> remove_event_if_orphaned(const std::string& uid);
  // Contact cards (ContactCardRows.cpp): inside apply()'s transaction.
  Status store_card(const std::string& account, const ContactCard& card);
  Status remove_card(const std::string& account, const ContactRemoval& removal);
  Status load_cards(std::vector<ContactSummary>& contacts, const std::map<std::int64_t, std::size_t>& index);
  Result<std::vector<ContactSummary>> summaries(const std::string& where, const std::string& key,
                                                UnixSeconds now);
  Result<std::optional<SyncRun>> run_where(const std::string& where, const std::string& account);

  std::mutex mutex_;
  SqliteDatabase db_;
};

}  // namespace kith::engine
