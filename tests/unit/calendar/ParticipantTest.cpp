// ORGANIZER and ATTENDEE: address, CN, PARTSTAT, CUTYPE, ROLE.
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "CalendarTestSupport.h"

namespace kith::calendar {
namespace {

using testing::parse_one;
using testing::single_event;

// Reads the single attendee of an event whose ATTENDEE line is `line`.
Participant attendee_from(const std::string& line) {
  const CalendarEvent event =
      parse_one(single_event({"UID:p@example.org", "DTSTART:20260105T100000Z", line}));
  if (event.occurrences.size() != 1 || event.occurrences[0].attendees.size() != 1) {
    ADD_FAILURE() << "expected one occurrence with one attendee for " << line;
    return {};
  }
  return event.occurrences[0].attendees[0];
}

struct AttendeeCase {
  const char* name;
  std::string line;
  Participant expected;
};

// Test names instead of byte dumps in failure messages.
void PrintTo(const AttendeeCase& c, std::ostream* os) { *os << c.name; }

class Attendees : public ::testing::TestWithParam<AttendeeCase> {};

TEST_P(Attendees, ReadBack) {
  const AttendeeCase& c = GetParam();
  const Participant p = attendee_from(c.line);
  EXPECT_EQ(p.address, c.expected.address);
  EXPECT_EQ(p.common_name, c.expected.common_name);
  EXPECT_EQ(p.partstat, c.expected.partstat);
  EXPECT_EQ(p.cutype, c.expected.cutype);
  EXPECT_EQ(p.role, c.expected.role);
}

Participant make(std::string address, std::string cn, PartStat partstat = PartStat::Unspecified,
                 CalendarUserType cutype = CalendarUserType::Unspecified,
                 ParticipantRole role = ParticipantRole::Unspecified) {
  return Participant{std::move(address), std::move(cn), partstat, cutype, role};
}

const AttendeeCase kAttendeeCases[] = {
    {"Declined", "ATTENDEE;CN=Bob Jones;PARTSTAT=DECLINED:mailto:bob@example.org",
     make("bob@example.org", "Bob Jones", PartStat::Declined)},
    {"Accepted", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org",
     make("a@example.org", "", PartStat::Accepted)},
    {"Tentative", "ATTENDEE;PARTSTAT=TENTATIVE:mailto:a@example.org",
     make("a@example.org", "", PartStat::Tentative)},
    {"NeedsAction", "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:a@example.org",
     make("a@example.org", "", PartStat::NeedsAction)},
    {"Delegated", "ATTENDEE;PARTSTAT=DELEGATED:mailto:a@example.org",
     make("a@example.org", "", PartStat::Delegated)},
    {"TodoPartstatIsOther", "ATTENDEE;PARTSTAT=COMPLETED:mailto:a@example.org",
     make("a@example.org", "", PartStat::Other)},
    {"XPartstatIsOther", "ATTENDEE;PARTSTAT=X-MAYBE:mailto:a@example.org",
     make("a@example.org", "", PartStat::Other)},
    {"LowerCaseValues", "ATTENDEE;partstat=declined;cutype=room:mailto:a@example.org",
     make("a@example.org", "", PartStat::Declined, CalendarUserType::Room)},
    {"RoomResource",
     "ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Conf Room "
     "4:mailto:room4@example.org",
     make("room4@example.org", "Conf Room 4", PartStat::Accepted, CalendarUserType::Room,
          ParticipantRole::NonParticipant)},
    {"Resource", "ATTENDEE;CUTYPE=RESOURCE:mailto:projector@example.org",
     make("projector@example.org", "", PartStat::Unspecified, CalendarUserType::Resource)},
    {"Group", "ATTENDEE;CUTYPE=GROUP:mailto:team@example.org",
     make("team@example.org", "", PartStat::Unspecified, CalendarUserType::Group)},
    {"Individual", "ATTENDEE;CUTYPE=INDIVIDUAL:mailto:a@example.org",
     make("a@example.org", "", PartStat::Unspecified, CalendarUserType::Individual)},
    {"UnknownCutype", "ATTENDEE;CUTYPE=UNKNOWN:mailto:a@example.org",
     make("a@example.org", "", PartStat::Unspecified, CalendarUserType::Unknown)},
    {"XCutypeCountsAsUnknown", "ATTENDEE;CUTYPE=X-VEHICLE:mailto:a@example.org",
     make("a@example.org", "", PartStat::Unspecified, CalendarUserType::Unknown)},
    {"Chair", "ATTENDEE;ROLE=CHAIR:mailto:a@example.org",
     make("a@example.org", "", PartStat::Unspecified, CalendarUserType::Unspecified,
          ParticipantRole::Chair)},
    {"Required", "ATTENDEE;ROLE=REQ-PARTICIPANT:mailto:a@example.org",
     make("a@example.org", "", PartStat::Unspecified, CalendarUserType::Unspecified,
          ParticipantRole::Required)},
    {"Optional", "ATTENDEE;ROLE=OPT-PARTICIPANT:mailto:a@example.org",
     make("a@example.org", "", PartStat::Unspecified, CalendarUserType::Unspecified,
          ParticipantRole::Optional)},
    {"UpperCaseScheme", "ATTENDEE:MAILTO:Ann.Example@Example.ORG",
     make("Ann.Example@Example.ORG", "")},
    {"MixedCaseScheme", "ATTENDEE:MailTo:ann@example.org", make("ann@example.org", "")},
    {"NotMailtoHasNoAddress", "ATTENDEE;CN=Phone:tel:+1-555-0100", make("", "Phone")},
    {"UrnHasNoAddress", "ATTENDEE;CN=Someone:urn:uuid:5f3a0e1c-0000-4000-8000-000000000000",
     make("", "Someone")},
    {"QuotedCnWithComma", "ATTENDEE;CN=\"Jones, Bob\":mailto:bob@example.org",
     make("bob@example.org", "Jones, Bob")},
    {"Utf8Cn", "ATTENDEE;CN=J\xC3\xBCrgen M\xC3\xBCller:mailto:juergen@example.de",
     make("juergen@example.de", "J\xC3\xBCrgen M\xC3\xBCller")},
};

INSTANTIATE_TEST_SUITE_P(Calendar, Attendees, ::testing::ValuesIn(kAttendeeCases),
                         [](const ::testing::TestParamInfo<AttendeeCase>& info) {
                           return info.param.name;
                         });

TEST(Participants, OrganizerAndAttendeesInOrder) {
  const CalendarEvent event =
      parse_one(single_event({"UID:p@example.org", "DTSTART:20260105T100000Z",
                              "ORGANIZER;CN=Ann Example:MAILTO:ann@example.org",
                              "ATTENDEE;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:ann@example.org",
                              "ATTENDEE;PARTSTAT=DECLINED:mailto:bob@example.org",
                              "ATTENDEE;CUTYPE=ROOM:mailto:room@example.org"}));
  ASSERT_EQ(event.occurrences.size(), 1u);
  const EventOccurrence& occ = event.occurrences[0];
  ASSERT_TRUE(occ.organizer.has_value());
  EXPECT_EQ(occ.organizer->address, "ann@example.org");
  EXPECT_EQ(occ.organizer->common_name, "Ann Example");
  ASSERT_EQ(occ.attendees.size(), 3u);
  EXPECT_EQ(occ.attendees[0].role, ParticipantRole::Chair);
  EXPECT_EQ(occ.attendees[1].address, "bob@example.org");
  EXPECT_EQ(occ.attendees[1].partstat, PartStat::Declined);
  EXPECT_EQ(occ.attendees[2].cutype, CalendarUserType::Room);
}

TEST(Participants, NoneGiven) {
  const CalendarEvent event =
      parse_one(single_event({"UID:p@example.org", "DTSTART:20260105T100000Z"}));
  ASSERT_EQ(event.occurrences.size(), 1u);
  EXPECT_FALSE(event.occurrences[0].organizer.has_value());
  EXPECT_TRUE(event.occurrences[0].attendees.empty());
}

TEST(Participants, EveryOccurrenceOfTheMasterCarriesThem) {
  const CalendarEvent event = parse_one(single_event(
      {"UID:p@example.org", "DTSTART:20260105T100000Z", "RRULE:FREQ=DAILY;COUNT=3",
       "ORGANIZER:mailto:ann@example.org", "ATTENDEE;PARTSTAT=DECLINED:mailto:bob@example.org"}));
  ASSERT_EQ(event.occurrences.size(), 3u);
  for (const auto& occ : event.occurrences) {
    ASSERT_TRUE(occ.organizer.has_value());
    EXPECT_EQ(occ.organizer->address, "ann@example.org");
    ASSERT_EQ(occ.attendees.size(), 1u);
    EXPECT_EQ(occ.attendees[0].partstat, PartStat::Declined);
  }
}

}  // namespace
}  // namespace kith::calendar
