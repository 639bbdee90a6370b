#include "cli/ContactJson.h"

namespace kith::engine {

namespace {

nlohmann::json card_json(const CardSummary& card) {
  auto text = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
  return {{"formatted_name", text(card.formatted_name)},
          {"organization", text(card.organization)},
          {"title", text(card.title)},
          {"birthday", text(card.birthday)},
          {"anniversary", text(card.anniversary)},
          {"connected", text(card.connected)},
          {"nicknames", card.nicknames},
          {"categories", card.categories}};
}

}  // namespace

ContactFields fields_of(const ContactSummary& c) {
  ContactFields f;
  f.id = c.id;
  f.name = c.name;
  f.handles = &c.handles;
  f.tags = &c.tags;
  f.first_interaction = c.first_interaction;
  f.last_interaction = c.last_interaction;
  f.email_sent = c.email_sent;
  f.email_received = c.email_received;
  f.meetings = c.meetings;
  f.upcoming_meetings = c.upcoming_meetings;
  f.messages_sent = c.messages_sent;
  f.messages_received = c.messages_received;
  f.card = c.card ? &*c.card : nullptr;
  f.strength = c.strength;
  return f;
}

// From the person's summary at as-of.
ContactFields fields_of(const PersonWithSummary& p, double strength, const CardSummary* card) {
  const PersonSummary& s = *p.kept;
  auto count = [&](InteractionKind kind) { return static_cast<std::size_t>(s.counts[static_cast<std::size_t>(kind)]); };
  ContactFields f;
  f.id = p.person.id;
  f.name = p.person.name;
  f.handles = &p.person.handles;
  f.tags = &p.person.tags;
  if (s.first) f.first_interaction = s.first->at;
  if (s.last) f.last_interaction = s.last->at;
  f.email_sent = count(InteractionKind::EmailSent);
  f.email_received = count(InteractionKind::EmailReceived);
  f.meetings = count(InteractionKind::Meeting);
  f.upcoming_meetings = s.upcoming_meetings;
  f.messages_sent = count(InteractionKind::MessageSent);
  f.messages_received = count(InteractionKind::MessageReceived);
  f.card = card;
  f.strength = strength;
  return f;
}

// Members in name order, as nlohmann::json objects print them.
void write_contact(JsonWriter& out, const ContactFields& c) {
  out.begin_object();
  out.key("addresses").begin_array();
  for (const auto& [kind, value] : *c.handles)
    if (kind == "email") out.value(value);
  out.end_array();
  if (c.card) out.key("card").value(card_json(*c.card));
  else out.key("card").null();
  out.key("coffees").value(c.coffees);
  out.key("conversation_counts").begin_object();
  out.key("message_received").value(c.messages_received).key("message_sent").value(c.messages_sent);
  out.end_object();
  out.key("counts").begin_object();
  out.key("email_received").value(c.email_received).key("email_sent").value(c.email_sent);
  out.key("meeting").value(c.meetings);
  out.end_object();
  out.key("first_interaction").time(c.first_interaction);
  out.key("handles").begin_array();
  for (const auto& [kind, value] : *c.handles) out.begin_object().key("kind").value(kind).key("value").value(value).end_object();
  out.end_array();
  out.key("id").value(c.id);
  out.key("last_interaction").time(c.last_interaction);
  out.key("name").text_or_null(c.name);
  out.key("strength").value(c.strength);
  out.key("tags").strings(*c.tags);
  out.key("upcoming_meetings").value(c.upcoming_meetings);
  out.end_object();
}

void write_contact_laid_out(JsonWriter& out, const ContactFields& c) {
  if (c.card || out.depth() != 1) return write_contact(out, c);
  // The members at four spaces, the object's braces at two: what
  // write_contact writes inside a list.
  out.begin_laid_out().raw("{\n    \"addresses\": ");
  bool any = false;
  for (const auto& [kind, value] : *c.handles) {
    if (kind != "email") continue;
    out.raw(any ? ",\n      " : "[\n      ").raw_string(value);
    any = true;
  }
  out.raw(any ? "\n    ],\n    \"card\": null,\n    \"coffees\": " : "[],\n    \"card\": null,\n    \"coffees\": ");
  out.raw_unsigned(c.coffees).raw(",\n    \"conversation_counts\": {\n      \"message_received\": ");
  out.raw_unsigned(c.messages_received).raw(",\n      \"message_sent\": ").raw_unsigned(c.messages_sent);
  out.raw("\n    },\n    \"counts\": {\n      \"email_received\": ").raw_unsigned(c.email_received);
  out.raw(",\n      \"email_sent\": ").raw_unsigned(c.email_sent);
  out.raw(",\n      \"meeting\": ").raw_unsigned(c.meetings);
  out.raw("\n    },\n    \"first_interaction\": ").raw_time(c.first_interaction).raw(",\n    \"handles\": ");
  if (c.handles->empty()) {
    out.raw("[]");
  } else {
    bool first = true;
    for (const auto& [kind, value] : *c.handles) {
      out.raw(first ? "[\n      {\n        \"kind\": " : ",\n      {\n        \"kind\": ").raw_string(kind);
      out.raw(",\n        \"value\": ").raw_string(value).raw("\n      }");
      first = false;
    }
    out.raw("\n    ]");
  }
  out.raw(",\n    \"id\": ").raw_signed(c.id);
  out.raw(",\n    \"last_interaction\": ").raw_time(c.last_interaction);
  out.raw(",\n    \"name\": ");
  if (c.name.empty()) out.raw("null");
  else out.raw_string(c.name);
  out.raw(",\n    \"strength\": ").raw_double(c.strength).raw(",\n    \"tags\": ");
  if (c.tags->empty()) {
    out.raw("[]");
  } else {
    bool first = true;
    for (const auto& tag : *c.tags) {
      out.raw(first ? "[\n      " : ",\n      ").raw_string(tag);
      first = false;
    }
    out.raw("\n    ]");
  }
  out.raw(",\n    \"upcoming_meetings\": ").raw_unsigned(c.upcoming_meetings).raw("\n  }");
}

}  // namespace kith::engine
