// The record vocabulary: how items cross the plugin boundary.
//
// A provider never hands the engine a struct whose layout could change.
// It describes each item as a sequence of calls on the engine's BatchSink:
// begin an item of a kind, set fields (text or number) and open parts
// (a sender, an occurrence, an attendee), end the item, and at last commit
// the batch. The SDK's inline BatchSink::commit(const Batch&) does this for
// a provider from the Items.h structs, so provider code never sees it.
//
// Growing without breaking (the ABI rule, also in the README):
//   * A new field, part or item kind is a new enumerator below, with a
//     "since 2.N" comment, and KITH_ABI_MINOR becomes N. Enumerators are
//     never renumbered, reused or removed within a major.
//   * A plugin built for an older minor never sends the new enumerators, so
//     the engine sees the field unset (its documented default) or the kind
//     never delivered: old plugins keep loading and work unchanged.
//   * A plugin built for a newer minor is refused at load, before anything
//     is called, so an engine never receives an enumerator it does not know.
//   * New engine services are virtual functions appended to the end of an
//     engine-implemented class (BatchSink, ProviderContext, ...). New
//     provider functions are appended to Provider, and the engine calls
//     them only on plugins whose minor has them.
//   * Structs that still cross by value (SyncState, CheckReport,
//     ProviderDescriptor's first fields, SettingSpec) are frozen for the
//     major; the descriptor may gain trailing fields the engine reads only
//     for plugins of a minor that has them.
#pragma once

#include <cstdint>

namespace kith {

enum class ItemKind : std::uint32_t {
  Message = 1,       // an email's headers (kith::MessageHeaders)
  Event = 2,         // one calendar resource (kith::CalendarEvent)
  EventRemoval = 3,  // a calendar resource is gone (kith::EventRemoval)
  ConversationMessage = 4,  // since 2.2 (kith::ConversationMessage)
  ContactCard = 5,          // since 2.2 (kith::ContactCard)
  ContactRemoval = 6,       // since 2.2 (kith::ContactRemoval)
};

enum class PartKind : std::uint32_t {
  // Inside a Message: one mailbox each (fields Name, Address).
  From = 1,
  To = 2,
  Cc = 3,
  Bcc = 4,
  ReplyTo = 5,
  // Inside an Event: one occurrence each.
  Occurrence = 6,
  // Inside an Occurrence: one participant each (Address, Name, PartStat,
  // CalendarUserType, ParticipantRole).
  Organizer = 7,
  Attendee = 8,
  // Inside a ConversationMessage (since 2.2): one handle each (fields
  // HandleKind, Handle, Name).
  Sender = 9,
  Recipient = 10,
  // Inside a ContactCard (since 2.2): a handle (HandleKind, Handle, Name =
  // its label); a nickname or a category (Value); a birthday or an
  // anniversary (Year, Month, Day).
  CardHandle = 11,
  Nickname = 12,
  Category = 13,
  Birthday = 14,
  Anniversary = 15,
  // Inside a ContactCard (since 2.3): the day first connected (Year,
  // Month, Day), e.g. a LinkedIn connection's "Connected On".
  Connected = 16,
};

enum class Field : std::uint32_t {
  // --- the batch (set outside any item) ---
  BatchCollection = 1,    // text: the key of the cursor the batch advances
  Cursor = 2,             // text: the cursor; unset = leave the stored one
  ListingCollection = 3,  // text: see Batch::listing_collection
  ListingBegins = 4,      // number 0/1
  ListingEnds = 5,        // number 0/1

  // --- shared by several item kinds ---
  Collection = 10,  // text: folder or calendar
  ItemId = 11,      // text: the provider's id for error reports
  Resource = 12,    // text: a calendar resource's id in its collection
  Uid = 13,         // text: iCalendar UID
  CollectionName = 14,  // text: a calendar's display name (since 2.4)

  // --- Message ---
  FolderRole = 20,          // number: kith::FolderRole
  MessageId = 21,           // text, without angle brackets
  Date = 22,                // number: Unix seconds; unset = unknown
  InReplyTo = 23,           // text
  HasListId = 24,           // number 0/1
  HasListUnsubscribe = 25,  // number 0/1
  Precedence = 26,          // text
  AutoSubmitted = 27,       // text
  Subject = 28,             // text (since 2.1)

  // --- mailboxes and participants ---
  Name = 30,              // text: display name / CN
  Address = 31,           // text: addr-spec
  PartStat = 32,          // number: kith::PartStat
  CalendarUserType = 33,  // number: kith::CalendarUserType
  ParticipantRole = 34,   // number: kith::ParticipantRole

  // --- Occurrence ---
  RecurrenceId = 40,  // text: RFC 3339 UTC
  Start = 41,         // number: Unix seconds
  End = 42,           // number: Unix seconds
  AllDay = 43,        // number 0/1
  Status = 44,        // number: kith::EventStatus
  VideoLink = 45,     // number 0/1
  Summary = 46,       // text (since 2.1)
  Location = 47,      // text (since 2.1)

  // --- ConversationMessage and its handles (since 2.2) ---
  Channel = 50,     // text
  HandleKind = 51,  // number: kith::HandleKind
  Handle = 52,      // text: the handle's value

  // --- ContactCard (since 2.2) ---
  FormattedName = 60,    // text
  GivenName = 61,        // text
  FamilyName = 62,       // text
  AdditionalNames = 63,  // text
  HonorificPrefix = 64,  // text
  HonorificSuffix = 65,  // text
  Organization = 66,     // text
  JobTitle = 67,         // text
  Note = 68,             // text
  Revision = 69,         // number: Unix seconds
  Value = 70,            // text: a nickname's or a category's
  Year = 71,             // number: 0 = unknown
  Month = 72,            // number 1-12
  Day = 73,              // number 1-31
};

// Names for error messages.
inline const char* to_string(ItemKind kind) noexcept {
  switch (kind) {
    case ItemKind::Message: return "message";
    case ItemKind::Event: return "event";
    case ItemKind::EventRemoval: return "event removal";
    case ItemKind::ConversationMessage: return "conversation message";
    case ItemKind::ContactCard: return "contact card";
    case ItemKind::ContactRemoval: return "contact removal";
  }
  return "unknown item kind";
}

inline const char* to_string(PartKind kind) noexcept {
  switch (kind) {
    case PartKind::From: return "from";
    case PartKind::To: return "to";
    case PartKind::Cc: return "cc";
    case PartKind::Bcc: return "bcc";
    case PartKind::ReplyTo: return "reply-to";
    case PartKind::Occurrence: return "occurrence";
    case PartKind::Organizer: return "organizer";
    case PartKind::Attendee: return "attendee";
    case PartKind::Sender: return "sender";
    case PartKind::Recipient: return "recipient";
    case PartKind::CardHandle: return "card handle";
    case PartKind::Nickname: return "nickname";
    case PartKind::Category: return "category";
    case PartKind::Birthday: return "birthday";
    case PartKind::Anniversary: return "anniversary";
    case PartKind::Connected: return "connected";
  }
  return "unknown part";
}

inline const char* to_string(Field field) noexcept {
  switch (field) {
    case Field::BatchCollection: return "batch collection";
    case Field::Cursor: return "cursor";
    case Field::ListingCollection: return "listing collection";
    case Field::ListingBegins: return "listing begins";
    case Field::ListingEnds: return "listing ends";
    case Field::Collection: return "collection";
    case Field::ItemId: return "item id";
    case Field::Resource: return "resource";
    case Field::Uid: return "uid";
    case Field::CollectionName: return "collection name";
    case Field::FolderRole: return "folder role";
    case Field::MessageId: return "message id";
    case Field::Date: return "date";
    case Field::InReplyTo: return "in-reply-to";
    case Field::HasListId: return "has list-id";
    case Field::HasListUnsubscribe: return "has list-unsubscribe";
    case Field::Precedence: return "precedence";
    case Field::AutoSubmitted: return "auto-submitted";
    case Field::Subject: return "subject";
    case Field::Name: return "name";
    case Field::Address: return "address";
    case Field::PartStat: return "partstat";
    case Field::CalendarUserType: return "cutype";
    case Field::ParticipantRole: return "role";
    case Field::RecurrenceId: return "recurrence id";
    case Field::Start: return "start";
    case Field::End: return "end";
    case Field::AllDay: return "all day";
    case Field::Status: return "status";
    case Field::VideoLink: return "video link";
    case Field::Summary: return "summary";
    case Field::Location: return "location";
    case Field::Channel: return "channel";
    case Field::HandleKind: return "handle kind";
    case Field::Handle: return "handle";
    case Field::FormattedName: return "formatted name";
    case Field::GivenName: return "given name";
    case Field::FamilyName: return "family name";
    case Field::AdditionalNames: return "additional names";
    case Field::HonorificPrefix: return "honorific prefix";
    case Field::HonorificSuffix: return "honorific suffix";
    case Field::Organization: return "organization";
    case Field::JobTitle: return "job title";
    case Field::Note: return "note";
    case Field::Revision: return "revision";
    case Field::Value: return "value";
    case Field::Year: return "year";
    case Field::Month: return "month";
    case Field::Day: return "day";
  }
  return "unknown field";
}

}  // namespace kith
