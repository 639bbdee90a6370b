// The record protocol (kith/Records.h): what the SDK's inline
// BatchSink::commit writes, kith::BatchCollector reassembles exactly; a
// provider that misuses the protocol gets its batch refused with a message
// naming the misuse, never a crash or a half-read batch.
#include <gtest/gtest.h>

#include <string>

#include "kith/Title.h"
#include "kith/host/BatchCollector.h"

namespace kith {
namespace {

class Collector final : public BatchCollector {
 public:
  Status on_batch(Batch& batch) noexcept override {
    batches.push_back(batch);
    return {};
  }
  void item_failed(std::string_view, std::string_view, const Status&) noexcept override {}
  void progress(std::string_view, std::uint64_t, std::uint64_t) noexcept override {}
  std::vector<Batch> batches;
};

Batch full_batch() {
  Batch b;
  b.collection = "INBOX";
  b.cursor = "";  // an empty cursor is still a cursor
  MessageHeaders m;
  m.collection = "INBOX";
  m.item_id = "UID 7";
  m.folder_role = FolderRole::Sent;
  m.message_id = "m@example.org";
  m.date = -5;  // before 1970 is a time too
  m.from = {{"Me", "me@example.org"}};
  m.to = {{"Ann", "ann@example.net"}, {"", "bob@example.net"}};
  m.bcc = {{"", "carol@example.net"}};
  m.in_reply_to = "earlier@example.org";
  m.has_list_unsubscribe = true;
  m.auto_submitted = "no";
  m.subject = "Grüße";
  b.messages.push_back(m);
  CalendarEvent e;
  e.collection = "cal";
  e.resource = "r.ics";
  e.uid = "u";
  EventOccurrence o;
  o.start = 10;
  o.end = 20;
  o.all_day = true;
  o.attendees = {{"x@example.net", "X", PartStat::Tentative, CalendarUserType::Room, ParticipantRole::Optional}};
  o.summary = "Walk";
  o.location = "Park";
  e.occurrences = {o, o};
  b.events.push_back(e);
  b.removals.push_back({"cal", "gone.ics"});
  ConversationMessage c;
  c.channel = "linkedin";
  c.collection = "inbox";
  c.item_id = "row 4";
  c.message_id = "li-1";
  c.date = 1750000000;
  c.sender = Handle{HandleKind::Uri, "https://linkedin.com/in/ann", "Ann"};
  c.recipients = {Handle{HandleKind::Phone, "+15550100", ""}, Handle{HandleKind::Email, "me@example.org", "Me"}};
  c.subject = "Catching up";
  b.conversations.push_back(c);
  ContactCard card;
  card.collection = "contacts";
  card.resource = "ann.vcf";
  card.uid = "urn:uuid:1";
  card.formatted_name = "Dr. Ann Lee";
  card.given_name = "Ann";
  card.family_name = "Lee";
  card.additional_names = "M.";
  card.honorific_prefix = "Dr.";
  card.honorific_suffix = "PhD";
  card.nicknames = {"Annie"};
  card.handles = {Handle{HandleKind::Email, "ann@example.net", "work"},
                  Handle{HandleKind::Uri, "https://linkedin.com/in/ann", ""}};
  card.organization = "Example GmbH";
  card.title = "Head of Research";
  card.birthday = PartialDate{0, 4, 12};
  card.anniversary = PartialDate{2015, 6, 1};
  card.connected = PartialDate{2019, 11, 3};
  card.categories = {"Berlin", "Friends"};
  card.note = "met at the conference";
  card.revision = 1700000000;
  b.cards.push_back(card);
  b.card_removals.push_back({"contacts", "old.vcf"});
  return b;
}

TEST(RecordProtocol, ABatchArrivesAsItWasWritten) {
  Collector sink;
  const Batch sent = full_batch();
  ASSERT_TRUE(sink.commit(sent));
  ASSERT_EQ(sink.batches.size(), 1u);
  const Batch& got = sink.batches[0];
  EXPECT_EQ(got.cursor, std::optional<std::string>(""));
  const MessageHeaders& m = got.messages.at(0);
  EXPECT_EQ(m.folder_role, FolderRole::Sent);
  EXPECT_EQ(m.date, -5);
  ASSERT_EQ(m.to.size(), 2u);
  EXPECT_EQ(m.to[1].address, "bob@example.net");
  EXPECT_EQ(m.bcc.at(0).address, "carol@example.net");
  EXPECT_TRUE(m.has_list_unsubscribe);
  EXPECT_FALSE(m.has_list_id);
  EXPECT_EQ(m.auto_submitted, "no");
  EXPECT_EQ(m.subject, "Grüße");
  const EventOccurrence& o = got.events.at(0).occurrences.at(1);
  EXPECT_TRUE(o.all_day);
  EXPECT_FALSE(o.organizer);
  EXPECT_EQ(o.attendees.at(0).cutype, CalendarUserType::Room);
  EXPECT_EQ(o.attendees.at(0).role, ParticipantRole::Optional);
  EXPECT_EQ(o.summary, "Walk");
  EXPECT_EQ(o.location, "Park");
  EXPECT_EQ(got.removals.at(0).resource, "gone.ics");
  const ConversationMessage& c = got.conversations.at(0);
  EXPECT_EQ(c.channel, "linkedin");
  EXPECT_EQ(c.item_id, "row 4");
  EXPECT_EQ(c.message_id, "li-1");
  EXPECT_EQ(c.date, 1750000000);
  ASSERT_TRUE(c.sender);
  EXPECT_EQ(c.sender->kind, HandleKind::Uri);
  EXPECT_EQ(c.sender->name, "Ann");
  ASSERT_EQ(c.recipients.size(), 2u);
  EXPECT_EQ(c.recipients[0].kind, HandleKind::Phone);
  EXPECT_EQ(c.recipients[1].value, "me@example.org");
  EXPECT_EQ(c.subject, "Catching up");
  const ContactCard& card = got.cards.at(0);
  EXPECT_EQ(card.uid, "urn:uuid:1");
  EXPECT_EQ(card.formatted_name, "Dr. Ann Lee");
  EXPECT_EQ(card.additional_names, "M.");
  EXPECT_EQ(card.honorific_suffix, "PhD");
  EXPECT_EQ(card.nicknames, std::vector<std::string>{"Annie"});
  ASSERT_EQ(card.handles.size(), 2u);
  EXPECT_EQ(card.handles[0].name, "work");
  EXPECT_EQ(card.handles[1].kind, HandleKind::Uri);
  EXPECT_EQ(card.title, "Head of Research");
  ASSERT_TRUE(card.birthday);
  EXPECT_EQ(card.birthday->year, 0);
  EXPECT_EQ(card.birthday->month, 4);
  EXPECT_EQ(card.anniversary->year, 2015);
  ASSERT_TRUE(card.connected);
  EXPECT_EQ(card.connected->year, 2019);
  EXPECT_EQ(card.connected->day, 3);
  EXPECT_EQ(card.categories, (std::vector<std::string>{"Berlin", "Friends"}));
  EXPECT_EQ(card.note, "met at the conference");
  EXPECT_EQ(card.revision, 1700000000);
  EXPECT_EQ(got.card_removals.at(0).resource, "old.vcf");
}

TEST(RecordProtocol, ABatchWithoutCursorLeavesTheCursorUnset) {
  Collector sink;
  Batch b;
  b.collection = "x";
  ASSERT_TRUE(sink.commit(b));
  EXPECT_FALSE(sink.batches.at(0).cursor);
}

// Each misuse, written with the raw record calls a buggy plugin would make.
struct Misuse {
  const char* what;
  void (*write)(BatchSink&);
  const char* message;
};

const Misuse kMisuses[] = {
    {"field outside its item", [](BatchSink& s) { s.text(Field::Subject, "x"); }, "'subject' (28) inside the batch"},
    {"item inside an item",
     [](BatchSink& s) {
       s.begin_item(ItemKind::Message);
       s.begin_item(ItemKind::Event);
     },
     "event begun inside a message"},
    {"part of the wrong item",
     [](BatchSink& s) {
       s.begin_item(ItemKind::Message);
       s.begin_part(PartKind::Occurrence);
     },
     "occurrence part inside a message"},
    {"unknown item kind", [](BatchSink& s) { s.begin_item(static_cast<ItemKind>(999)); },
     "item kind 999 is not in this SDK's vocabulary"},
    {"unknown field",
     [](BatchSink& s) {
       s.begin_item(ItemKind::Message);
       s.text(static_cast<Field>(12345), "x");
     },
     "(12345) inside a message"},
    {"enum out of range",
     [](BatchSink& s) {
       s.begin_item(ItemKind::Message);
       s.number(Field::FolderRole, 17);
     },
     "'folder role' (20) = 17"},
    {"flag that is not 0 or 1",
     [](BatchSink& s) {
       s.begin_item(ItemKind::Message);
       s.number(Field::HasListId, 2);
     },
     "'has list-id' (24) = 2"},
    {"text where a number belongs",
     [](BatchSink& s) {
       s.begin_item(ItemKind::Message);
       s.text(Field::Date, "yesterday");
     },
     "text field 'date'"},
    {"two organizers",
     [](BatchSink& s) {
       s.begin_item(ItemKind::Event);
       s.begin_part(PartKind::Occurrence);
       s.begin_part(PartKind::Organizer);
       s.end_part();
       s.begin_part(PartKind::Organizer);
     },
     "a second organizer"},
    {"end without begin", [](BatchSink& s) { s.end_part(); }, "end of part inside the batch"},
    {"commit with an item open", [](BatchSink& s) { s.begin_item(ItemKind::EventRemoval); },
     "batch committed inside an event removal"},
    {"handle without a value",
     [](BatchSink& s) {
       s.begin_item(ItemKind::ConversationMessage);
       s.begin_part(PartKind::Sender);
       s.number(Field::HandleKind, 2);
       s.end_part();
     },
     "a handle without a value"},
    {"handle kind out of range",
     [](BatchSink& s) {
       s.begin_item(ItemKind::ConversationMessage);
       s.begin_part(PartKind::Recipient);
       s.number(Field::HandleKind, 9);
     },
     "'handle kind' (51) = 9"},
    {"impossible birthday",
     [](BatchSink& s) {
       s.begin_item(ItemKind::ContactCard);
       s.begin_part(PartKind::Birthday);
       s.number(Field::Month, 13);
     },
     "'month' (72) = 13"},
    {"birthday without a day",
     [](BatchSink& s) {
       s.begin_item(ItemKind::ContactCard);
       s.begin_part(PartKind::Birthday);
       s.number(Field::Month, 4);
       s.end_part();
     },
     "a card date with month 4 and day 0"},
    {"two senders",
     [](BatchSink& s) {
       s.begin_item(ItemKind::ConversationMessage);
       s.begin_part(PartKind::Sender);
       s.text(Field::Handle, "x");
       s.end_part();
       s.begin_part(PartKind::Sender);
     },
     "a second sender"},
};

TEST(RecordProtocol, MisuseRefusesTheBatchNamingIt) {
  for (const Misuse& misuse : kMisuses) {
    SCOPED_TRACE(misuse.what);
    Collector sink;
    misuse.write(sink);
    const Status s = sink.commit_records();
    EXPECT_EQ(s.kind(), ErrorKind::Internal);
    EXPECT_NE(s.message().find(misuse.message), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("the batch is refused"), std::string::npos) << s.message();
    EXPECT_TRUE(sink.batches.empty());
    // The next batch starts clean.
    ASSERT_TRUE(sink.commit(full_batch()));
    EXPECT_EQ(sink.batches.size(), 1u);
  }
}

TEST(RecordProtocol, TheEngineCleansTitlesAPluginSends) {
  Collector sink;
  sink.begin_item(ItemKind::Message);
  sink.text(Field::Subject, "line one\r\nline\x01two \xFF");
  sink.end_item();
  sink.begin_item(ItemKind::Message);
  sink.text(Field::Subject, std::string(5000, 'a'));
  sink.end_item();
  ASSERT_TRUE(sink.commit_records());
  EXPECT_EQ(sink.batches.at(0).messages.at(0).subject, "line one line two \xEF\xBF\xBD");
  EXPECT_EQ(sink.batches.at(0).messages.at(1).subject.size(), kMaxSubjectBytes);
}

TEST(CleanTitle, KeepsValidUtf8AndReplacesTheRest) {
  EXPECT_EQ(clean_title("  a  b\t\tc "), "a b c");
  EXPECT_EQ(clean_title("\xE6\x97\xA5\xE6\x9C\xAC"), "\xE6\x97\xA5\xE6\x9C\xAC");  // 日本
  EXPECT_EQ(clean_title("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(clean_title("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(clean_title("\xF0\x9F\x98"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // cut short
  EXPECT_EQ(clean_title("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");                  // 😀
  EXPECT_EQ(clean_title("ab\xE6\x97\xA5", 4), "ab");  // never half a character
}

}  // namespace
}  // namespace kith
