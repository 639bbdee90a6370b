#include <algorithm>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <unordered_map>

#include "cli/Commands.h"
#include "cli/JsonWriter.h"
#include "cli/Output.h"
#include "relate/Relationships.h"
#include "util/Strings.h"
#include "util/Time.h"

namespace kith::engine {

namespace {

nlohmann::json card_json(const std::optional<CardSummary>& card) {
  if (!card) return nullptr;
  auto text = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
  return {{"formatted_name", text(card->formatted_name)},
          {"organization", text(card->organization)},
          {"title", text(card->title)},
          {"birthday", text(card->birthday)},
          {"anniversary", text(card->anniversary)},
          {"nicknames", card->nicknames},
          {"categories", card->categories}};
}

// Members in name order, as nlohmann::json objects print them.
void write_contact(JsonWriter& out, const ContactSummary& c) {
  out.begin_object();
  out.key("addresses").strings(c.addresses);
  out.key("card").value(card_json(c.card));
  out.key("conversation_counts").begin_object();
  out.key("message_received").value(c.messages_received).key("message_sent").value(c.messages_sent);
  out.end_object();
  out.key("counts").begin_object();
  out.key("email_received").value(c.email_received).key("email_sent").value(c.email_sent);
  out.key("meeting").value(c.meetings);
  out.end_object();
  out.key("first_interaction").time(c.first_interaction);
  out.key("handles").begin_array();
  for (const auto& [kind, value] : c.handles) out.begin_object().key("kind").value(kind).key("value").value(value).end_object();
  out.end_array();
  out.key("id").value(c.id);
  out.key("last_interaction").time(c.last_interaction);
  out.key("name").text_or_null(c.name);
  out.key("strength").value(c.strength);
  out.key("tags").strings(c.tags);
  out.key("upcoming_meetings").value(c.upcoming_meetings);
  out.end_object();
}

// A contact as `kith contacts` lists it, from the person's summary at as-of.
ContactSummary contact_of(PersonView& v, std::unordered_map<std::int64_t, CardSummary>& cards) {
  ContactSummary c;
  c.id = v.person.id;
  c.name = std::move(v.person.name);
  c.handles = std::move(v.person.handles);
  c.strength = v.strength;
  c.tags = std::move(v.person.tags);
  for (const auto& [kind, value] : c.handles)
    if (kind == "email") c.addresses.push_back(value);
  const PersonSummary& s = v.summary;
  if (s.first) c.first_interaction = s.first->at;
  if (s.last) c.last_interaction = s.last->at;
  auto count = [&](InteractionKind kind) { return static_cast<std::size_t>(s.counts[static_cast<std::size_t>(kind)]); };
  c.email_sent = count(InteractionKind::EmailSent);
  c.email_received = count(InteractionKind::EmailReceived);
  c.meetings = count(InteractionKind::Meeting);
  c.messages_sent = count(InteractionKind::MessageSent);
  c.messages_received = count(InteractionKind::MessageReceived);
  c.upcoming_meetings = s.upcoming_meetings;
  if (auto it = cards.find(c.id); it != cards.end()) c.card = std::move(it->second);
  return c;
}

std::string strength_text(double score) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f", score);
  return text;
}

// The handle shown for a contact: an address if it has one.
std::string first_handle(const ContactSummary& c) {
  if (!c.addresses.empty()) return c.addresses.front();
  return c.handles.empty() ? "" : c.handles.front().second;
}

std::string display_name(const ContactSummary& c) {
  if (!c.name.empty()) return c.name;
  const std::string handle = first_handle(c);
  return handle.empty() ? "?" : handle;
}

}  // namespace

int run_contacts(Session& session, const ContactsOptions& options) {
  ContactSort sort = ContactSort::Name;
  if (options.sort == "last") sort = ContactSort::LastInteraction;
  else if (options.sort == "count") sort = ContactSort::Count;
  else if (options.sort != "name" && options.sort != "strength")
    return report_error(Status::account("--sort must be last, count, name or strength, not '" + options.sort + "'"));

  auto config = session.config();
  if (!config) return report_error(config.status());
  auto store = session.store();
  if (!store) return report_error(store.status());
  const auto now = session.now();
  RelationshipSettings settings;
  settings.default_cadence_days = (*config)->default_cadence_days;
  settings.half_life_days = (*config)->half_life_days;
  settings.drift = false;
  settings.handles = true;
  settings.summaries = true;
  auto views = person_views(**store, settings, now);
  if (!views) return report_error(views.status());
  auto cards = (*store)->cards();
  if (!cards) return report_error(cards.status());

  // Everyone with an interaction (ignored people have none left), with the
  // tag asked for.
  std::vector<PersonView*> chosen;
  for (PersonView& v : *views) {
    if (!v.summary.last && v.summary.upcoming_meetings == 0) continue;
    if (!options.tag.empty() && std::find(v.person.tags.begin(), v.person.tags.end(), options.tag) == v.person.tags.end())
      continue;
    chosen.push_back(&v);
  }
  // By strength: order the people, then make contacts of those shown only.
  if (options.sort == "strength") {
    std::stable_sort(chosen.begin(), chosen.end(), [](const PersonView* a, const PersonView* b) {
      return a->strength != b->strength ? a->strength > b->strength : a->person.id < b->person.id;
    });
    if (options.limit && chosen.size() > *options.limit) chosen.resize(*options.limit);
  }
  // Contacts in the order asked for, made one at a time: by strength the
  // people are in order already, and a list of everyone is long.
  std::vector<ContactSummary> list;
  if (options.sort != "strength") {
    list.reserve(chosen.size());
    for (PersonView* v : chosen) list.push_back(contact_of(*v, *cards));
    sort_contacts(list, sort);
    if (options.limit && list.size() > *options.limit) list.resize(*options.limit);
  }
  const std::size_t count = options.sort == "strength" ? chosen.size() : list.size();
  auto for_each_contact = [&](const std::function<void(const ContactSummary&)>& use) {
    if (options.sort != "strength") {
      for (const auto& c : list) use(c);
      return;
    }
    for (PersonView* v : chosen) use(contact_of(*v, *cards));
  };

  if (session.options().json) {
    JsonWriter out;
    out.begin_array();
    for_each_contact([&](const ContactSummary& c) { write_contact(out, c); });
    out.end_array().finish();
    return 0;
  }
  if (count == 0) {
    std::cout << "No contacts yet. Run `kith sync` first.\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {
      {"ID", "NAME", "ADDRESS", "LAST CONTACT", "SENT", "RECEIVED", "MEETINGS", "UPCOMING", "STRENGTH"}};
  rows.reserve(count + 1);
  for_each_contact([&](const ContactSummary& c) {
    std::string address = first_handle(c);
    if (c.handles.size() > 1) address += " (+" + std::to_string(c.handles.size() - 1) + ")";
    rows.push_back({std::to_string(c.id), display_name(c), address, relative_time(c.last_interaction, now),
                    std::to_string(c.email_sent), std::to_string(c.email_received), std::to_string(c.meetings),
                    std::to_string(c.upcoming_meetings), strength_text(c.strength)});
  });
  print_table(std::move(rows));
  return 0;
}

// Wide enough for most subjects, narrow enough for one line; --json has
// them whole.
constexpr std::size_t kHistorySubjectColumns = 60;

int run_history(Session& session, const std::string& address_or_id) {
  auto store = session.store();
  if (!store) return report_error(store.status());
  const auto now = session.now();
  auto contact = (*store)->find_contact(address_or_id, now);
  if (!contact) return report_error(contact.status());
  if (!*contact) return report_error(Status::account("no contact with address or id '" + address_or_id + "'"));
  auto history = (*store)->history((*contact)->id, now);
  if (!history) return report_error(history.status());

  if (session.options().json) {
    JsonWriter out;
    out.begin_object().key("contact");
    write_contact(out, **contact);
    out.key("interactions").begin_array();
    for (const auto& e : *history) {
      out.begin_object();
      out.key("account").value(e.account);
      out.key("address").value(e.handle);
      out.key("channel").text_or_null(e.channel);
      out.key("direction").value(direction_of(e.kind));
      out.key("handle_kind").value(e.handle_kind);
      out.key("kind").value(to_string(e.kind));
      out.key("subject").text_or_null(e.title);
      out.key("upcoming").value(e.upcoming);
      out.key("when").time(e.when);
      out.end_object();
    }
    out.end_array().end_object().finish();
    return 0;
  }
  const auto& c = **contact;
  std::cout << terminal_safe(display_name(c)) << " (id " << c.id << ")";
  for (const auto& [kind, value] : c.handles) std::cout << " <" << terminal_safe(value) << ">";
  std::cout << "\n" << c.email_sent << " sent, " << c.email_received << " received, " << c.meetings << " meetings, "
            << c.upcoming_meetings << " upcoming";
  if (c.messages_sent + c.messages_received > 0)
    std::cout << ", " << c.messages_sent << " messages sent, " << c.messages_received << " messages received";
  std::cout << "; last contact " << relative_time(c.last_interaction, now) << "\n";
  if (c.card) {
    std::string about = c.card->title;
    if (!c.card->organization.empty()) about += (about.empty() ? "" : ", ") + c.card->organization;
    if (!c.card->birthday.empty()) about += (about.empty() ? "" : "; ") + std::string("birthday ") + c.card->birthday;
    if (!about.empty()) std::cout << terminal_safe(about) << "\n";
  }
  std::cout << "\n";
  std::vector<std::vector<std::string>> rows = {
      {"WHEN (UTC)", "KIND", "DIRECTION", "HANDLE", "ACCOUNT", "SUBJECT / TITLE"}};
  for (const auto& e : *history)
    rows.push_back({human_time(e.when) + (e.upcoming ? " (upcoming)" : ""), to_string(e.kind), direction_of(e.kind),
                    e.channel.empty() ? e.handle : e.handle + " (" + e.channel + ")", e.account,
                    shortened(e.title, kHistorySubjectColumns)});
  print_table(std::move(rows));
  return 0;
}

}  // namespace kith::engine
