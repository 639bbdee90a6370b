// Normalized items: what providers hand the engine. Providers describe what
// the server holds; they never decide what counts as an interaction (that is
// the engine's InteractionExtractor, in one place for every provider).
//
// All times are seconds since the Unix epoch, UTC.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kith {

using UnixSeconds = std::int64_t;

// Longer subjects and titles are cut (on a UTF-8 character boundary) by
// the SDK helpers and by the engine: what a server sends does not decide
// how much is stored.
inline constexpr std::size_t kMaxSubjectBytes = 1000;
// A contact card's note is cut likewise.
inline constexpr std::size_t kMaxNoteBytes = 4000;

// --- Mail -----------------------------------------------------------------

// What a folder is for, from RFC 6154 SPECIAL-USE or well-known names.
enum class FolderRole : int { Inbox, Sent, Other, Junk, Drafts, Trash };

// "inbox", "sent", "junk", "drafts", "trash"; "" for Other.
inline const char* to_string(FolderRole role) noexcept {
  switch (role) {
    case FolderRole::Inbox: return "inbox";
    case FolderRole::Sent: return "sent";
    case FolderRole::Junk: return "junk";
    case FolderRole::Drafts: return "drafts";
    case FolderRole::Trash: return "trash";
    case FolderRole::Other: break;
  }
  return "";
}

struct Mailbox {
  std::string name;     // display name, decoded to UTF-8; may be empty
  std::string address;  // addr-spec as written ("Ann@Example.org"); never empty
};

// One message's headers. Providers fill only what the message has.
struct MessageHeaders {
  std::string collection;   // folder name, e.g. "INBOX"
  std::string item_id;      // provider's id for error reports ("UID 42", a file name)
  FolderRole folder_role = FolderRole::Other;

  std::string message_id;   // without angle brackets; empty when absent
  // Date header in UTC; when absent or unparseable, the server's internal
  // date (or file time). Empty only if neither is known.
  std::optional<UnixSeconds> date;

  std::vector<Mailbox> from;
  std::vector<Mailbox> to;   // group members are flattened in; empty groups add nothing
  std::vector<Mailbox> cc;
  std::vector<Mailbox> bcc;
  std::vector<Mailbox> reply_to;
  std::string in_reply_to;
  // Since ABI 2.1. Decoded to UTF-8, whitespace collapsed, at most
  // kMaxSubjectBytes; empty when absent (and from plugins built for 2.0).
  std::string subject;

  // Automation markers, raw values trimmed (empty = header absent).
  bool has_list_id = false;
  bool has_list_unsubscribe = false;
  std::string precedence;
  std::string auto_submitted;
};

// --- Calendar -------------------------------------------------------------

enum class PartStat : int { Unspecified, NeedsAction, Accepted, Declined, Tentative, Delegated, Other };
enum class CalendarUserType : int { Unspecified, Individual, Group, Resource, Room, Unknown };
enum class ParticipantRole : int { Unspecified, Chair, Required, Optional, NonParticipant };
enum class EventStatus : int { Unspecified, Tentative, Confirmed, Cancelled };

struct Participant {
  std::string address;  // the mailto: address without the scheme; empty if not mailto:
  std::string common_name;
  PartStat partstat = PartStat::Unspecified;
  CalendarUserType cutype = CalendarUserType::Unspecified;
  ParticipantRole role = ParticipantRole::Unspecified;
};

// One occurrence of an event, after recurrence expansion and overrides.
struct EventOccurrence {
  // Original start of this instance in UTC, as RFC 3339 ("2026-03-02T09:00:00Z");
  // empty for a non-recurring event.
  std::string recurrence_id;
  UnixSeconds start = 0;
  UnixSeconds end = 0;
  bool all_day = false;
  EventStatus status = EventStatus::Unspecified;  // an override's own status
  std::optional<Participant> organizer;
  std::vector<Participant> attendees;
  bool has_video_link = false;
  // Since ABI 2.1: the instance's SUMMARY and LOCATION (an override's own),
  // UTF-8, at most kMaxSubjectBytes each; empty when absent.
  std::string summary;
  std::string location;
};

// Everything one calendar resource (one .ics file / CalDAV href) says about
// one UID. Delivering it again replaces what was delivered before.
struct CalendarEvent {
  std::string collection;  // calendar id, e.g. its path
  std::string resource;    // the resource's id inside the collection (href, file name)
  std::string uid;
  std::vector<EventOccurrence> occurrences;  // EXDATE'd instances left out
  // Since ABI 2.4: the calendar's name as the user sees it (a CalDAV
  // displayname, a vdir's `displayname` file); empty when it has none.
  std::string collection_name;
};

// The resource is gone from the server.
struct EventRemoval {
  std::string collection;
  std::string resource;
};

// --- Conversations (since ABI 2.2) -----------------------------------------

// How a person is reached: an email address, a URI (a profile URL such as
// https://www.linkedin.com/in/ann, xmpp:, sip:) or a phone number.
enum class HandleKind : int { Email = 1, Uri = 2, Phone = 3 };

// "email", "uri", "phone".
inline const char* to_string(HandleKind kind) noexcept {
  switch (kind) {
    case HandleKind::Email: return "email";
    case HandleKind::Uri: return "uri";
    case HandleKind::Phone: return "phone";
  }
  return "";
}

struct Handle {
  HandleKind kind = HandleKind::Email;
  std::string value;  // the address, the URI, the number as written
  std::string name;   // display name the channel shows; may be empty
};

// One message of a channel other than email (LinkedIn, a chat export).
// Its content is never delivered: who, when, and the subject or title.
struct ConversationMessage {
  std::string channel;     // "linkedin", "signal", ...: where it was said
  std::string collection;  // the conversation or export it belongs to
  std::string item_id;     // provider's id for error reports
  std::string message_id;  // stable id within the channel; empty if none
  std::optional<UnixSeconds> date;
  std::optional<Handle> sender;
  std::vector<Handle> recipients;
  std::string subject;  // subject or conversation title; may be empty
};

// --- Contact cards (since ABI 2.2) -----------------------------------------

// A date whose year may be unknown (vCard "--0412"): year 0 = unknown.
struct PartialDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
};

// What one address-book entry (a vCard, a CardDAV resource, a CSV row)
// says about a person. Delivering it again replaces what was delivered.
struct ContactCard {
  std::string collection;  // the address book
  std::string resource;    // the card's id in it (href, file name, row key)
  std::string uid;         // the card's stable UID; may be empty
  std::string formatted_name;
  std::string given_name;
  std::string family_name;
  std::string additional_names;
  std::string honorific_prefix;
  std::string honorific_suffix;
  std::vector<std::string> nicknames;
  // Emails, phone numbers and other handles as URIs (profile URLs, xmpp:);
  // Handle::name carries the card's label ("work", "home"), may be empty.
  std::vector<Handle> handles;
  std::string organization;
  std::string title;
  std::optional<PartialDate> birthday;
  std::optional<PartialDate> anniversary;
  // The day the owner and this person first connected on a network (a
  // LinkedIn connection's "Connected On"); since ABI 2.3.
  std::optional<PartialDate> connected;
  std::vector<std::string> categories;
  std::string note;  // kept on one line, at most kMaxNoteBytes
  std::optional<UnixSeconds> revision;  // REV
};

// The card is gone from its address book.
struct ContactRemoval {
  std::string collection;
  std::string resource;
};

// --- Batches --------------------------------------------------------------

// A group of items plus the opaque cursor that resumes right after them.
// The engine stores the items and the cursor in one transaction: after a
// crash the provider is asked to resume from the last committed cursor, and
// items it delivers again are deduplicated.
struct Batch {
  // The key of the cursor this batch advances: the provider's own name for
  // it, usually the collection's. "" = the account's own cursor.
  std::string collection;
  std::optional<std::string> cursor;  // std::nullopt: leave the stored cursor as is
  std::vector<MessageHeaders> messages;
  std::vector<CalendarEvent> events;
  std::vector<EventRemoval> removals;
  std::vector<ConversationMessage> conversations;  // since ABI 2.2
  std::vector<ContactCard> cards;                  // since ABI 2.2
  std::vector<ContactRemoval> card_removals;       // since ABI 2.2

  // A provider that must list a calendar from scratch (no usable cursor)
  // cannot tell which of the events it delivered before are gone. It sets
  // `listing_begins` on the first batch of the listing and `listing_ends`
  // on the last (one batch may carry both), each naming the calendar in
  // `listing_collection`: the engine then removes every event of that
  // calendar the listing did not deliver. A listing that never ends (a
  // crash, an error) removes nothing.
  std::string listing_collection;
  bool listing_begins = false;
  bool listing_ends = false;
};

}  // namespace kith
