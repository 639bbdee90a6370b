// The one seam between the engine and its storage. Extraction and
// providers never see SQL; a server database backend would implement this
// interface and nothing else would change.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/Interaction.h"
#include "kith/Provider.h"
#include "kith/Status.h"

namespace kith::engine {

struct ApplyResult {
  std::size_t interactions_added = 0;
  std::size_t interactions_removed = 0;
  // Rule 1 conflicts: messages that added nothing because a different
  // message was stored under the same key first (a reused Message-ID), each
  // as "key (from/to addresses)", for a debug log line.
  std::vector<std::string> reused_keys;
};

enum class RunState { Running, Ok, Failed, Cancelled };
const char* to_string(RunState state);

struct RunOutcome {
  RunState state = RunState::Ok;
  std::size_t items = 0;
  std::size_t interactions_added = 0;
  std::size_t item_errors = 0;
  std::string error_kind;     // kith::to_string(ErrorKind) when failed
  std::string error_message;  // never contains a secret
};

struct SyncRun {
  std::int64_t id = 0;
  std::string account;
  UnixSeconds started = 0;
  std::optional<UnixSeconds> finished;
  RunOutcome outcome;
};

struct ItemError {
  std::string account;
  std::string collection;
  std::string item;
  std::string message;
  UnixSeconds at = 0;
};

// What kithd is doing with an account, as it last wrote it.
struct AccountState {
  std::string state;  // "idle", "syncing", "backing_off", "failed"
  UnixSeconds since = 0;
  std::optional<UnixSeconds> until;  // backing_off: next attempt; idle: next scheduled sync
  std::string reason;                // failed / backing_off: why
};

struct AccountStatus {
  std::string account;
  std::optional<AccountState> daemon_state;
  std::optional<SyncRun> last_run;
  std::optional<UnixSeconds> last_success;
  std::optional<SyncRun> last_failure;
  // Quarantined items: each item that failed in any run, once (newest error), newest first.
  std::vector<ItemError> recent_item_errors;
};

enum class ContactSort { LastInteraction, Count, Name };

// A calendar occurrence the owner attends (not cancelled, not declined),
// for events and virtual coffees (relate/Events.h).
struct OccurrenceRow {
  std::string event_uid;
  std::string recurrence_id;  // "" for a single event
  std::string account;
  std::string collection;
  std::string calendar_name;  // its display name, when the provider knows it
  UnixSeconds start = 0, end = 0;
  bool all_day = false;
  std::string title;
  bool has_location = false;
  std::string location;
  bool video = false;
  std::uint32_t others = 0;          // other people it lists, all of them
  std::vector<std::int64_t> people;  // the people of those kept, ascending, each once
};

// Which occurrences to read: those overlapping [from, to]; with
// `video_with_at_most`, only video calls with 1 to that many other people.
struct OccurrenceFilter {
  UnixSeconds from = INT64_MIN;
  UnixSeconds to = INT64_MAX;
  std::optional<std::uint32_t> video_with_at_most;
  // A team member's (`--member`): only events one of these accounts holds
  // (stored from it, or the same event in one of its calendars). Unset: all.
  std::optional<std::vector<std::string>> accounts;
};

// An event the user declared (`kith event add`).
struct DeclaredEvent {
  std::int64_t id = 0;
  std::string title;
  UnixSeconds start = 0, end = 0;
  std::string tag;  // applied to the people confirmed; may be empty
};

// What the user decided about someone being met at an event.
struct MetDecision {
  std::string event_key;  // relate/Events.h event_key()
  std::int64_t person = 0;
  bool confirmed = false;  // else rejected
};

// A reminder Kith wrote as a task (relate/Reminders.h), as last written or
// adopted from the list.
struct ReminderTask {
  std::string uid;
  std::string account;
  std::string list;
  std::string name;  // the task's name in the list (href, file name)
  std::string etag;  // the version Kith last saw
  std::optional<std::int64_t> person;
  std::string reason;    // "due", "followup:<event key>", "milestone:<kind>:<date>"
  std::string due;       // "YYYY-MM-DD", as Kith last wrote it
  std::string user_due;  // the day the user moved it to; "" if they did not
  bool completed = false;
  UnixSeconds written_at = 0;
};

// What the contact's address-book cards say: each field from the newest
// card that has it (organization and title together, as one position).
struct CardSummary {
  std::string formatted_name;
  std::string organization;
  std::string title;
  std::string birthday;     // "1984-04-12", or "--04-12" without a year; "" if none
  std::string anniversary;  // likewise
  std::string connected;    // likewise: the day first connected (a LinkedIn connection)
  std::vector<std::string> nicknames;
  std::vector<std::string> categories;
  std::vector<std::string> sources;  // the accounts the cards came from, oldest card first
};

// An organization and title a card showed, from the sync that first saw
// it. Each card's first is where the person was; each later one of the
// same card is a job change.
struct PositionRecord {
  std::int64_t person = 0;
  std::string card;  // "account/collection/resource": positions compare within one card
  std::string organization;
  std::string title;
  UnixSeconds seen_at = 0;
};

// Interactions of one person in one account and calendar month (UTC), for
// the network view.
struct InteractionQuarter {
  std::int64_t person = 0;
  std::string account;
  int quarter = 0;  // UTC: year * 4 + (quarter - 1)
  std::uint32_t count = 0;
  UnixSeconds first_at = 0, last_at = 0;
};

struct ContactSummary {
  std::int64_t id = 0;
  std::string name;
  std::vector<std::string> addresses;  // its email handles
  std::vector<std::pair<std::string, std::string>> handles;  // every handle: (kind, value), by kind
  std::optional<UnixSeconds> first_interaction;  // past interactions only
  std::optional<UnixSeconds> last_interaction;
  std::size_t email_sent = 0;
  std::size_t email_received = 0;
  std::size_t meetings = 0;           // past meetings
  std::size_t upcoming_meetings = 0;  // meetings that start after `now`
  std::size_t messages_sent = 0;      // conversation messages (ABI 2.2)
  std::size_t messages_received = 0;
  std::optional<CardSummary> card;  // from a contact card (ABI 2.2), if any
  // What the relationship queries add (`kith contacts`); the store leaves them.
  double strength = 0;
  std::vector<std::string> tags;
};

struct HistoryEntry {
  InteractionKind kind = InteractionKind::EmailReceived;
  UnixSeconds when = 0;
  std::string handle;                // the contact's handle it was with
  std::string handle_kind = "email";  // "email", "uri", "phone"
  std::string channel;               // a conversation's channel; "" for mail and meetings
  std::string account;  // the account that stored it first (timelines_seen_by: all that saw it)
  std::string title;  // the mail's subject or the meeting's title; may be empty
  bool upcoming = false;
  std::int64_t interaction_id = 0;
};

// One interaction as the relationship queries read it.
struct TimelineEntry {
  InteractionKind kind = InteractionKind::EmailReceived;
  UnixSeconds at = 0;
  std::uint32_t participants = 1;  // a meeting's other people in that occurrence; 1 otherwise
  std::int64_t interaction_id = 0;
};

// Per person id, that person's interactions, oldest first.
using Timelines = std::unordered_map<std::int64_t, std::vector<TimelineEntry>>;

// What the relationship queries need of one person's timeline, so that they
// need not read it (relate/PersonSummary.h computes it, the store keeps it).
// It answers for any moment at or after `last` and before `next_after`.
struct PersonSummary {
  double half_life_days = 0;
  UnixSeconds reference = 0;                // covers the interactions at or before this moment
  std::optional<UnixSeconds> next_after;    // the first interaction after `reference`
  std::optional<UnixSeconds> next_meeting;  // the first meeting after `reference`
  std::optional<TimelineEntry> first, last, last_touch, last_received;
  // Decayed weights at `reference` (relate/Strength.h): mail and messages
  // sent, received, and meetings.
  double sent = 0, received = 0, meetings = 0;
  // Interactions at or before `reference`, by kind (InteractionKind order),
  // and meetings after it.
  std::array<std::uint32_t, 5> counts{};
  std::uint32_t upcoming_meetings = 0;
  // Distinct UTC days (days since 1970) with an interaction, ascending,
  // those within 730 days up to `last`.
  std::vector<std::int32_t> days;
  std::uint32_t day_count = 0;  // days.size(), also when the days were not read
  // The usual gap (relate/KeepInTouch.h) at `reference`, and the moments
  // between which it is the same, so a list need not work it out again:
  // from `gap_from` (none: any earlier one) to before `gap_until`.
  std::optional<double> usual_gap_days;
  std::optional<UnixSeconds> gap_from, gap_until;
};

// A contact with what the user decided about it.
struct Person {
  std::int64_t id = 0;
  // `kith rename`'s name, else the display name seen most often for the
  // person's handles (ties: the one seen first); may be empty.
  std::string name;
  bool renamed = false;
  std::vector<std::pair<std::string, std::string>> handles;  // (kind, value), by kind then value
  std::vector<std::string> tags;                            // sorted
  std::optional<int> cadence_days;                          // the person's own; 0: none
  std::optional<UnixSeconds> snoozed_until;
  bool ignored = false;  // every one of its handles is ignored
};

// Whom a relationship list over everyone reads (people_with_summaries):
// the store narrows it by what the kept summaries say, so that a list
// reads the rows of those it could show, not of everyone.
struct PeopleQuery {
  std::optional<std::int64_t> person;  // only this one
  bool all_handles = false;            // as people()
  bool days = false;  // PersonSummary::days too (only drift needs them), where the kept gap does not answer at as_of
  // The narrowing keeps only people whose kept summary, made with
  // `half_life_days`, says so; people it does not answer for at `as_of`
  // (none kept, changed since, an interaction between its last and as-of)
  // are always kept, for the caller to work out.
  UnixSeconds as_of = 0;
  double half_life_days = 0;
  std::optional<UnixSeconds> received_since;  // mail or a message received at or after
  std::optional<std::uint32_t> min_days;      // at least this many interaction days
  std::optional<double> min_drift_ratio;      // drifting at least this much (with min_days: the fewest days to)
  bool with_cadence = false;                  // a cadence of their own or from a tag
};

struct PersonWithSummary {
  Person person;
  std::optional<PersonSummary> kept;  // not changed since it was made
};

// The user's decisions about people, as `kith decisions export` writes
// them and `import` reads them: by handle, never by id, so that they
// apply to any store, a new one too, before or after its first sync.
struct PersonDecision {
  std::vector<std::pair<std::string, std::string>> handles;  // (kind, value): one person
  std::optional<std::string> name;                          // `kith rename`
  std::optional<int> cadence_days;                          // 0: none
  std::optional<UnixSeconds> snoozed_until;
  std::vector<std::string> tags;
};
struct Decisions {
  std::vector<PersonDecision> people;
  std::map<std::string, int> tag_cadences;
  std::vector<std::string> ignores;  // `kith ignore`'s (the config's stay in the config)
};

// A team member's own decisions (`--member NAME` on tag, untag, cadence,
// snooze, ignore, unignore). They shape that member's views alone and
// never what is stored: a member's ignore hides people from that member,
// and every interaction stays for the rest of the team.
struct MemberPersonDecisions {
  std::optional<int> cadence_days;  // 0: none
  std::optional<UnixSeconds> snoozed_until;
  std::vector<std::string> tags;  // sorted
};
struct MemberDecisions {
  std::map<std::int64_t, MemberPersonDecisions> people;  // by person id
  std::map<std::string, int> tag_cadences;
  std::vector<std::string> ignores;  // handles and "@domain"s, sorted
};

struct IgnoreEntry {
  std::string entry;   // a handle, or "@domain"
  std::string source;  // "cli" (`kith ignore`) or "config" ([identity] ignore)
};

// An address-book card whose handles belong to more than one person.
struct SharedCard {
  std::string card_name;
  std::vector<std::int64_t> people;  // sorted, at least two
};

// Sorts contacts as `kith contacts --sort` says: most recent first
// (contacts with only upcoming meetings last), most interactions first, or
// by name (or first handle, without case); ties by id.
void sort_contacts(std::vector<ContactSummary>& contacts, ContactSort sort);
// What --sort name orders by: the name, else the first handle, without case.
std::string contact_name_key(const std::string& name, const std::vector<std::pair<std::string, std::string>>& handles);

class HistoryStore {
 public:
  virtual ~HistoryStore() = default;

  // --- sync side ---
  // The committed cursors of `account`.
  virtual Result<SyncState> load_sync_state(const std::string& account) = 0;
  // Stores the batch's interactions, event replacements and removals, and
  // its cursor, in one transaction: all of it or none of it.
  virtual Result<ApplyResult> apply(const std::string& account, const ExtractedBatch& batch) = 0;
  virtual Result<std::int64_t> begin_run(const std::string& account, UnixSeconds started) = 0;
  virtual Status finish_run(std::int64_t run_id, UnixSeconds finished, const RunOutcome& outcome) = 0;
  virtual Status record_item_error(std::int64_t run_id, const ItemError& error) = 0;
  // Written by kithd on every change of an account's state.
  virtual Status set_account_state(const std::string& account, const AccountState& state) = 0;

  // --- queries ---
  // Contacts with at least one interaction; `now` splits past from upcoming.
  virtual Result<std::vector<ContactSummary>> contacts(ContactSort sort, std::optional<std::size_t> limit,
                                                       UnixSeconds now) = 0;
  // How many contacts() lists, without reading them (`kith status`).
  virtual Result<std::size_t> contact_count() = 0;
  // By numeric id or by any of the contact's handles: an address
  // (case-insensitive), a profile URI, a phone number.
  virtual Result<std::optional<ContactSummary>> find_contact(const std::string& address_or_id,
                                                             UnixSeconds now) = 0;
  // Newest first.
  virtual Result<std::vector<HistoryEntry>> history(std::int64_t contact_id, UnixSeconds now) = 0;
  // One entry per account that ever ran, plus the names given.
  virtual Result<std::vector<AccountStatus>> account_status(const std::vector<std::string>& accounts) = 0;

  // --- people and the user's decisions (PeopleRows.cpp) ---
  // Every contact that has a handle, or only `person`. Without
  // `all_handles`, a person's handles are read only when they are needed
  // (to name someone without a name, or to tell whether an ignore covers
  // them all): the relationship lists over everyone need no more.
  virtual Result<std::vector<Person>> people(std::optional<std::int64_t> person = std::nullopt,
                                             bool all_handles = true) = 0;
  // The person with this handle, if any.
  virtual Result<std::optional<std::int64_t>> person_with_handle(HandleKind kind, const std::string& value) = 0;
  // Every person's interactions, or only `person`'s.
  virtual Result<Timelines> timelines(std::optional<std::int64_t> person) = 0;
  // These people's interactions.
  virtual Result<Timelines> timelines_of(const std::vector<std::int64_t>& people) = 0;
  // Every person's interactions that these accounts saw (a team member's,
  // `--member` and `kith intro`); none for no accounts. Seen: stored from
  // one of them, or the same message in one of them (interaction_accounts),
  // or an event one of their calendars holds (event_sources).
  virtual Result<Timelines> timelines_seen_by(const std::vector<std::string>& accounts) = 0;
  // people(), narrowed as `query` says, each with their kept summary.
  virtual Result<std::vector<PersonWithSummary>> people_with_summaries(const PeopleQuery& query) = 0;
  // In one write transaction: summarizes again every person whose
  // interactions changed since their summary was made, who has none, or
  // whose summary was made with another half-life or has an interaction
  // dated before `now` that it did not count; keeps the results. Returns
  // how many were summarized.
  using Summarize = std::function<PersonSummary(const std::vector<TimelineEntry>&)>;
  virtual Result<std::size_t> refresh_summaries(const Summarize& summarize, double half_life_days,
                                                UnixSeconds now) = 0;
  // The subject or title of each interaction asked for that has one.
  virtual Result<std::unordered_map<std::int64_t, std::string>> interaction_titles(
      const std::vector<std::int64_t>& interaction_ids) = 0;
  virtual Result<std::map<std::string, int>> tag_cadences() = 0;
  // What each person's newest address-book card says, by person id.
  virtual Result<std::unordered_map<std::int64_t, CardSummary>> cards() = 0;
  virtual Result<std::vector<SharedCard>> shared_cards() = 0;
  // Every position the cards showed (of `person` only, if given), by
  // person, oldest first.
  virtual Result<std::vector<PositionRecord>> positions(std::optional<std::int64_t> person = std::nullopt) = 0;
  // Calls `each` with the interactions at or before `as_of`, counted by
  // person, account and quarter; a person seen under two handles may have
  // a count for each (sum them). One row at a time: a big store holds ~7
  // per person.
  virtual Status for_each_interaction_quarter(UnixSeconds as_of,
                                            const std::function<void(const InteractionQuarter&)>& each) = 0;

  // --- events, coffees and reminders (EventRows.cpp, ReminderRows.cpp) ---
  // Occurrences as `filter` says, by start.
  virtual Result<std::vector<OccurrenceRow>> occurrences(const OccurrenceFilter& filter) = 0;
  // Returns the new event's id.
  virtual Result<std::int64_t> declare_event(const DeclaredEvent& event) = 0;
  virtual Result<std::vector<DeclaredEvent>> declared_events() = 0;
  // False when there was no such event.
  virtual Result<bool> remove_declared_event(std::int64_t id) = 0;
  // Confirms or rejects `person` as met at the event; with `tag`, tags
  // them (confirmed only), in the same transaction.
  virtual Status decide_met(const std::string& event_key, std::int64_t person, bool confirmed,
                            const std::string& tag) = 0;
  virtual Result<std::vector<MetDecision>> met_decisions() = 0;
  virtual Result<std::vector<ReminderTask>> reminder_tasks() = 0;
  // Inserts or replaces the task with this uid.
  virtual Status put_reminder_task(const ReminderTask& task) = 0;
  virtual Status forget_reminder_task(const std::string& uid) = 0;

  // Each decision is one transaction and is kept by handle (see Schema.cpp).
  // Moves every handle, card, tag and decision of `others` to `into`; the
  // first person's own name, cadence and snooze win.
  virtual Status merge_people(std::int64_t into, const std::vector<std::int64_t>& others) = 0;
  // Moves one handle of `person` to a new person, whose id it returns.
  virtual Result<std::int64_t> split_person(std::int64_t person, HandleKind kind, const std::string& value) = 0;
  // An empty name goes back to the name seen most often.
  virtual Status rename_person(std::int64_t person, const std::string& name) = 0;
  virtual Status tag_person(std::int64_t person, const std::vector<std::string>& tags, bool add) = 0;
  // nullopt: the person's tags or the default decide again; 0: none.
  virtual Status set_person_cadence(std::int64_t person, std::optional<int> days) = 0;
  virtual Status set_tag_cadence(const std::string& tag, std::optional<int> days) = 0;
  virtual Status snooze_person(std::int64_t person, UnixSeconds until) = 0;
  // Adds entries (handles, "@domain") and removes every interaction they
  // cover, at once; later syncs record none. Returns the interactions removed.
  virtual Result<std::size_t> ignore(const std::vector<std::string>& entries) = 0;
  // False when `entry` was not ignored by `kith ignore`.
  virtual Result<bool> unignore(const std::string& entry) = 0;
  virtual Result<std::vector<IgnoreEntry>> ignores() = 0;
  // Makes the config's entries the ignored ones from the config, removing
  // the interactions of new ones. Returns the interactions removed.
  virtual Result<std::size_t> set_config_ignores(const std::vector<std::string>& entries) = 0;
  // Every decision, by handle: people in the order of their first handle.
  virtual Result<Decisions> decisions() = 0;
  // In one transaction: the handles of each person become one person (the
  // people who have them now are merged), whose name, cadence, snooze and
  // tags become the imported ones; handles not seen yet join that person
  // when they come. Tag cadences are set; ignores added (and their
  // interactions removed). What the store decided besides stays.
  virtual Status import_decisions(const Decisions& decisions) = 0;
  // A team member's own decisions (MemberDecisions), each in one
  // transaction and kept by person group, so that they follow merges.
  virtual Result<MemberDecisions> member_decisions(const std::string& member) = 0;
  virtual Status tag_person_for(const std::string& member, std::int64_t person, const std::vector<std::string>& tags,
                                bool add) = 0;
  virtual Status set_person_cadence_for(const std::string& member, std::int64_t person, std::optional<int> days) = 0;
  virtual Status set_tag_cadence_for(const std::string& member, const std::string& tag, std::optional<int> days) = 0;
  virtual Status snooze_person_for(const std::string& member, std::int64_t person, UnixSeconds until) = 0;
  // Adds entries to the member's ignores; removes nothing. Returns how many
  // were new.
  virtual Result<std::size_t> ignore_for(const std::string& member, const std::vector<std::string>& entries) = 0;
  // False when the member did not ignore `entry`.
  virtual Result<bool> unignore_for(const std::string& member, const std::string& entry) = 0;
  // `kith sync --full`: the account's next sync reads everything again.
  virtual Status forget_cursors(const std::string& account) = 0;
};

}  // namespace kith::engine
