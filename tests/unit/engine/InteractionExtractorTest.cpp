// Every extraction rule from the README, one table row per case.
#include <gtest/gtest.h>

#include <algorithm>

#include "extract/InteractionExtractor.h"
#include "extract/MessageKey.h"

namespace kith::engine {
namespace {

const ExtractionPolicy kPolicy{{"me@example.org", "Me.Alias@Example.COM"}, {"https://www.linkedin.com/in/me"}, 20};

MessageHeaders message(std::vector<Mailbox> from, std::vector<Mailbox> to, std::vector<Mailbox> cc = {},
                       std::vector<Mailbox> bcc = {}) {
  MessageHeaders m;
  m.collection = "INBOX";
  m.folder_role = FolderRole::Inbox;
  m.message_id = "abc@example.net";
  m.date = 1750000000;
  m.from = std::move(from);
  m.to = std::move(to);
  m.cc = std::move(cc);
  m.bcc = std::move(bcc);
  return m;
}

// "kind:address" for each interaction, sorted, so rows read like the rule.
std::vector<std::string> summary(const std::vector<Interaction>& interactions) {
  std::vector<std::string> out;
  for (const auto& i : interactions) out.push_back(std::string(to_string(i.kind)) + ":" + i.handle);
  std::sort(out.begin(), out.end());
  return out;
}

struct MailCase {
  const char* name;
  MessageHeaders message;
  std::vector<std::string> expected;
};

MessageHeaders with(MessageHeaders m, void (*change)(MessageHeaders&)) {
  change(m);
  return m;
}

std::vector<Mailbox> many(int n) {
  std::vector<Mailbox> out;
  for (int i = 0; i < n; ++i) out.push_back({"", "person" + std::to_string(i) + "@example.net"});
  return out;
}

class MailRules : public ::testing::TestWithParam<MailCase> {};

TEST_P(MailRules, Extract) {
  const InteractionExtractor extractor(kPolicy);
  EXPECT_EQ(summary(extractor.from_message(GetParam().message)), GetParam().expected);
}

const Mailbox kMe{"Me", "me@example.org"};
const Mailbox kAnn{"Ann", "ann@example.net"};
const Mailbox kBob{"Bob", "Bob@Example.NET"};

INSTANTIATE_TEST_SUITE_P(
    Rules, MailRules,
    ::testing::Values(
        // Rule 5: received mail counts the sender only.
        MailCase{"received_counts_sender_only", message({kAnn}, {kMe, kBob}), {"email_received:ann@example.net"}},
        // Rule 4: sent mail counts each distinct non-owner in To, Cc, Bcc.
        MailCase{"sent_counts_to_cc_bcc", message({kMe}, {kAnn}, {kBob}, {{"", "carol@example.net"}}),
                 {"email_sent:ann@example.net", "email_sent:bob@example.net", "email_sent:carol@example.net"}},
        MailCase{"sent_dedupes_recipients_and_skips_owner_aliases",
                 message({kMe}, {kAnn, {"", "ANN@example.net"}, {"", "me.alias@example.com"}}, {kAnn}),
                 {"email_sent:ann@example.net"}},
        // Rule 2: owner comparison is case-insensitive, any identity.
        MailCase{"sent_from_alias_in_other_case", message({{"", "ME.ALIAS@example.com"}}, {kBob}),
                 {"email_sent:bob@example.net"}},
        MailCase{"to_self_only_yields_nothing", message({kMe}, {{"", "me.alias@example.com"}}), {}},
        // Rule 3: automated mail.
        MailCase{"list_id", with(message({kAnn}, {kMe}), [](MessageHeaders& m) { m.has_list_id = true; }), {}},
        MailCase{"list_unsubscribe", with(message({kAnn}, {kMe}), [](MessageHeaders& m) { m.has_list_unsubscribe = true; }), {}},
        MailCase{"precedence_bulk", with(message({kAnn}, {kMe}), [](MessageHeaders& m) { m.precedence = "Bulk"; }), {}},
        MailCase{"precedence_list", with(message({kAnn}, {kMe}), [](MessageHeaders& m) { m.precedence = "list"; }), {}},
        MailCase{"precedence_junk", with(message({kAnn}, {kMe}), [](MessageHeaders& m) { m.precedence = " junk "; }), {}},
        MailCase{"precedence_first_class_counts",
                 with(message({kAnn}, {kMe}), [](MessageHeaders& m) { m.precedence = "first-class"; }),
                 {"email_received:ann@example.net"}},
        MailCase{"auto_submitted_auto_replied",
                 with(message({kAnn}, {kMe}), [](MessageHeaders& m) { m.auto_submitted = "auto-replied; owner-email=x"; }), {}},
        MailCase{"auto_submitted_no_counts", with(message({kAnn}, {kMe}), [](MessageHeaders& m) { m.auto_submitted = "No"; }),
                 {"email_received:ann@example.net"}},
        MailCase{"noreply_sender", message({{"", "no-reply@shop.example"}}, {kMe}), {}},
        MailCase{"do_not_reply_sender", message({{"", "Do_Not.Reply@bank.example"}}, {kMe}), {}},
        MailCase{"noreply_inside_local_part", message({{"", "alerts-noreply@bank.example"}}, {kMe}), {}},
        MailCase{"mailer_daemon", message({{"", "MAILER-DAEMON@mx.example"}}, {kMe}), {}},
        MailCase{"postmaster", message({{"", "postmaster@example.net"}}, {kMe}), {}},
        MailCase{"postmaster_prefix_is_a_person", message({{"", "postmasterson@example.net"}}, {kMe}),
                 {"email_received:postmasterson@example.net"}},
        MailCase{"junk_folder", with(message({kAnn}, {kMe}), [](MessageHeaders& m) { m.folder_role = FolderRole::Junk; }), {}},
        MailCase{"drafts_folder", with(message({kMe}, {kAnn}), [](MessageHeaders& m) { m.folder_role = FolderRole::Drafts; }), {}},
        MailCase{"trash_folder_counts", with(message({kAnn}, {kMe}), [](MessageHeaders& m) { m.folder_role = FolderRole::Trash; }),
                 {"email_received:ann@example.net"}},
        // Rule 6: more than max_recipients distinct recipients yields nothing.
        MailCase{"twenty_recipients_count", message({kMe}, many(20)), []() {
                   std::vector<std::string> v;
                   for (int i = 0; i < 20; ++i) v.push_back("email_sent:person" + std::to_string(i) + "@example.net");
                   std::sort(v.begin(), v.end());
                   return v;
                 }()},
        MailCase{"twenty_one_recipients_yield_nothing", message({kMe}, many(15), many(21)), {}},
        MailCase{"twenty_one_recipients_received_yield_nothing", message({kAnn}, many(21)), {}},
        // Bcc recipients count toward rule 6 like To and Cc.
        MailCase{"twenty_one_with_bcc_yield_nothing", message({kMe}, many(10), {}, many(21)), {}},
        MailCase{"bcc_pushes_over_the_limit", message({kMe}, many(20), {}, {{"", "extra@example.net"}}), {}},
        MailCase{"bcc_only_sent_counts", message({kMe}, {}, {}, {kAnn}), {"email_sent:ann@example.net"}},
        // A message without any time cannot be placed in a history.
        MailCase{"no_date_yields_nothing", with(message({kAnn}, {kMe}), [](MessageHeaders& m) { m.date.reset(); }), {}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(MessageKey, UsesMessageIdWhenPresent) {
  auto m = message({kAnn}, {kMe});
  EXPECT_EQ(message_key(m), "mid:abc@example.net");
}

TEST(MessageKey, HashesDateAndAddressesWithoutMessageId) {
  auto a = message({kAnn}, {kMe, kBob});
  a.message_id.clear();
  auto b = message({{"Other Name", "ANN@example.net"}}, {kBob, kMe});  // same people, other order and case
  b.message_id.clear();
  b.collection = "Archive";
  EXPECT_EQ(message_key(a), message_key(b));
  EXPECT_EQ(message_key(a).rfind("hash:", 0), 0u);
  auto c = a;
  c.date = *a.date + 1;
  EXPECT_NE(message_key(a), message_key(c));
  auto d = a;
  d.cc.push_back({"", "someone@example.net"});
  EXPECT_NE(message_key(a), message_key(d));
}

TEST(MailRules, SameMessageInTwoFoldersHasOneKey) {
  const InteractionExtractor extractor(kPolicy);
  auto inbox = message({kAnn}, {kMe});
  auto archive = inbox;
  archive.collection = "Archive";
  archive.folder_role = FolderRole::Other;
  const auto a = extractor.from_message(inbox);
  const auto b = extractor.from_message(archive);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].dedupe_key, b[0].dedupe_key);
}

// [privacy] store_subjects = false: nothing of a subject or title is kept.
TEST(MailRules, WithoutSubjectsNoTitleIsKept) {
  ExtractionPolicy policy = kPolicy;
  policy.keep_titles = false;
  auto m = message({kAnn}, {kMe});
  m.subject = "Salary negotiation";
  Batch batch;
  batch.messages.push_back(m);
  const auto kept = InteractionExtractor(kPolicy).extract(batch);
  const auto private_ = InteractionExtractor(policy).extract(batch);
  ASSERT_EQ(kept.mail.size(), 1u);
  ASSERT_EQ(private_.mail.size(), 1u);
  EXPECT_EQ(kept.mail[0].interactions[0].title, "Salary negotiation");
  EXPECT_EQ(private_.mail[0].interactions[0].title, "");
}

// --- Calendar (rule 8) ------------------------------------------------------

Participant person(const std::string& address, PartStat partstat = PartStat::Accepted,
                   CalendarUserType cutype = CalendarUserType::Unspecified) {
  return {address, "", partstat, cutype, ParticipantRole::Required};
}

EventOccurrence occurrence(std::vector<Participant> attendees, std::optional<Participant> organizer = std::nullopt) {
  EventOccurrence o;
  o.start = 1750000000;
  o.end = o.start + 3600;
  o.status = EventStatus::Confirmed;
  o.organizer = std::move(organizer);
  o.attendees = std::move(attendees);
  return o;
}

struct EventCase {
  const char* name;
  EventOccurrence occurrence;
  std::vector<std::string> expected;
};

class CalendarRules : public ::testing::TestWithParam<EventCase> {};

TEST_P(CalendarRules, Extract) {
  const InteractionExtractor extractor(kPolicy);
  CalendarEvent event{"work", "a.ics", "uid-1", {GetParam().occurrence}, ""};
  EXPECT_EQ(summary(extractor.from_event(event).meetings), GetParam().expected);
}

EventOccurrence with_status(EventOccurrence o, EventStatus status) {
  o.status = status;
  return o;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, CalendarRules,
    ::testing::Values(
        EventCase{"organizer_and_attendees", occurrence({person("me@example.org"), person("ann@example.net")}, person("Bob@example.net")),
                  {"meeting:ann@example.net", "meeting:bob@example.net"}},
        EventCase{"organizer_also_attendee_counts_once",
                  occurrence({person("ann@example.net")}, person("ANN@example.net")), {"meeting:ann@example.net"}},
        EventCase{"declined_attendee_skipped",
                  occurrence({person("ann@example.net", PartStat::Declined), person("bob@example.net", PartStat::Tentative)}),
                  {"meeting:bob@example.net"}},
        EventCase{"needs_action_counts", occurrence({person("ann@example.net", PartStat::NeedsAction)}), {"meeting:ann@example.net"}},
        EventCase{"owner_declined_yields_nothing",
                  occurrence({person("ME@example.org", PartStat::Declined), person("ann@example.net")}), {}},
        EventCase{"room_and_resource_and_group_skipped",
                  occurrence({person("room1@example.org", PartStat::Accepted, CalendarUserType::Room),
                              person("projector@example.org", PartStat::Accepted, CalendarUserType::Resource),
                              person("team@example.org", PartStat::Accepted, CalendarUserType::Group),
                              person("ann@example.net", PartStat::Accepted, CalendarUserType::Individual)}),
                  {"meeting:ann@example.net"}},
        EventCase{"non_mailto_participant_skipped", occurrence({person(""), person("ann@example.net")}), {"meeting:ann@example.net"}},
        EventCase{"cancelled_occurrence_yields_nothing",
                  with_status(occurrence({person("ann@example.net")}), EventStatus::Cancelled), {}},
        EventCase{"tentative_event_counts", with_status(occurrence({person("ann@example.net")}), EventStatus::Tentative),
                  {"meeting:ann@example.net"}},
        EventCase{"owner_only_yields_nothing", occurrence({person("me@example.org")}, person("me.alias@example.com")), {}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(CalendarRules, OneMeetingPerOccurrenceKeyedByUidAndRecurrence) {
  const InteractionExtractor extractor(kPolicy);
  CalendarEvent event{"work", "weekly.ics", "weekly-1", {}, ""};
  for (int week = 0; week < 3; ++week) {
    auto o = occurrence({person("ann@example.net")});
    o.start += week * 7 * 86400;
    o.recurrence_id = "2025-06-" + std::to_string(15 + week * 7) + "T15:06:40Z";
    event.occurrences.push_back(o);
  }
  event.occurrences[1].status = EventStatus::Cancelled;
  const auto out = extractor.from_event(event);
  ASSERT_EQ(out.meetings.size(), 2u);
  EXPECT_EQ(out.meetings[0].dedupe_key, "evt:weekly-1|2025-06-15T15:06:40Z");
  EXPECT_EQ(out.meetings[1].dedupe_key, "evt:weekly-1|2025-06-29T15:06:40Z");
  EXPECT_EQ(out.meetings[1].when, event.occurrences[2].start);
  EXPECT_EQ(out.uid, "weekly-1");
  EXPECT_EQ(out.resource, "weekly.ics");
}

// --- Rule 9: meetings too large or too frequent to be personal --------------

std::vector<Participant> people(std::size_t n) {
  std::vector<Participant> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(person("p" + std::to_string(i) + "@example.net"));
  return out;
}

TEST(CalendarRules, AMeetingWithMoreThanMaxParticipantsYieldsNothing) {
  const InteractionExtractor extractor(kPolicy);  // max_meeting_participants 20
  struct Row {
    std::size_t attendees;
    bool with_organizer;
    std::size_t expected;
  };
  for (const Row& row : std::vector<Row>{{20, false, 20}, {21, false, 0}, {19, true, 20}, {20, true, 0},
                                         {300, false, 0}}) {
    auto attendees = people(row.attendees);
    // The owner and declined people are not counted.
    attendees.push_back(person("me@example.org"));
    attendees.push_back(person("nope@example.net", PartStat::Declined));
    CalendarEvent event{"work", "a.ics", "big",
                        {occurrence(attendees, row.with_organizer ? std::optional(person("org@example.net")) : std::nullopt)}, ""};
    EXPECT_EQ(extractor.from_event(event).meetings.size(), row.expected)
        << row.attendees << " attendees, organizer " << row.with_organizer;
  }
}

TEST(CalendarRules, OnlyTheLatestMaxEventOccurrencesCount) {
  ExtractionPolicy policy = kPolicy;
  policy.max_event_occurrences = 1000;
  const InteractionExtractor extractor(policy);
  CalendarEvent event{"work", "hourly.ics", "hourly", {}, ""};
  for (int hour = 0; hour < 1500; ++hour) {  // FREQ=HOURLY for two months, delivered out of order
    auto o = occurrence(people(3));
    o.start = 1750000000 + (1499 - hour) * 3600;
    o.recurrence_id = std::to_string(o.start);
    event.occurrences.push_back(o);
  }
  const auto meetings = extractor.from_event(event).meetings;
  ASSERT_EQ(meetings.size(), 3000u);  // 1000 occurrences x 3 people
  UnixSeconds earliest = meetings.front().when;
  for (const auto& m : meetings) earliest = std::min(earliest, m.when);
  EXPECT_EQ(earliest, 1750000000 + 500 * 3600);
}

TEST(CalendarRules, SameEventInTwoCalendarsHasTheSameKeys) {
  const InteractionExtractor extractor(kPolicy);
  CalendarEvent a{"work", "x.ics", "shared", {occurrence({person("ann@example.net")})}, ""};
  CalendarEvent b{"personal", "y.ics", "shared", {occurrence({person("ann@example.net")})}, ""};
  EXPECT_EQ(extractor.from_event(a).meetings[0].dedupe_key, extractor.from_event(b).meetings[0].dedupe_key);
}

// --- Rule 11: conversation messages (ABI 2.2) --------------------------------

Handle uri(const std::string& value, const std::string& name = "") { return {HandleKind::Uri, value, name}; }

ConversationMessage conversation(std::optional<Handle> sender, std::vector<Handle> recipients) {
  ConversationMessage m;
  m.channel = "linkedin";
  m.collection = "inbox";
  m.message_id = "li-1";
  m.date = 1750000000;
  m.sender = std::move(sender);
  m.recipients = std::move(recipients);
  m.subject = "Catching up";
  return m;
}

struct ConversationCase {
  const char* name;
  ConversationMessage message;
  std::vector<std::string> expected;
};

class ConversationRules : public ::testing::TestWithParam<ConversationCase> {};

TEST_P(ConversationRules, Extract) {
  const InteractionExtractor extractor(kPolicy);
  EXPECT_EQ(summary(extractor.from_conversation(GetParam().message)), GetParam().expected);
}

std::vector<Handle> many_uris(int n) {
  std::vector<Handle> out;
  for (int i = 0; i < n; ++i) out.push_back(uri("https://www.linkedin.com/in/p" + std::to_string(i)));
  return out;
}

const Handle kMeOnLinkedIn = uri("https://linkedin.com/in/me/?trk=abc", "Me");

INSTANTIATE_TEST_SUITE_P(
    Rule11, ConversationRules,
    ::testing::Values(
        ConversationCase{"received_from_the_sender",
                         conversation(uri("https://www.linkedin.com/in/Ann-Lee/", "Ann"), {kMeOnLinkedIn}),
                         {"message_received:https://linkedin.com/in/Ann-Lee"}},
        ConversationCase{"sent_by_the_owner_to_each_other_recipient",
                         conversation(kMeOnLinkedIn, {uri("https://linkedin.com/in/ann"), uri("https://linkedin.com/in/bob"),
                                                      uri("https://www.linkedin.com/in/ann/")}),
                         {"message_sent:https://linkedin.com/in/ann", "message_sent:https://linkedin.com/in/bob"}},
        ConversationCase{"owner_by_email_handle_too",
                         conversation(Handle{HandleKind::Email, "Me@Example.org", ""}, {Handle{HandleKind::Phone, "+44 20 7946 0000", ""}}),
                         {"message_sent:+442079460000"}},
        ConversationCase{"phone_sender", conversation(Handle{HandleKind::Phone, "tel:+1-555-0100", "Cal"}, {}),
                         {"message_received:+15550100"}},
        ConversationCase{"no_sender_yields_nothing", conversation(std::nullopt, {kMeOnLinkedIn}), {}},
        ConversationCase{"a_crowd_is_a_broadcast", conversation(kMeOnLinkedIn, many_uris(21)), {}},
        ConversationCase{"at_the_limit_still_counts", conversation(uri("https://linkedin.com/in/ann"), many_uris(20)),
                         {"message_received:https://linkedin.com/in/ann"}},
        ConversationCase{"an_unusable_sender_yields_nothing", conversation(uri("not a uri"), {kMeOnLinkedIn}), {}}),
    [](const ::testing::TestParamInfo<ConversationCase>& info) { return std::string(info.param.name); });

TEST(ConversationRules, NoDateYieldsNothingAndKeysAreStable) {
  const InteractionExtractor extractor(kPolicy);
  ConversationMessage m = conversation(uri("https://linkedin.com/in/ann"), {kMeOnLinkedIn});
  const auto with_id = extractor.from_conversation(m);
  ASSERT_EQ(with_id.size(), 1u);
  EXPECT_EQ(with_id[0].dedupe_key, "conv:linkedin|li-1");
  EXPECT_EQ(with_id[0].channel, "linkedin");
  EXPECT_EQ(with_id[0].handle_kind, HandleKind::Uri);
  EXPECT_EQ(with_id[0].title, "Catching up");
  m.message_id.clear();
  const auto without_id = extractor.from_conversation(m);
  ASSERT_EQ(without_id.size(), 1u);
  EXPECT_EQ(without_id[0].dedupe_key, "conv:linkedin|1750000000|https://linkedin.com/in/ann|Catching up");
  m.date.reset();
  EXPECT_TRUE(extractor.from_conversation(m).empty());
}

TEST(ConversationRules, ABatchCarriesThemAsMessagesOfTheirOwn) {
  const InteractionExtractor extractor(kPolicy);
  Batch batch;
  batch.conversations.push_back(conversation(uri("https://linkedin.com/in/ann"), {kMeOnLinkedIn}));
  batch.conversations.push_back(conversation(std::nullopt, {}));
  const ExtractedBatch extracted = extractor.extract(batch);
  EXPECT_EQ(extracted.items, 2u);
  ASSERT_EQ(extracted.conversations.size(), 1u);
  EXPECT_EQ(extracted.conversations[0].dedupe_key, "conv:linkedin|li-1");
  EXPECT_TRUE(extracted.mail.empty());
}

}  // namespace
}  // namespace kith::engine

namespace kith::engine {
namespace {

// Every attended occurrence is kept for events and coffees, whatever its
// size: counted whole, its people kept up to max_event_people.
TEST(CalendarRules, EveryAttendedOccurrenceIsKeptForEvents) {
  ExtractionPolicy policy = kPolicy;
  policy.max_event_people = 250;
  const InteractionExtractor extractor(policy);
  auto attendees = people(300);
  attendees.push_back(person("me@example.org"));                      // the owner: not counted
  attendees.push_back(person("nope@example.net", PartStat::Declined));  // declined: not counted
  attendees.push_back(person("p1@example.net"));                      // twice: once
  auto conference = occurrence(attendees, person("org@example.net"));
  conference.summary = "RustConf 2026";
  conference.location = "Portland";
  conference.all_day = true;
  conference.end = conference.start + 3 * 86400;
  auto cancelled = occurrence({person("ann@example.net")});
  cancelled.status = EventStatus::Cancelled;
  cancelled.recurrence_id = "2026-09-10T09:00:00Z";
  auto declined = occurrence({person("ann@example.net"), person("me@example.org", PartStat::Declined)});
  declined.recurrence_id = "2026-09-11T09:00:00Z";
  CalendarEvent event{"work", "a.ics", "conf", {conference, cancelled, declined}, "Conferences"};
  const auto out = extractor.from_event(event);
  EXPECT_TRUE(out.meetings.empty()) << "301 people: no meetings (rule 9)";
  EXPECT_EQ(out.collection_name, "Conferences");
  ASSERT_EQ(out.occurrences.size(), 1u) << "cancelled and declined occurrences are not attended";
  const OccurrenceRecord& o = out.occurrences[0];
  EXPECT_EQ(o.others, 301u);
  EXPECT_EQ(o.people.size(), 250u);
  EXPECT_EQ(o.title, "RustConf 2026");
  EXPECT_TRUE(o.has_location);
  EXPECT_EQ(o.location, "Portland");
  EXPECT_TRUE(o.all_day);
  EXPECT_EQ(o.end - o.start, 3 * 86400);
  EXPECT_EQ(o.people.front().handle, "org@example.net") << "the organizer first";

  // Without [privacy] store_subjects, no title and no location text, but
  // still whether it had one.
  policy.keep_titles = false;
  Batch batch;
  batch.events.push_back(event);
  const auto kept = InteractionExtractor(policy).extract(batch);
  ASSERT_EQ(kept.events.at(0).occurrences.size(), 1u);
  EXPECT_EQ(kept.events[0].occurrences[0].title, "");
  EXPECT_EQ(kept.events[0].occurrences[0].location, "");
  EXPECT_TRUE(kept.events[0].occurrences[0].has_location);
}

TEST(CalendarRules, AVideoCallKeepsItsLinkAndPeople) {
  const InteractionExtractor extractor(kPolicy);
  auto call = occurrence({person("ann@example.net")}, person("me@example.org"));
  call.has_video_link = true;
  CalendarEvent event{"work", "c.ics", "coffee", {call}, ""};
  const auto out = extractor.from_event(event);
  ASSERT_EQ(out.occurrences.size(), 1u);
  EXPECT_TRUE(out.occurrences[0].video);
  EXPECT_EQ(out.occurrences[0].others, 1u);
  ASSERT_EQ(out.meetings.size(), 1u);
}

}  // namespace
}  // namespace kith::engine
