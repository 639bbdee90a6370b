// The interface a provider implements, and the sink the engine gives it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kith/Abi.h"
#include "kith/Items.h"
#include "kith/Records.h"
#include "kith/Status.h"
#include "kith/Tasks.h"

namespace kith {

// Implemented by the engine. Thread-compatible: call it from the thread
// that called Provider::sync.
//
// Items cross as records (kith/Records.h): nothing whose layout can grow
// crosses the boundary. Providers call the inline commit(const Batch&),
// which writes the batch's items as records and commits them; the virtual
// record functions are for SDK code and hosts, not for provider authors.
class KITH_SDK_VISIBLE BatchSink {
 public:
  // Writes `batch` as records and commits it: the engine stores the batch
  // and its cursor atomically (all or nothing). A non-OK result means
  // nothing of the batch was stored; the provider must stop and return
  // that status. The engine may still be storing the batch when commit
  // returns (it writes one batch while the provider reads the next): a
  // batch it cannot store fails the next commit, which stores nothing
  // either, or the sync once the provider returns. Inline, so a plugin
  // sends exactly the records of the SDK minor it was built with.
  Status commit(const Batch& batch) noexcept;

  // One item could not be read (malformed headers, broken iCalendar). It is
  // recorded and skipped; the sync goes on. `item` names it for the user.
  virtual void item_failed(std::string_view collection, std::string_view item,
                           const Status& why) noexcept = 0;

  // Progress for long work; `total` is 0 when unknown.
  virtual void progress(std::string_view collection, std::uint64_t done,
                        std::uint64_t total) noexcept = 0;

  // --- the record protocol ---
  // A batch is: batch fields, then items; each item is begin_item, its
  // fields and parts, end_item; a part is begin_part, its fields (and
  // parts, for an occurrence's participants), end_part. commit_records
  // ends the batch. A call out of place makes the engine refuse the whole
  // batch at commit with an Internal error naming the call.
  virtual void begin_item(ItemKind kind) noexcept = 0;
  virtual void end_item() noexcept = 0;
  virtual void begin_part(PartKind kind) noexcept = 0;
  virtual void end_part() noexcept = 0;
  virtual void text(Field field, std::string_view value) noexcept = 0;
  virtual void number(Field field, std::int64_t value) noexcept = 0;
  virtual Status commit_records() noexcept = 0;

 protected:
  ~BatchSink() = default;
};

// What the engine remembers for this account: the last committed cursor of
// each collection ("" = the account's own cursor).
struct SyncState {
  std::map<std::string, std::string> cursors;
};

// What Provider::watch saw.
enum class WatchOutcome : int {
  Changed,      // the server reported a change: sync now
  TimedOut,     // nothing happened within the time given
  Unsupported,  // this provider (or this server) cannot push
};

// One collection (mail folder, calendar, address book) that Provider::check
// found on the server.
struct CollectionInfo {
  std::string name;  // as the user would name it in `folders`, `calendars`
  // What it is for: "inbox", "sent", "drafts", "junk", "trash", "calendar";
  // empty for an ordinary folder.
  std::string role;
  bool synced = true;  // false when the account's settings or the rules skip it
};

// What Provider::check saw. `supported` stays false for providers that
// cannot check without syncing.
struct CheckReport {
  bool supported = false;
  std::vector<CollectionInfo> collections;
};

// One provider instance serves one account. Created and destroyed through
// the plugin's ProviderDescriptor; never throws.
class KITH_SDK_VISIBLE Provider {
 public:
  virtual ~Provider() = default;

  // One sync pass: deliver everything new since `state` through `sink`,
  // then return. Check the context's Cancellation between round trips and
  // return Status::cancelled() when it is requested. Returns the worst
  // error that stopped the pass; item errors go to sink.item_failed.
  virtual Status sync(const SyncState& state, BatchSink& sink) noexcept = 0;

  // Push: blocks until the server reports a change a sync
  // would pick up (Changed), `max_wait_ms` passes (TimedOut), or the
  // context's Cancellation is requested (a Cancelled error). Errors have
  // the same kinds as sync()'s. The engine calls it between syncs, on a
  // provider instance of its own. Providers that cannot push keep this default.
  virtual Result<WatchOutcome> watch(std::int64_t max_wait_ms) noexcept {
    (void)max_wait_ms;
    return WatchOutcome::Unsupported;
  }

  // `kith accounts --check`: log in and list what a sync
  // would read, storing and delivering nothing. Fails with the error a sync
  // would fail with (a refused login is an Account error, an unreachable
  // server Transient). Providers that cannot check keep this default.
  //
  // Functions added in later minors go below, each saying its minor; the
  // engine calls them only on plugins built for that minor or later.
  virtual Result<CheckReport> check() noexcept { return CheckReport{}; }

  // Since 2.4: the task list named `list` ([reminders] calendar), where
  // the engine writes reminders as tasks (kith/Tasks.h). With `create`,
  // makes the list when the server has none (a CalDAV calendar with VTODO
  // among its components, a vdir folder) and fails with an Account error
  // naming the list when it cannot; without (`kith remind --dry-run`),
  // changes nothing and returns nullptr when there is no such list. The
  // list is owned by the provider and valid until it is destroyed.
  // Providers that cannot hold tasks keep this default.
  virtual Result<TaskList*> task_list(std::string_view list, bool create) noexcept {
    (void)create;
    return Status::account("this provider cannot hold tasks (asked for \"" + std::string(list) + "\")");
  }
};

}  // namespace kith

#include "kith/RecordWriter.h"
