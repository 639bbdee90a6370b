#include "kith/host/BatchCollector.h"

#include <utility>

#include "kith/Title.h"

namespace kith {
namespace {

const char* scope_name(int scope) {
  static const char* const names[] = {"the batch",     "a message",     "an event",
                                      "an event removal", "a mailbox",  "an occurrence",
                                      "a participant", "a conversation message", "a handle",
                                      "a contact card", "a contact removal", "a card value", "a card date"};
  return names[scope];
}

template <typename Enum>
bool in_range(std::int64_t value, Enum last) {
  return value >= 0 && value <= static_cast<std::int64_t>(last);
}

}  // namespace

void BatchCollector::fail(std::string what) noexcept {
  if (!error_.empty()) return;
  try {
    error_ = std::move(what);
  } catch (...) {
  }
  if (error_.empty()) error_.push_back('?');  // within the small-string buffer: no allocation
}

void BatchCollector::fail(const char* first, const char* second, const char* third) noexcept {
  try {
    fail(std::string(first) + second + third);
  } catch (...) {
    fail(std::string());  // keeps (or sets) the one-character error
  }
}

void BatchCollector::begin_item(ItemKind kind) noexcept {
  if (scope_ != Scope::Batch) return fail(to_string(kind), " begun inside ", scope_name(int(scope_)));
  try {
    switch (kind) {
      case ItemKind::Message:
        batch_.messages.emplace_back();
        scope_ = Scope::Message;
        return;
      case ItemKind::Event:
        batch_.events.emplace_back();
        scope_ = Scope::Event;
        return;
      case ItemKind::EventRemoval:
        batch_.removals.emplace_back();
        scope_ = Scope::EventRemoval;
        return;
      case ItemKind::ConversationMessage:
        batch_.conversations.emplace_back();
        scope_ = Scope::Conversation;
        return;
      case ItemKind::ContactCard:
        batch_.cards.emplace_back();
        scope_ = Scope::Card;
        return;
      case ItemKind::ContactRemoval:
        batch_.card_removals.emplace_back();
        scope_ = Scope::CardRemoval;
        return;
    }
    fail("item kind " + std::to_string(static_cast<std::uint32_t>(kind)) + " is not in this SDK's vocabulary");
  } catch (...) {
    fail("out of memory");
  }
}

void BatchCollector::end_item() noexcept {
  if (scope_ != Scope::Message && scope_ != Scope::Event && scope_ != Scope::EventRemoval &&
      scope_ != Scope::Conversation && scope_ != Scope::Card && scope_ != Scope::CardRemoval)
    return fail("end of item inside ", scope_name(int(scope_)));
  scope_ = Scope::Batch;
}

void BatchCollector::begin_part(PartKind kind) noexcept {
  try {
    switch (kind) {
      case PartKind::From:
      case PartKind::To:
      case PartKind::Cc:
      case PartKind::Bcc:
      case PartKind::ReplyTo: {
        if (scope_ != Scope::Message) break;
        MessageHeaders& m = batch_.messages.back();
        auto& list = kind == PartKind::From ? m.from
                     : kind == PartKind::To ? m.to
                     : kind == PartKind::Cc ? m.cc
                     : kind == PartKind::Bcc ? m.bcc
                                             : m.reply_to;
        mailbox_ = &list.emplace_back();
        scope_ = Scope::Mailbox;
        return;
      }
      case PartKind::Occurrence:
        if (scope_ != Scope::Event) break;
        batch_.events.back().occurrences.emplace_back();
        scope_ = Scope::Occurrence;
        return;
      case PartKind::Organizer:
      case PartKind::Attendee: {
        if (scope_ != Scope::Occurrence) break;
        EventOccurrence& o = batch_.events.back().occurrences.back();
        if (kind == PartKind::Organizer) {
          if (o.organizer) return fail("a second organizer in one occurrence");
          participant_ = &o.organizer.emplace();
        } else {
          participant_ = &o.attendees.emplace_back();
        }
        scope_ = Scope::Participant;
        return;
      }
      case PartKind::Sender:
      case PartKind::Recipient: {
        if (scope_ != Scope::Conversation) break;
        ConversationMessage& m = batch_.conversations.back();
        if (kind == PartKind::Sender) {
          if (m.sender) return fail("a second sender in one conversation message");
          handle_ = &m.sender.emplace();
        } else {
          handle_ = &m.recipients.emplace_back();
        }
        handle_parent_ = Scope::Conversation;
        scope_ = Scope::Handle;
        return;
      }
      case PartKind::CardHandle:
        if (scope_ != Scope::Card) break;
        handle_ = &batch_.cards.back().handles.emplace_back();
        handle_parent_ = Scope::Card;
        scope_ = Scope::Handle;
        return;
      case PartKind::Nickname:
      case PartKind::Category: {
        if (scope_ != Scope::Card) break;
        ContactCard& c = batch_.cards.back();
        value_ = &(kind == PartKind::Nickname ? c.nicknames : c.categories).emplace_back();
        scope_ = Scope::CardValue;
        return;
      }
      case PartKind::Birthday:
      case PartKind::Anniversary:
      case PartKind::Connected: {
        if (scope_ != Scope::Card) break;
        ContactCard& c = batch_.cards.back();
        auto& date = kind == PartKind::Birthday ? c.birthday : kind == PartKind::Anniversary ? c.anniversary : c.connected;
        if (date) return fail(std::string("a second ") + to_string(kind) + " in one card");
        date_ = &date.emplace();
        scope_ = Scope::CardDate;
        return;
      }
      default:
        return fail("part kind " + std::to_string(static_cast<std::uint32_t>(kind)) +
                    " is not in this SDK's vocabulary");
    }
    fail(std::string(to_string(kind)) + " part inside " + scope_name(int(scope_)));
  } catch (...) {
    fail("out of memory");
  }
}

void BatchCollector::end_part() noexcept {
  switch (scope_) {
    case Scope::Mailbox:
      mailbox_ = nullptr;
      scope_ = Scope::Message;
      return;
    case Scope::Occurrence:
      scope_ = Scope::Event;
      return;
    case Scope::Participant:
      participant_ = nullptr;
      scope_ = Scope::Occurrence;
      return;
    case Scope::Handle:
      if (handle_->value.empty()) return fail("a handle without a value");
      handle_ = nullptr;
      scope_ = handle_parent_;
      return;
    case Scope::CardValue:
      if (value_->empty()) return fail("a nickname or category without a value");
      value_ = nullptr;
      scope_ = Scope::Card;
      return;
    case Scope::CardDate:
      if (date_->month < 1 || date_->month > 12 || date_->day < 1 || date_->day > 31)
        return fail("a card date with month " + std::to_string(date_->month) + " and day " +
                    std::to_string(date_->day));
      date_ = nullptr;
      scope_ = Scope::Card;
      return;
    default:
      return fail("end of part inside ", scope_name(int(scope_)));
  }
}

bool BatchCollector::text_field(Field field, std::string_view value) {
  switch (scope_) {
    case Scope::Batch:
      switch (field) {
        case Field::BatchCollection: batch_.collection = value; return true;
        case Field::Cursor: batch_.cursor = std::string(value); return true;
        case Field::ListingCollection: batch_.listing_collection = value; return true;
        default: return false;
      }
    case Scope::Message: {
      MessageHeaders& m = batch_.messages.back();
      switch (field) {
        case Field::Collection: m.collection = value; return true;
        case Field::ItemId: m.item_id = value; return true;
        case Field::MessageId: m.message_id = value; return true;
        case Field::InReplyTo: m.in_reply_to = value; return true;
        case Field::Precedence: m.precedence = value; return true;
        case Field::AutoSubmitted: m.auto_submitted = value; return true;
        case Field::Subject: m.subject = clean_title(value); return true;
        default: return false;
      }
    }
    case Scope::Event: {
      CalendarEvent& e = batch_.events.back();
      switch (field) {
        case Field::Collection: e.collection = value; return true;
        case Field::Resource: e.resource = value; return true;
        case Field::Uid: e.uid = value; return true;
        case Field::CollectionName: e.collection_name = clean_title(value); return true;
        default: return false;
      }
    }
    case Scope::EventRemoval: {
      EventRemoval& r = batch_.removals.back();
      switch (field) {
        case Field::Collection: r.collection = value; return true;
        case Field::Resource: r.resource = value; return true;
        default: return false;
      }
    }
    case Scope::Mailbox:
      switch (field) {
        case Field::Name: mailbox_->name = value; return true;
        case Field::Address: mailbox_->address = value; return true;
        default: return false;
      }
    case Scope::Occurrence: {
      EventOccurrence& o = batch_.events.back().occurrences.back();
      switch (field) {
        case Field::RecurrenceId: o.recurrence_id = value; return true;
        case Field::Summary: o.summary = clean_title(value); return true;
        case Field::Location: o.location = clean_title(value); return true;
        default: return false;
      }
    }
    case Scope::Participant:
      switch (field) {
        case Field::Name: participant_->common_name = value; return true;
        case Field::Address: participant_->address = value; return true;
        default: return false;
      }
    case Scope::Conversation: {
      ConversationMessage& m = batch_.conversations.back();
      switch (field) {
        case Field::Channel: m.channel = value; return true;
        case Field::Collection: m.collection = value; return true;
        case Field::ItemId: m.item_id = value; return true;
        case Field::MessageId: m.message_id = value; return true;
        case Field::Subject: m.subject = clean_title(value); return true;
        default: return false;
      }
    }
    case Scope::Handle:
      switch (field) {
        case Field::Handle: handle_->value = value; return true;
        case Field::Name: handle_->name = value; return true;
        default: return false;
      }
    case Scope::Card: {
      ContactCard& c = batch_.cards.back();
      switch (field) {
        case Field::Collection: c.collection = value; return true;
        case Field::Resource: c.resource = value; return true;
        case Field::Uid: c.uid = value; return true;
        case Field::FormattedName: c.formatted_name = clean_title(value); return true;
        case Field::GivenName: c.given_name = clean_title(value); return true;
        case Field::FamilyName: c.family_name = clean_title(value); return true;
        case Field::AdditionalNames: c.additional_names = clean_title(value); return true;
        case Field::HonorificPrefix: c.honorific_prefix = clean_title(value); return true;
        case Field::HonorificSuffix: c.honorific_suffix = clean_title(value); return true;
        case Field::Organization: c.organization = clean_title(value); return true;
        case Field::JobTitle: c.title = clean_title(value); return true;
        case Field::Note: c.note = clean_title(value, kMaxNoteBytes); return true;
        default: return false;
      }
    }
    case Scope::CardRemoval: {
      ContactRemoval& r = batch_.card_removals.back();
      switch (field) {
        case Field::Collection: r.collection = value; return true;
        case Field::Resource: r.resource = value; return true;
        default: return false;
      }
    }
    case Scope::CardValue:
      if (field != Field::Value) return false;
      *value_ = clean_title(value);
      return true;
    case Scope::CardDate:
      return false;
  }
  return false;
}

bool BatchCollector::number_field(Field field, std::int64_t value) {
  auto set_flag = [value](bool& target) {
    if (value != 0 && value != 1) return false;
    target = value == 1;
    return true;
  };
  switch (scope_) {
    case Scope::Batch:
      switch (field) {
        case Field::ListingBegins: return set_flag(batch_.listing_begins);
        case Field::ListingEnds: return set_flag(batch_.listing_ends);
        default: return false;
      }
    case Scope::Message: {
      MessageHeaders& m = batch_.messages.back();
      switch (field) {
        case Field::FolderRole:
          if (!in_range(value, FolderRole::Trash)) return false;
          m.folder_role = static_cast<FolderRole>(value);
          return true;
        case Field::Date: m.date = value; return true;
        case Field::HasListId: return set_flag(m.has_list_id);
        case Field::HasListUnsubscribe: return set_flag(m.has_list_unsubscribe);
        default: return false;
      }
    }
    case Scope::Occurrence: {
      EventOccurrence& o = batch_.events.back().occurrences.back();
      switch (field) {
        case Field::Start: o.start = value; return true;
        case Field::End: o.end = value; return true;
        case Field::AllDay: return set_flag(o.all_day);
        case Field::VideoLink: return set_flag(o.has_video_link);
        case Field::Status:
          if (!in_range(value, EventStatus::Cancelled)) return false;
          o.status = static_cast<EventStatus>(value);
          return true;
        default: return false;
      }
    }
    case Scope::Participant:
      switch (field) {
        case Field::PartStat:
          if (!in_range(value, PartStat::Other)) return false;
          participant_->partstat = static_cast<PartStat>(value);
          return true;
        case Field::CalendarUserType:
          if (!in_range(value, CalendarUserType::Unknown)) return false;
          participant_->cutype = static_cast<CalendarUserType>(value);
          return true;
        case Field::ParticipantRole:
          if (!in_range(value, ParticipantRole::NonParticipant)) return false;
          participant_->role = static_cast<ParticipantRole>(value);
          return true;
        default: return false;
      }
    case Scope::Conversation:
      switch (field) {
        case Field::Date: batch_.conversations.back().date = value; return true;
        default: return false;
      }
    case Scope::Card:
      if (field != Field::Revision) return false;
      batch_.cards.back().revision = value;
      return true;
    case Scope::CardDate:
      switch (field) {
        case Field::Year:
          if (value < 0 || value > 9999) return false;
          date_->year = static_cast<int>(value);
          return true;
        case Field::Month:
          if (value < 1 || value > 12) return false;
          date_->month = static_cast<int>(value);
          return true;
        case Field::Day:
          if (value < 1 || value > 31) return false;
          date_->day = static_cast<int>(value);
          return true;
        default: return false;
      }
    case Scope::Handle:
      switch (field) {
        case Field::HandleKind:
          if (value < static_cast<std::int64_t>(HandleKind::Email) || value > static_cast<std::int64_t>(HandleKind::Phone))
            return false;
          handle_->kind = static_cast<HandleKind>(value);
          return true;
        default: return false;
      }
    default:
      return false;
  }
}

void BatchCollector::text(Field field, std::string_view value) noexcept {
  try {
    if (!text_field(field, value))
      fail(std::string("text field '") + to_string(field) + "' (" +
           std::to_string(static_cast<std::uint32_t>(field)) + ") inside " + scope_name(int(scope_)));
  } catch (...) {
    fail("out of memory");
  }
}

void BatchCollector::number(Field field, std::int64_t value) noexcept {
  try {
    if (!number_field(field, value))
      fail(std::string("number field '") + to_string(field) + "' (" +
           std::to_string(static_cast<std::uint32_t>(field)) + ") = " + std::to_string(value) + " inside " +
           scope_name(int(scope_)));
  } catch (...) {
    fail("out of memory");
  }
}

Status BatchCollector::commit_records() noexcept {
  if (error_.empty() && scope_ != Scope::Batch)
    fail("batch committed inside ", scope_name(int(scope_)));
  Status result;
  if (!error_.empty()) {
    try {
      result = Status::internal("the provider broke the record protocol: " + error_ + "; the batch is refused");
    } catch (...) {
      result = Status(ErrorKind::Internal, {});
    }
  } else {
    result = on_batch(batch_);
  }
  batch_ = Batch{};
  scope_ = Scope::Batch;
  mailbox_ = nullptr;
  participant_ = nullptr;
  handle_ = nullptr;
  value_ = nullptr;
  date_ = nullptr;
  error_.clear();
  return result;
}

}  // namespace kith
