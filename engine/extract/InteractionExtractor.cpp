#include "extract/InteractionExtractor.h"

#include <algorithm>
#include <iterator>
#include <set>

#include "extract/AutomatedMail.h"
#include "extract/HandleValue.h"
#include "extract/MessageKey.h"
#include "util/Strings.h"

namespace kith::engine {
namespace {

std::string normalized(std::string_view address) { return ascii_lower(trim(address)); }

bool counts_as_person(const Participant& p) {
  return p.cutype == CalendarUserType::Individual || p.cutype == CalendarUserType::Unspecified;
}

}  // namespace

InteractionExtractor::InteractionExtractor(const ExtractionPolicy& policy)
    : max_recipients_(policy.max_recipients),
      max_meeting_participants_(policy.max_meeting_participants),
      max_event_occurrences_(policy.max_event_occurrences),
      max_event_people_(policy.max_event_people),
      keep_titles_(policy.keep_titles) {
  for (const auto& a : policy.owner_addresses) owners_.insert(normalized(a));
  for (const auto& h : policy.owner_handles) {
    // A number ("+44 ...", "tel:+44...") or a URI, as [identity] handles allows.
    const std::string_view text = trim(h);
    const bool phone = text.rfind("+", 0) == 0 || ascii_lower(text.substr(0, 4)) == "tel:";
    owners_.insert(normalized_handle(phone ? HandleKind::Phone : HandleKind::Uri, text));
  }
  owners_.erase("");
}

bool InteractionExtractor::is_owner(const Handle& handle) const {
  return owners_.count(normalized_handle(handle.kind, handle.value)) > 0;
}

bool InteractionExtractor::is_owner(std::string_view address) const {
  return owners_.count(normalized(address)) > 0;
}

std::vector<Interaction> InteractionExtractor::from_message(const MessageHeaders& message) const {
  std::vector<Interaction> out;
  if (message.folder_role == FolderRole::Junk || message.folder_role == FolderRole::Drafts) return out;
  if (message.from.empty() || !message.date) return out;
  if (is_automated(message)) return out;

  // Rule 6 counts distinct recipients, the owner included: a message to
  // a crowd is a broadcast, whoever is on it.
  std::set<std::string> recipients;
  for (const auto* list : {&message.to, &message.cc, &message.bcc})
    for (const auto& box : *list) {
      auto a = normalized(box.address);
      if (!a.empty()) recipients.insert(std::move(a));
    }
  if (recipients.size() > max_recipients_) return out;

  const std::string key = message_key(message);
  const auto& sender = message.from.front();
  if (is_owner(sender.address)) {
    std::set<std::string> seen;
    for (const auto* list : {&message.to, &message.cc, &message.bcc})
      for (const auto& box : *list) {
        auto a = normalized(box.address);
        if (a.empty() || is_owner(a) || !seen.insert(a).second) continue;
        out.push_back({InteractionKind::EmailSent, std::move(a), box.name, *message.date, key, message.subject,
                       HandleKind::Email, ""});
      }
  } else {
    auto a = normalized(sender.address);
    if (!a.empty())
      out.push_back({InteractionKind::EmailReceived, std::move(a), sender.name, *message.date, key, message.subject,
                     HandleKind::Email, ""});
  }
  return out;
}

EventInteractions InteractionExtractor::from_event(const CalendarEvent& event) const {
  EventInteractions out{event.collection, event.resource, event.uid, {}, event.collection_name, {}};
  // Rule 9: only the latest max_event_occurrences occurrences count.
  std::vector<const EventOccurrence*> occurrences;
  for (const auto& occurrence : event.occurrences) occurrences.push_back(&occurrence);
  std::stable_sort(occurrences.begin(), occurrences.end(),
                   [](const EventOccurrence* a, const EventOccurrence* b) { return a->start < b->start; });
  if (occurrences.size() > max_event_occurrences_)
    occurrences.erase(occurrences.begin(), occurrences.end() - static_cast<std::ptrdiff_t>(max_event_occurrences_));

  for (const EventOccurrence* occurrence : occurrences) {
    if (occurrence->status == EventStatus::Cancelled) continue;
    bool owner_declined = false;
    for (const auto& attendee : occurrence->attendees)
      if (is_owner(attendee.address) && attendee.partstat == PartStat::Declined) owner_declined = true;
    if (owner_declined) continue;

    const std::string key = "evt:" + event.uid + "|" + occurrence->recurrence_id;
    std::set<std::string> seen;
    std::vector<Interaction> meetings;
    // Everyone it lists, for events: a conference's hundreds too, counted
    // all and kept up to max_event_people.
    OccurrenceRecord record{occurrence->recurrence_id, occurrence->start, occurrence->end, occurrence->all_day,
                            occurrence->summary, !occurrence->location.empty(), occurrence->location,
                            occurrence->has_video_link, 0, {}};
    auto add = [&](const Participant& p) {
      auto a = normalized(p.address);
      if (a.empty() || is_owner(a) || p.partstat == PartStat::Declined || !counts_as_person(p)) return;
      if (!seen.insert(a).second) return;
      ++record.others;
      if (record.people.size() < max_event_people_)
        record.people.push_back({InteractionKind::Meeting, a, p.common_name, occurrence->start, key,
                                 occurrence->summary, HandleKind::Email, ""});
      if (record.others <= max_meeting_participants_)
        meetings.push_back({InteractionKind::Meeting, std::move(a), p.common_name, occurrence->start, key,
                            occurrence->summary, HandleKind::Email, ""});
    };
    if (occurrence->organizer) add(*occurrence->organizer);
    for (const auto& attendee : occurrence->attendees) add(attendee);
    out.occurrences.push_back(std::move(record));
    if (out.occurrences.back().others > max_meeting_participants_) continue;  // rule 9: too many to be personal
    out.meetings.insert(out.meetings.end(), std::make_move_iterator(meetings.begin()),
                        std::make_move_iterator(meetings.end()));
  }
  return out;
}

std::vector<Interaction> InteractionExtractor::from_conversation(const ConversationMessage& message) const {
  std::vector<Interaction> out;
  if (!message.sender || !message.date) return out;
  const std::string sender = normalized_handle(message.sender->kind, message.sender->value);
  if (sender.empty()) return out;
  // Rule 6 for conversations: a message to a crowd (a group chat, a post)
  // is a broadcast, whoever is on it.
  std::set<std::string> recipients;
  for (const Handle& h : message.recipients)
    if (auto value = normalized_handle(h.kind, h.value); !value.empty()) recipients.insert(std::move(value));
  if (recipients.size() > max_recipients_) return out;

  // The same message from two exports is one message.
  std::string key = "conv:" + ascii_lower(message.channel) + "|";
  key += message.message_id.empty()
             ? std::to_string(*message.date) + "|" + sender + "|" + message.subject
             : message.message_id;
  if (is_owner(*message.sender)) {
    std::set<std::string> seen;
    for (const Handle& h : message.recipients) {
      std::string value = normalized_handle(h.kind, h.value);
      if (value.empty() || is_owner(h) || !seen.insert(value).second) continue;
      out.push_back({InteractionKind::MessageSent, std::move(value), h.name, *message.date, key, message.subject,
                     h.kind, message.channel});
    }
  } else {
    out.push_back({InteractionKind::MessageReceived, sender, message.sender->name, *message.date, key,
                   message.subject, message.sender->kind, message.channel});
  }
  return out;
}

ExtractedBatch InteractionExtractor::extract(const Batch& batch) const {
  ExtractedBatch out;
  out.collection = batch.collection;
  out.cursor = batch.cursor;
  out.items = batch.messages.size() + batch.events.size() + batch.removals.size() + batch.conversations.size() +
              batch.cards.size() + batch.card_removals.size();
  for (const auto& message : batch.messages) {
    auto interactions = from_message(message);
    if (interactions.empty()) continue;
    std::string key = interactions.front().dedupe_key;
    out.mail.push_back({std::move(key), std::move(interactions)});
  }
  for (const auto& message : batch.conversations) {
    auto interactions = from_conversation(message);
    if (interactions.empty()) continue;
    std::string key = interactions.front().dedupe_key;
    out.conversations.push_back({std::move(key), std::move(interactions)});
  }
  for (const auto& event : batch.events) out.events.push_back(from_event(event));
  out.removals = batch.removals;
  out.cards = batch.cards;
  out.card_removals = batch.card_removals;
  out.listing_collection = batch.listing_collection;
  out.listing_begins = batch.listing_begins;
  out.listing_ends = batch.listing_ends;
  if (!keep_titles_) {
    for (auto* list : {&out.mail, &out.conversations})
      for (auto& message : *list)
        for (auto& interaction : message.interactions) interaction.title.clear();
    for (auto& event : out.events) {
      for (auto& meeting : event.meetings) meeting.title.clear();
      for (auto& occurrence : event.occurrences) {
        occurrence.title.clear();
        occurrence.location.clear();
        for (auto& person : occurrence.people) person.title.clear();
      }
    }
  }
  return out;
}

}  // namespace kith::engine
