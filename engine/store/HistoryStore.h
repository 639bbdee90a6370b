// The one seam between the engine and its storage. Extraction and
// providers never see SQL; a server database backend would implement this
// interface and nothing else would change.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
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

// What the contact's address-book card says (the newest, when several do).
struct CardSummary {
  std::string formatted_name;
  std::string organization;
  std::string title;
  std::string birthday;     // "1984-04-12", or "--04-12" without a year; "" if none
  std::string anniversary;  // likewise
  std::vector<std::string> nicknames;
  std::vector<std::string> categories;
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
};

struct HistoryEntry {
  InteractionKind kind = InteractionKind::EmailReceived;
  UnixSeconds when = 0;
  std::string handle;                // the contact's handle it was with
  std::string handle_kind = "email";  // "email", "uri", "phone"
  std::string channel;               // a conversation's channel; "" for mail and meetings
  std::string account;
  std::string title;  // the mail's subject or the meeting's title; may be empty
  bool upcoming = false;
};

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
  // By numeric id or by any of the contact's handles: an address
  // (case-insensitive), a profile URI, a phone number.
  virtual Result<std::optional<ContactSummary>> find_contact(const std::string& address_or_id,
                                                             UnixSeconds now) = 0;
  // Newest first.
  virtual Result<std::vector<HistoryEntry>> history(std::int64_t contact_id, UnixSeconds now) = 0;
  // One entry per account that ever ran, plus the names given.
  virtual Result<std::vector<AccountStatus>> account_status(const std::vector<std::string>& accounts) = 0;
};

}  // namespace kith::engine
