// Provider kit: the batch loop every provider needs, once. Items are added
// one by one; every `batch_size` of them are committed with the cursor that
// resumes right after them, progress is reported after each commit,
// unreadable items are reported and counted, and after a failed commit
// everything returns that failure so the provider stops.
//
//   kith::kit::BatchWriter out(sink, "INBOX", {.batch_size = 500, .total = uids.size()});
//   out.cursor_after([&] { return cursor.encode(); });  // the cursor after what was added
//   for (...) {
//     if (context.cancellation().requested()) return kith::Status::cancelled();
//     auto item = read(...);
//     if (!item) { out.item_failed(id, item.status()); continue; }
//     cursor.advance_to(id);
//     if (auto s = out.add(std::move(*item)); !s) return s;
//   }
//   return out.finish();
//
// Header-only and inline, like BatchSink::commit, so it is compiled into
// the plugin with the ABI minor the plugin was built for.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kith/Items.h"
#include "kith/Provider.h"
#include "kith/Status.h"

namespace kith::kit {

struct BatchOptions {
  std::size_t batch_size = 500;  // items per commit; 0 counts as 1
  std::uint64_t total = 0;       // items expected, for progress; 0 = unknown
};

class BatchWriter {
 public:
  BatchWriter(BatchSink& sink, std::string collection, BatchOptions options = {})
      : sink_(sink), options_(options) {
    batch_.collection = std::move(collection);
    if (options_.batch_size == 0) options_.batch_size = 1;
  }
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;

  // Where the cursor of each commit comes from: called at every commit for
  // the cursor that resumes right after every item added so far. Without
  // it, commits leave the stored cursor as it is.
  void cursor_after(std::function<std::optional<std::string>()> source) { cursor_source_ = std::move(source); }

  // The cursor already stored for this collection (SyncState): finish()
  // then stores nothing when the cursor has not moved from it.
  void resuming_from(std::optional<std::string> stored) {
    last_cursor_ = std::move(stored);
    cursor_known_ = true;
  }

  // A full listing of a calendar (see Batch::listing_collection): the first
  // commit says it begins, finish() says it ends. A listing interrupted by
  // an error or cancellation removes nothing.
  void begin_listing() {
    batch_.listing_collection = batch_.collection;
    batch_.listing_begins = true;
    listing_ = true;
  }

  Status add(MessageHeaders message) { return added(batch_.messages, std::move(message)); }
  Status add(CalendarEvent event) { return added(batch_.events, std::move(event)); }
  Status add(EventRemoval removal) { return added(batch_.removals, std::move(removal)); }
  Status add(ConversationMessage message) { return added(batch_.conversations, std::move(message)); }
  Status add(ContactCard card) { return added(batch_.cards, std::move(card)); }
  Status add(ContactRemoval removal) { return added(batch_.card_removals, std::move(removal)); }

  // Items that must be stored in the same batch, e.g. every event of one
  // calendar resource (whose cursor covers them all): the batch may grow
  // past batch_size by this group, never split it.
  template <typename Item>
  Status add_group(std::vector<Item> items) {
    if (!failure_.is_ok()) return failure_;
    for (Item& item : items) list_for(item).push_back(std::move(item));
    pending_ += items.size();
    done_ += items.size();
    if (pending_ >= options_.batch_size) return commit();
    return {};
  }

  // An item that could not be read: reported to the engine, counted, and
  // counted as done for progress. The sync goes on.
  void item_failed(std::string_view item, const Status& why) {
    ++failed_;
    ++done_;
    sink_.item_failed(batch_.collection, item, why);
  }

  // Commits what is pending and ends a listing. Call once, after the last
  // item. With nothing pending it still commits when the cursor moved
  // (items that failed or were skipped) or nothing was committed yet (a
  // collection seen for the first time), and otherwise stores nothing.
  Status finish() {
    if (!failure_.is_ok()) return failure_;
    if (listing_) {
      batch_.listing_ends = true;
    } else if (pending_ == 0 && cursor_known_ && (cursor_source_ ? cursor_source_() : std::nullopt) == last_cursor_) {
      return {};
    }
    return commit();
  }

  // For providers whose progress is not counted in items (resources that
  // hold several events): the next progress reports say `done` of `total`.
  void progress_at(std::uint64_t done) { done_ = done; }

  // Commits what is pending now, e.g. before a slow round trip.
  Status commit() {
    if (!failure_.is_ok()) return failure_;
    batch_.cursor = cursor_source_ ? cursor_source_() : std::nullopt;
    Status status = sink_.commit(batch_);
    if (!status) {
      failure_ = status;
      return status;
    }
    committed_ += pending_;
    pending_ = 0;
    last_cursor_ = batch_.cursor;
    cursor_known_ = true;
    batch_.messages.clear();
    batch_.events.clear();
    batch_.removals.clear();
    batch_.conversations.clear();
    batch_.cards.clear();
    batch_.card_removals.clear();
    batch_.listing_begins = false;
    sink_.progress(batch_.collection, done_, options_.total);
    return status;
  }

  std::uint64_t committed() const { return committed_; }  // items stored
  std::uint64_t failed() const { return failed_; }        // items reported unreadable
  const std::string& collection() const { return batch_.collection; }

 private:
  std::vector<MessageHeaders>& list_for(const MessageHeaders&) { return batch_.messages; }
  std::vector<CalendarEvent>& list_for(const CalendarEvent&) { return batch_.events; }
  std::vector<EventRemoval>& list_for(const EventRemoval&) { return batch_.removals; }
  std::vector<ConversationMessage>& list_for(const ConversationMessage&) { return batch_.conversations; }
  std::vector<ContactCard>& list_for(const ContactCard&) { return batch_.cards; }
  std::vector<ContactRemoval>& list_for(const ContactRemoval&) { return batch_.card_removals; }

  template <typename Item>
  Status added(std::vector<Item>& list, Item item) {
    if (!failure_.is_ok()) return failure_;
    list.push_back(std::move(item));
    ++pending_;
    ++done_;
    if (pending_ >= options_.batch_size) return commit();
    return {};
  }

  BatchSink& sink_;
  BatchOptions options_;
  Batch batch_;
  std::function<std::optional<std::string>()> cursor_source_;
  bool listing_ = false;
  std::uint64_t pending_ = 0, committed_ = 0, failed_ = 0, done_ = 0;
  std::optional<std::string> last_cursor_;  // of the last commit, or the stored one
  bool cursor_known_ = false;
  Status failure_;
};

}  // namespace kith::kit
