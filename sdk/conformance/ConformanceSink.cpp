#include "ConformanceSink.h"

#include <string_view>

namespace kith::conformance {
namespace {

void field(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += '=';
  out += value;
  out += ';';
}

void mailboxes(std::string& out, std::string_view name, const std::vector<Mailbox>& list) {
  for (const Mailbox& m : list) field(out, name, m.name + " <" + m.address + ">");
}

void participant(std::string& out, std::string_view name, const Participant& p) {
  field(out, name,
        p.common_name + " <" + p.address + "> " + std::to_string(int(p.partstat)) + "/" +
            std::to_string(int(p.cutype)) + "/" + std::to_string(int(p.role)));
}

}  // namespace

std::vector<Delivery> deliveries_of(const Batch& batch) {
  std::vector<Delivery> out;
  for (const MessageHeaders& m : batch.messages) {
    Delivery d;
    d.identity = "message " + m.collection + "/" + (m.item_id.empty() ? "<" + m.message_id + ">" : m.item_id);
    field(d.content, "role", to_string(m.folder_role));
    field(d.content, "id", m.message_id);
    field(d.content, "date", m.date ? std::to_string(*m.date) : "-");
    mailboxes(d.content, "from", m.from);
    mailboxes(d.content, "to", m.to);
    mailboxes(d.content, "cc", m.cc);
    mailboxes(d.content, "bcc", m.bcc);
    mailboxes(d.content, "reply-to", m.reply_to);
    field(d.content, "in-reply-to", m.in_reply_to);
    field(d.content, "subject", m.subject);
    field(d.content, "list", std::to_string(m.has_list_id) + std::to_string(m.has_list_unsubscribe));
    field(d.content, "precedence", m.precedence);
    field(d.content, "auto-submitted", m.auto_submitted);
    out.push_back(std::move(d));
  }
  for (const CalendarEvent& e : batch.events) {
    Delivery d;
    d.identity = "event " + e.collection + "/" + e.resource;
    field(d.content, "uid", e.uid);
    for (const EventOccurrence& o : e.occurrences) {
      field(d.content, "occurrence", o.recurrence_id + " " + std::to_string(o.start) + "-" + std::to_string(o.end));
      field(d.content, "flags", std::to_string(o.all_day) + std::to_string(int(o.status)) +
                                    std::to_string(o.has_video_link));
      field(d.content, "summary", o.summary);
      field(d.content, "location", o.location);
      if (o.organizer) participant(d.content, "organizer", *o.organizer);
      for (const Participant& p : o.attendees) participant(d.content, "attendee", p);
    }
    out.push_back(std::move(d));
  }
  for (const EventRemoval& r : batch.removals)
    out.push_back({"removal " + r.collection + "/" + r.resource, ""});
  for (const ContactCard& c : batch.cards) {
    Delivery d;
    d.identity = "card " + c.collection + "/" + c.resource;
    field(d.content, "uid", c.uid);
    field(d.content, "fn", c.formatted_name);
    field(d.content, "n", c.given_name + ";" + c.family_name + ";" + c.additional_names + ";" + c.honorific_prefix +
                              ";" + c.honorific_suffix);
    for (const std::string& n : c.nicknames) field(d.content, "nickname", n);
    for (const Handle& h : c.handles) field(d.content, "handle", std::string(to_string(h.kind)) + " " + h.value + " " + h.name);
    field(d.content, "org", c.organization + ";" + c.title);
    auto date = [](const std::optional<PartialDate>& p) {
      return p ? std::to_string(p->year) + "-" + std::to_string(p->month) + "-" + std::to_string(p->day) : "-";
    };
    field(d.content, "bday", date(c.birthday));
    field(d.content, "anniversary", date(c.anniversary));
    field(d.content, "connected", date(c.connected));
    for (const std::string& category : c.categories) field(d.content, "category", category);
    field(d.content, "note", c.note);
    field(d.content, "rev", c.revision ? std::to_string(*c.revision) : "-");
    out.push_back(std::move(d));
  }
  for (const ContactRemoval& r : batch.card_removals)
    out.push_back({"card removal " + r.collection + "/" + r.resource, ""});
  for (const ConversationMessage& m : batch.conversations) {
    Delivery d;
    d.identity = "conversation " + m.channel + " " + m.collection + "/" +
                 (m.item_id.empty() ? "<" + m.message_id + ">" : m.item_id);
    field(d.content, "id", m.message_id);
    field(d.content, "date", m.date ? std::to_string(*m.date) : "-");
    auto handle = [&](std::string_view name, const Handle& h) {
      field(d.content, name, std::string(to_string(h.kind)) + " " + h.value + " " + h.name);
    };
    if (m.sender) handle("sender", *m.sender);
    for (const Handle& h : m.recipients) handle("recipient", h);
    field(d.content, "subject", m.subject);
    out.push_back(std::move(d));
  }
  return out;
}

Status ConformanceSink::on_batch(Batch& batch) noexcept {
  try {
    ++commits;
    if (failed_) {
      ++commits_after_failure;
      return Status::transient("conformance: a commit after a failed commit");
    }
    if (commits == fail_at) {
      failed_ = true;
      return Status::transient("conformance: simulated crash before commit " + std::to_string(commits));
    }
    for (Delivery& d : deliveries_of(batch)) delivered.push_back(std::move(d));
    if (batch.cursor) cursors[batch.collection] = *batch.cursor;
    if (after_commit) after_commit();
    return {};
  } catch (...) {
    return Status::internal("conformance: out of memory");
  }
}

void ConformanceSink::item_failed(std::string_view collection, std::string_view item, const Status& why) noexcept {
  try {
    item_failures.push_back(std::string(collection) + "/" + std::string(item) + ": " + why.message());
  } catch (...) {
  }
}

void ConformanceSink::progress(std::string_view, std::uint64_t, std::uint64_t) noexcept { ++progress_calls; }

}  // namespace kith::conformance
