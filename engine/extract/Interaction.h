// What the engine records: one interaction between the owner and one
// handle of another person (an email address, a profile URI, a phone
// number), produced from one provider item.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kith/Items.h"

namespace kith::engine {

enum class InteractionKind { EmailSent, EmailReceived, Meeting, MessageSent, MessageReceived };

// Stored and printed names: "email_sent", "email_received", "meeting",
// "message_sent", "message_received" (conversation messages, ABI 2.2).
const char* to_string(InteractionKind kind);
std::optional<InteractionKind> interaction_kind_from_string(std::string_view name);

// "outgoing" for what the owner sent, "incoming" for what they received,
// "mutual" for meetings.
const char* direction_of(InteractionKind kind);

struct Interaction {
  InteractionKind kind = InteractionKind::EmailReceived;
  std::string handle;        // the other person's handle, normalized (HandleValue.h)
  std::string display_name;  // as the item gave it; may be empty
  UnixSeconds when = 0;
  // Identifies the item that produced it across folders, calendars and
  // accounts; (dedupe_key, kind, handle) is unique in the store.
  std::string dedupe_key;
  // The mail's subject or the meeting's title (SUMMARY), for the history;
  // may be empty.
  std::string title;
  HandleKind handle_kind = HandleKind::Email;
  std::string channel;  // a conversation's channel ("linkedin"); "" for mail and meetings
};

// The interactions of one message, all under its dedupe_key. Kept
// together so the store can apply rule 1 per message: the first message
// stored under a key wins, and a later one under the same key adds nothing.
struct MessageInteractions {
  std::string dedupe_key;
  std::vector<Interaction> interactions;  // never empty
};

// One occurrence the owner attends (not cancelled, not declined), as the
// events and coffees read it: whether it is an event (many people, all
// day with a place, an events calendar) or a virtual coffee (a video call
// of two or three) is decided at query time, from the config of then.
struct OccurrenceRecord {
  std::string recurrence_id;
  UnixSeconds start = 0;
  UnixSeconds end = 0;
  bool all_day = false;
  std::string title;  // SUMMARY; empty without [privacy] store_subjects
  bool has_location = false;
  std::string location;  // LOCATION; empty without [privacy] store_subjects
  bool video = false;
  // The other people it lists (individuals, not declined), all of them,
  // and the first `max_event_people` of them (kind Meeting, at `start`).
  std::uint32_t others = 0;
  std::vector<Interaction> people;
};

// The interactions of one calendar resource: stored by replacing whatever
// that event UID produced before.
struct EventInteractions {
  std::string collection;
  std::string resource;
  std::string uid;
  std::vector<Interaction> meetings;
  std::string collection_name;  // the calendar's display name (ABI 2.4); may be empty
  std::vector<OccurrenceRecord> occurrences;
};

// One provider batch after extraction, ready to be stored atomically.
// The interactions of one conversation message, stored like a message's
// (rule 1 by its dedupe key).
using ConversationInteractions = MessageInteractions;

struct ExtractedBatch {
  std::string collection;
  std::optional<std::string> cursor;
  std::vector<MessageInteractions> mail;  // messages that yield something, in batch order
  std::vector<ConversationInteractions> conversations;  // likewise, conversation messages
  std::vector<EventInteractions> events;
  std::vector<EventRemoval> removals;
  // Contact cards are no interactions: they go to the store as delivered
  // (their handles are normalized there).
  std::vector<ContactCard> cards;
  std::vector<ContactRemoval> card_removals;
  std::string listing_collection;  // see kith::Batch
  bool listing_begins = false;
  bool listing_ends = false;
  std::size_t items = 0;  // provider items the batch held
};

}  // namespace kith::engine
