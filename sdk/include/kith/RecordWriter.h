// BatchSink::commit(const Batch&): writes a batch as records. Inline on
// purpose: it is compiled into each plugin, so a plugin sends the records
// of the SDK minor it was built with and no other (see kith/Records.h).
#pragma once

#include <string_view>

#include "kith/Items.h"
#include "kith/Provider.h"
#include "kith/Records.h"

namespace kith {
namespace records {

inline void text_if_set(BatchSink& sink, Field field, std::string_view value) noexcept {
  if (!value.empty()) sink.text(field, value);
}

inline void flag_if_set(BatchSink& sink, Field field, bool value) noexcept {
  if (value) sink.number(field, 1);
}

inline void mailboxes(BatchSink& sink, PartKind kind, const std::vector<Mailbox>& list) noexcept {
  for (const Mailbox& m : list) {
    sink.begin_part(kind);
    text_if_set(sink, Field::Name, m.name);
    sink.text(Field::Address, m.address);
    sink.end_part();
  }
}

inline void participant(BatchSink& sink, PartKind kind, const Participant& p) noexcept {
  sink.begin_part(kind);
  text_if_set(sink, Field::Address, p.address);
  text_if_set(sink, Field::Name, p.common_name);
  if (p.partstat != PartStat::Unspecified) sink.number(Field::PartStat, static_cast<std::int64_t>(p.partstat));
  if (p.cutype != CalendarUserType::Unspecified)
    sink.number(Field::CalendarUserType, static_cast<std::int64_t>(p.cutype));
  if (p.role != ParticipantRole::Unspecified) sink.number(Field::ParticipantRole, static_cast<std::int64_t>(p.role));
  sink.end_part();
}

inline void write(BatchSink& sink, const MessageHeaders& m) noexcept {
  sink.begin_item(ItemKind::Message);
  text_if_set(sink, Field::Collection, m.collection);
  text_if_set(sink, Field::ItemId, m.item_id);
  if (m.folder_role != FolderRole::Other) sink.number(Field::FolderRole, static_cast<std::int64_t>(m.folder_role));
  text_if_set(sink, Field::MessageId, m.message_id);
  if (m.date) sink.number(Field::Date, *m.date);
  mailboxes(sink, PartKind::From, m.from);
  mailboxes(sink, PartKind::To, m.to);
  mailboxes(sink, PartKind::Cc, m.cc);
  mailboxes(sink, PartKind::Bcc, m.bcc);
  mailboxes(sink, PartKind::ReplyTo, m.reply_to);
  text_if_set(sink, Field::InReplyTo, m.in_reply_to);
  flag_if_set(sink, Field::HasListId, m.has_list_id);
  flag_if_set(sink, Field::HasListUnsubscribe, m.has_list_unsubscribe);
  text_if_set(sink, Field::Precedence, m.precedence);
  text_if_set(sink, Field::AutoSubmitted, m.auto_submitted);
  text_if_set(sink, Field::Subject, m.subject);
  sink.end_item();
}

inline void write(BatchSink& sink, const CalendarEvent& e) noexcept {
  sink.begin_item(ItemKind::Event);
  text_if_set(sink, Field::Collection, e.collection);
  text_if_set(sink, Field::Resource, e.resource);
  text_if_set(sink, Field::Uid, e.uid);
  text_if_set(sink, Field::CollectionName, e.collection_name);  // since 2.4
  for (const EventOccurrence& o : e.occurrences) {
    sink.begin_part(PartKind::Occurrence);
    text_if_set(sink, Field::RecurrenceId, o.recurrence_id);
    sink.number(Field::Start, o.start);
    sink.number(Field::End, o.end);
    flag_if_set(sink, Field::AllDay, o.all_day);
    if (o.status != EventStatus::Unspecified) sink.number(Field::Status, static_cast<std::int64_t>(o.status));
    if (o.organizer) participant(sink, PartKind::Organizer, *o.organizer);
    for (const Participant& a : o.attendees) participant(sink, PartKind::Attendee, a);
    flag_if_set(sink, Field::VideoLink, o.has_video_link);
    text_if_set(sink, Field::Summary, o.summary);
    text_if_set(sink, Field::Location, o.location);
    sink.end_part();
  }
  sink.end_item();
}

inline void write(BatchSink& sink, const EventRemoval& r) noexcept {
  sink.begin_item(ItemKind::EventRemoval);
  text_if_set(sink, Field::Collection, r.collection);
  text_if_set(sink, Field::Resource, r.resource);
  sink.end_item();
}

inline void handle(BatchSink& sink, PartKind kind, const Handle& h) noexcept {
  sink.begin_part(kind);
  sink.number(Field::HandleKind, static_cast<std::int64_t>(h.kind));
  sink.text(Field::Handle, h.value);
  text_if_set(sink, Field::Name, h.name);
  sink.end_part();
}

inline void write(BatchSink& sink, const ConversationMessage& m) noexcept {
  sink.begin_item(ItemKind::ConversationMessage);
  text_if_set(sink, Field::Channel, m.channel);
  text_if_set(sink, Field::Collection, m.collection);
  text_if_set(sink, Field::ItemId, m.item_id);
  text_if_set(sink, Field::MessageId, m.message_id);
  if (m.date) sink.number(Field::Date, *m.date);
  if (m.sender) handle(sink, PartKind::Sender, *m.sender);
  for (const Handle& r : m.recipients) handle(sink, PartKind::Recipient, r);
  text_if_set(sink, Field::Subject, m.subject);
  sink.end_item();
}

inline void value_part(BatchSink& sink, PartKind kind, const std::string& value) noexcept {
  sink.begin_part(kind);
  sink.text(Field::Value, value);
  sink.end_part();
}

inline void date_part(BatchSink& sink, PartKind kind, const PartialDate& date) noexcept {
  sink.begin_part(kind);
  if (date.year != 0) sink.number(Field::Year, date.year);
  sink.number(Field::Month, date.month);
  sink.number(Field::Day, date.day);
  sink.end_part();
}

inline void write(BatchSink& sink, const ContactCard& c) noexcept {
  sink.begin_item(ItemKind::ContactCard);
  text_if_set(sink, Field::Collection, c.collection);
  text_if_set(sink, Field::Resource, c.resource);
  text_if_set(sink, Field::Uid, c.uid);
  text_if_set(sink, Field::FormattedName, c.formatted_name);
  text_if_set(sink, Field::GivenName, c.given_name);
  text_if_set(sink, Field::FamilyName, c.family_name);
  text_if_set(sink, Field::AdditionalNames, c.additional_names);
  text_if_set(sink, Field::HonorificPrefix, c.honorific_prefix);
  text_if_set(sink, Field::HonorificSuffix, c.honorific_suffix);
  for (const std::string& n : c.nicknames) value_part(sink, PartKind::Nickname, n);
  for (const Handle& h : c.handles) handle(sink, PartKind::CardHandle, h);
  text_if_set(sink, Field::Organization, c.organization);
  text_if_set(sink, Field::JobTitle, c.title);
  if (c.birthday) date_part(sink, PartKind::Birthday, *c.birthday);
  if (c.anniversary) date_part(sink, PartKind::Anniversary, *c.anniversary);
  if (c.connected) date_part(sink, PartKind::Connected, *c.connected);
  for (const std::string& category : c.categories) value_part(sink, PartKind::Category, category);
  text_if_set(sink, Field::Note, c.note);
  if (c.revision) sink.number(Field::Revision, *c.revision);
  sink.end_item();
}

inline void write(BatchSink& sink, const ContactRemoval& r) noexcept {
  sink.begin_item(ItemKind::ContactRemoval);
  text_if_set(sink, Field::Collection, r.collection);
  text_if_set(sink, Field::Resource, r.resource);
  sink.end_item();
}

}  // namespace records

inline Status BatchSink::commit(const Batch& batch) noexcept {
  records::text_if_set(*this, Field::BatchCollection, batch.collection);
  if (batch.cursor) text(Field::Cursor, *batch.cursor);
  records::text_if_set(*this, Field::ListingCollection, batch.listing_collection);
  records::flag_if_set(*this, Field::ListingBegins, batch.listing_begins);
  records::flag_if_set(*this, Field::ListingEnds, batch.listing_ends);
  for (const MessageHeaders& m : batch.messages) records::write(*this, m);
  for (const CalendarEvent& e : batch.events) records::write(*this, e);
  for (const EventRemoval& r : batch.removals) records::write(*this, r);
  for (const ConversationMessage& m : batch.conversations) records::write(*this, m);
  for (const ContactCard& c : batch.cards) records::write(*this, c);
  for (const ContactRemoval& r : batch.card_removals) records::write(*this, r);
  return commit_records();
}

}  // namespace kith
