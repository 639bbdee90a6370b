// The extraction rules (README "Extraction rules"), in one place for every
// provider: normalized items in, interactions out. Pure: no I/O, no clock
// (upcoming-ness is decided at query time from the stored start).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "extract/Interaction.h"
#include "kith/Items.h"

namespace kith::engine {

struct ExtractionPolicy {
  std::vector<std::string> owner_addresses;  // any case
  // Owner handles that are not addresses ([identity] handles): profile
  // URIs, phone numbers, as written.
  std::vector<std::string> owner_handles;
  std::size_t max_recipients = 20;
  std::size_t max_meeting_participants = 20;  // rule 9
  std::size_t max_event_occurrences = 1000;   // rule 9
  bool keep_titles = true;  // [privacy] store_subjects: false keeps no subject or title
  std::size_t max_event_people = 500;  // [events] max_participants: people kept per occurrence
};

class InteractionExtractor {
 public:
  explicit InteractionExtractor(const ExtractionPolicy& policy);

  bool is_owner(std::string_view address) const;
  bool is_owner(const Handle& handle) const;

  // Rules 1-6. Empty when the message yields nothing.
  std::vector<Interaction> from_message(const MessageHeaders& message) const;

  // Rules 8 and 9: the meetings of every occurrence of one calendar
  // resource; and every occurrence the owner attends, for events and coffees.
  EventInteractions from_event(const CalendarEvent& event) const;

  // Rule 11: a conversation message of another channel. Empty when it
  // yields nothing.
  std::vector<Interaction> from_conversation(const ConversationMessage& message) const;

  ExtractedBatch extract(const Batch& batch) const;

 private:
  std::unordered_set<std::string> owners_;  // normalized addresses and handles
  std::size_t max_recipients_;
  std::size_t max_meeting_participants_;
  std::size_t max_event_occurrences_;
  std::size_t max_event_people_;
  bool keep_titles_;
};

}  // namespace kith::engine
