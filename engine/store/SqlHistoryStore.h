// The store over SQL: one SQLite file in WAL mode (the embedded default) or
// one PostgreSQL database (a team's, shared by many kithd workers), the
// same code on both (SqlDatabase.h). Thread-safe: one connection, and each
// call (a whole transaction for apply) holds a mutex, so accounts syncing
// on several threads never share a transaction.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <unordered_set>

#include "store/HistoryStore.h"
#include "store/IgnoreSet.h"
#include "store/SqlDatabase.h"
#include "store/SummaryBlob.h"

namespace kith::engine {

class SqlHistoryStore final : public HistoryStore {
 public:
  // Opens or creates the SQLite store at `path` (file created 0600) and
  // migrates its schema. Errors name the file.
  static Result<std::unique_ptr<SqlHistoryStore>> open(const std::string& path);
  // A store on a database already open and migrated (PostgresStore.h).
  explicit SqlHistoryStore(std::unique_ptr<SqlDatabase> db) : owned_db_(std::move(db)), db_(*owned_db_) {}

  Result<SyncState> load_sync_state(const std::string& account) override;
  Result<ApplyResult> apply(const std::string& account, const ExtractedBatch& batch) override;
  Result<std::int64_t> begin_run(const std::string& account, UnixSeconds started) override;
  Status finish_run(std::int64_t run_id, UnixSeconds finished, const RunOutcome& outcome) override;
  Status record_item_error(std::int64_t run_id, const ItemError& error) override;
  Status set_account_state(const std::string& account, const AccountState& state) override;

  Result<std::size_t> contact_count() override;
  Result<std::vector<ContactSummary>> contacts(ContactSort sort, std::optional<std::size_t> limit,
                                               UnixSeconds now) override;
  Result<std::optional<ContactSummary>> find_contact(const std::string& address_or_id, UnixSeconds now) override;
  Result<std::vector<HistoryEntry>> history(std::int64_t contact_id, UnixSeconds now) override;
  Result<std::vector<AccountStatus>> account_status(const std::vector<std::string>& accounts) override;

  Result<std::vector<Person>> people(std::optional<std::int64_t> person = std::nullopt, bool all_handles = true) override;
  Result<std::optional<std::int64_t>> person_with_handle(HandleKind kind, const std::string& value) override;
  Result<Timelines> timelines(std::optional<std::int64_t> person) override;
  Result<Timelines> timelines_of(const std::vector<std::int64_t>& people) override;
  Result<Timelines> timelines_seen_by(const std::vector<std::string>& accounts) override;
  Result<std::vector<PersonWithSummary>> people_with_summaries(const PeopleQuery& query) override;
  Result<std::size_t> refresh_summaries(const Summarize& summarize, double half_life_days, UnixSeconds now) override;
  Result<std::unordered_map<std::int64_t, std::string>> interaction_titles(
      const std::vector<std::int64_t>& interaction_ids) override;
  Result<std::map<std::string, int>> tag_cadences() override;
  Result<std::unordered_map<std::int64_t, CardSummary>> cards() override;
  Result<std::vector<SharedCard>> shared_cards() override;
  Result<std::vector<PositionRecord>> positions(std::optional<std::int64_t> person) override;
  Status for_each_interaction_quarter(UnixSeconds as_of, const std::function<void(const InteractionQuarter&)>& each) override;
  Status merge_people(std::int64_t into, const std::vector<std::int64_t>& others) override;
  Result<std::int64_t> split_person(std::int64_t person, HandleKind kind, const std::string& value) override;
  Status rename_person(std::int64_t person, const std::string& name) override;
  Status tag_person(std::int64_t person, const std::vector<std::string>& tags, bool add) override;
  Status set_person_cadence(std::int64_t person, std::optional<int> days) override;
  Status set_tag_cadence(const std::string& tag, std::optional<int> days) override;
  Status snooze_person(std::int64_t person, UnixSeconds until) override;
  Result<std::size_t> ignore(const std::vector<std::string>& entries) override;
  Result<bool> unignore(const std::string& entry) override;
  Result<std::vector<IgnoreEntry>> ignores() override;
  Result<std::size_t> set_config_ignores(const std::vector<std::string>& entries) override;
  Result<Decisions> decisions() override;
  Status import_decisions(const Decisions& decisions) override;
  Result<MemberDecisions> member_decisions(const std::string& member) override;
  Status tag_person_for(const std::string& member, std::int64_t person, const std::vector<std::string>& tags,
                        bool add) override;
  Status set_person_cadence_for(const std::string& member, std::int64_t person, std::optional<int> days) override;
  Status set_tag_cadence_for(const std::string& member, const std::string& tag, std::optional<int> days) override;
  Status snooze_person_for(const std::string& member, std::int64_t person, UnixSeconds until) override;
  Result<std::size_t> ignore_for(const std::string& member, const std::vector<std::string>& entries) override;
  Result<bool> unignore_for(const std::string& member, const std::string& entry) override;
  Status forget_cursors(const std::string& account) override;
  Result<std::vector<OccurrenceRow>> occurrences(const OccurrenceFilter& filter) override;
  Result<std::int64_t> declare_event(const DeclaredEvent& event) override;
  Result<std::vector<DeclaredEvent>> declared_events() override;
  Result<bool> remove_declared_event(std::int64_t id) override;
  Status decide_met(const std::string& event_key, std::int64_t person, bool confirmed, const std::string& tag) override;
  Result<std::vector<MetDecision>> met_decisions() override;
  Result<std::vector<ReminderTask>> reminder_tasks() override;
  Status put_reminder_task(const ReminderTask& task) override;
  Status forget_reminder_task(const std::string& uid) override;

  // For tests and tools that need to look underneath.
  SqlDatabase& database() { return db_; }

  // kithd on a PostgreSQL store (AccountLeases.h): from now on apply()
  // commits a batch only while `worker` holds its account's lease,
  // unexpired, and holds the lease row locked until the commit ends. "" (the
  // default) checks nothing.
  void set_lease_worker(std::string worker);

 private:
  Result<std::int64_t> handle_id_for(const Interaction& interaction);
  // The contact a handle that is not in the store yet joins: its group's,
  // when the user decided one (PeopleRows.cpp), else a new one.
  Result<std::int64_t> contact_for_new_handle(std::string_view kind, const std::string& value,
                                              const std::string& name);
  // `counted`: (dedupe key, handle) rows whose display name was counted before.
  Result<std::size_t> insert_interaction(const std::string& account, const Interaction& interaction,
                                         const std::string* event_uid, std::int64_t participants = 1,
                                         const std::set<std::pair<std::string, std::int64_t>>* counted = nullptr);
  Result<std::size_t> insert_message(const std::string& account, const MessageInteractions& message,
                                     ApplyResult& result);
  Result<std::size_t> remove_event_if_orphaned(const std::string& uid);
  // EventRows.cpp, inside apply()'s transaction: the occurrences of an
  // event UID replace what it had.
  Status store_occurrences(const std::string& account, const EventInteractions& event);
  // Contact cards (ContactCardRows.cpp): inside apply()'s transaction.
  Status store_card(const std::string& account, const ContactCard& card);
  Status remove_card(const std::string& account, const ContactRemoval& removal);
  Status separate_decided_people(const Decisions& decisions);
  // Moves everything of contact `other` to `into` and drops `other`.
  Status move_contact(std::int64_t into, std::int64_t other);
  Status join_by_card(std::int64_t into, std::int64_t other);
  Status record_position(const std::string& account, const ContactCard& card, std::optional<std::int64_t> contact_id);
  Status load_cards(std::vector<ContactSummary>& contacts, const std::map<std::int64_t, std::size_t>& index);
  Result<std::unordered_map<std::int64_t, CardSummary>> read_cards();
  Result<std::vector<ContactSummary>> summaries(const std::string& where, const std::string& key,
                                                UnixSeconds now);
  Result<std::optional<SyncRun>> run_where(const std::string& where, const std::string& account);

  // PeopleRows.cpp, inside a transaction.
  Result<std::int64_t> group_of(std::int64_t person);
  Result<IgnoreSet> load_ignores(const std::string& sql);
  Result<std::size_t> remove_ignored_interactions(const std::string& entry);
  Status remember_past_ignore(const std::string& entry);
  Status require_person(std::int64_t person);
  Result<std::unordered_map<std::int64_t, std::string>> derived_names(std::optional<std::int64_t> person = std::nullopt);
  Status names_of_changed_people(std::unordered_map<std::int64_t, std::string>& names, std::optional<std::int64_t> person);

  // SummaryRows.cpp. Marks the people of `handles` as changed, inside a transaction.
  Status mark_changed(const std::unordered_set<std::int64_t>& handles);
  Result<Timelines> read_timelines(const std::string& where, const std::vector<std::int64_t>& people);
  // merge_people's work for one other person, inside the caller's
  // transaction.
  Status merge_into(std::int64_t into, std::int64_t group, std::int64_t other);
  // Moves the members' decisions of group `from` to `to` (`to`'s own win),
  // inside the caller's transaction (MemberDecisionRows.cpp).
  Status move_member_decisions(std::int64_t to, std::int64_t from);
  // ignore()'s for one entry, inside the caller's transaction.
  Result<std::size_t> add_ignore(const std::string& entry);
  // What a list shows of a person, as it is now (none: no such contact).
  Result<std::optional<PersonListing>> listing_of(std::int64_t person);
  // Whether the kept summaries were made with this half-life and layout.
  Result<bool> summaries_made_with(double half_life_days);
  // people() (Row: Person) and people_with_summaries() (PersonWithSummary):
  // by id. Defined and used in PeopleRows.cpp alone.
  template <class Row>
  Result<std::vector<Row>> read_people(const PeopleQuery& query);

  std::mutex mutex_;
  // apply()'s: handles that gained interactions, and the display names
  // they came with (handle_names), written at the end of the batch.
  std::unordered_set<std::int64_t> changed_handles_;
  // apply()'s: the handles it looked up or made, by "kind\0value", so a
  // batch asks the database once per correspondent rather than once per
  // message (a round trip each on PostgreSQL). Only within one apply: its
  // write turn keeps anyone else from moving or removing them meanwhile.
  std::unordered_map<std::string, std::int64_t> handle_ids_;
  // apply()'s: the batch's message keys already stored (asked at once, a
  // hundred a statement), and each message's key once inserted, so that a
  // second message with the key in the same batch is checked as rule 1 says.
  std::unordered_set<std::string> stored_keys_;
  Status load_stored_keys(const ExtractedBatch& batch);
  struct NameSeen {
    std::int64_t count = 0;
    UnixSeconds first_seen = 0;
  };
  std::map<std::pair<std::int64_t, std::string>, NameSeen> names_seen_;
  // apply()'s: the interactions it inserted, counted by handle, account
  // and quarter (QuarterCounts.cpp), and the event UIDs among them. The
  // counts go to interaction_quarters once per key, not once per row as a
  // trigger would (an upsert each: a third of an insert's cost), before
  // anything removes rows the batch inserted and before the commit.
  struct QuarterAdded {
    std::int64_t count = 0;
    UnixSeconds first_at = 0, last_at = 0;
  };
  std::map<std::tuple<std::int64_t, std::string, std::int64_t>, QuarterAdded> quarters_added_;
  std::unordered_set<std::string> quarters_added_events_;
  void count_quarter(std::int64_t handle_id, const std::string& account, UnixSeconds at,
                     const std::string* event_uid);
  Status write_quarters_added();
  // Before removing an event's rows: its rows counted but not yet written.
  Status write_quarters_added_of(const std::string& event_uid);
  // apply()'s, loaded at its start.
  IgnoreSet ignored_;
  IgnoreSet once_ignored_;
  std::unique_ptr<SqlDatabase> owned_db_;
  SqlDatabase& db_;
  std::string lease_worker_;
};

}  // namespace kith::engine
