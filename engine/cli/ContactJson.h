// One contact as `kith contacts --json` and `kith history --json` write
// it. write_contact goes through JsonWriter's calls; write_contact_laid_out
// writes the same text with the layout spelled out, for a list of
// everyone (50,000 contacts, 28 MB): ContactJsonTest checks they agree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/JsonWriter.h"
#include "store/HistoryStore.h"

namespace kith::engine {

// What is shown of one contact, read in place from a ContactSummary
// (history) or a person and their summary (contacts): nothing is copied.
struct ContactFields {
  std::int64_t id = 0;
  std::string_view name;
  const std::vector<std::pair<std::string, std::string>>* handles = nullptr;  // by kind: the email ones are "addresses"
  const std::vector<std::string>* tags = nullptr;
  std::optional<UnixSeconds> first_interaction, last_interaction;
  std::size_t email_sent = 0, email_received = 0, meetings = 0, upcoming_meetings = 0;
  std::size_t messages_sent = 0, messages_received = 0;
  const CardSummary* card = nullptr;
  std::size_t coffees = 0;  // virtual coffees with them (relate/Events.h)
  double strength = 0;
};

ContactFields fields_of(const ContactSummary& c);
// From the person's summary at as-of.
ContactFields fields_of(const PersonWithSummary& p, double strength, const CardSummary* card);

// Members in name order, as nlohmann::json objects print them.
void write_contact(JsonWriter& out, const ContactFields& c);
// The same text, laid out here: for a contact in a list at depth one
// (JsonWriter's array of everyone); anywhere else, or with a card, it
// writes through write_contact.
void write_contact_laid_out(JsonWriter& out, const ContactFields& c);

}  // namespace kith::engine
