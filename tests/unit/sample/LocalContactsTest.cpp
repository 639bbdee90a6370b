// LocalProvider::sync of a contacts vdir (vdirsyncer's layout: one folder
// per address book, .vcf files inside) made in a temp dir.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "LocalProvider.h"
#include "SampleTestSupport.h"

namespace kith::local {
namespace {

using test::FakeContext;
using test::ics_event;
using test::kBaseNs;
using test::RecordingSink;
using test::TempDir;
using test::vcard;
using test::write_file;
namespace fs = std::filesystem;

constexpr std::int64_t kSecond = 1'000'000'000;

std::set<std::string> resources_of(const std::vector<ContactCard>& cards) {
  std::set<std::string> names;
  for (const auto& c : cards) names.insert(c.collection + "/" + c.resource);
  return names;
}

std::set<std::string> resources_of(const std::vector<ContactRemoval>& removals) {
  std::set<std::string> names;
  for (const auto& r : removals) names.insert(r.collection + "/" + r.resource);
  return names;
}

class LocalContactsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    contacts = tmp.path() / "contacts";
    write_file(contacts / "personal" / "ann.vcf", vcard("ann-uid", "Ann Lee", "ann@example.org"), kBaseNs);
    write_file(contacts / "personal" / "ben.vcf", vcard("ben-uid", "Ben Okafor", "ben@example.org"), kBaseNs);
    write_file(contacts / "personal" / "displayname", "Personal\n");
    // An export with several cards in one file.
    write_file(contacts / "work" / "export.vcf",
               vcard("w1", "Priya Raman", "priya@example.com") + vcard("w2", "Lena Hoffmann", "lena@example.com") +
                   vcard("w/3", "Dana Wu", "dana@example.com"),
               kBaseNs);
    context.mutable_settings().set(kContactsKey, contacts.string());
  }

  Status sync(RecordingSink& sink, std::size_t batch_size = 500) {
    sink.clear_deliveries();
    const SyncState state = sink.state;
    LocalProvider::Options options;
    options.batch_size = batch_size;
    return LocalProvider(context, options).sync(state, sink);
  }

  TempDir tmp;
  fs::path contacts;
  FakeContext context;
};

TEST_F(LocalContactsTest, FirstSyncDeliversEveryCardThenNothing) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(resources_of(sink.cards()),
            (std::set<std::string>{"personal/ann.vcf", "personal/ben.vcf", "work/export.vcf", "work/export.vcf#w2",
                                   "work/export.vcf#w/3"}));
  for (const auto& card : sink.cards()) {
    ASSERT_EQ(card.handles.size(), 1u);
    EXPECT_EQ(card.handles[0].name, "work");
  }
  EXPECT_TRUE(sink.failures.empty());
  EXPECT_TRUE(sink.card_removals().empty());
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.commit_calls, 0);
}

TEST_F(LocalContactsTest, ChangedCardIsDeliveredAgain) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  write_file(contacts / "personal" / "ann.vcf", vcard("ann-uid", "Ann Lee-Morgan", "ann@example.org"),
             kBaseNs + kSecond);
  ASSERT_TRUE(sync(sink).is_ok());
  auto cards = sink.cards();
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(cards[0].resource, "ann.vcf");
  EXPECT_EQ(cards[0].formatted_name, "Ann Lee-Morgan");
  EXPECT_TRUE(sink.card_removals().empty());
}

TEST_F(LocalContactsTest, DeletedFileYieldsRemovalsOfAllItsCards) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  fs::remove(contacts / "personal" / "ben.vcf");
  fs::remove(contacts / "work" / "export.vcf");
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(resources_of(sink.card_removals()),
            (std::set<std::string>{"personal/ben.vcf", "work/export.vcf", "work/export.vcf#w2", "work/export.vcf#w/3"}));
  EXPECT_TRUE(sink.cards().empty());
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.commit_calls, 0);
}

TEST_F(LocalContactsTest, CardDroppedFromAFileIsRemoved) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  write_file(contacts / "work" / "export.vcf",
             vcard("w1", "Priya Raman", "priya@example.com") + vcard("w/3", "Dana Wu", "dana@example.com"),
             kBaseNs + kSecond);
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(resources_of(sink.cards()), (std::set<std::string>{"work/export.vcf", "work/export.vcf#w/3"}));
  EXPECT_EQ(resources_of(sink.card_removals()), (std::set<std::string>{"work/export.vcf#w2"}));
}

TEST_F(LocalContactsTest, BrokenCardIsAnItemFailureAndTheRestIsDelivered) {
  write_file(contacts / "personal" / "broken.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut off\r\n", kBaseNs);
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.cards().size(), 5u);
  ASSERT_EQ(sink.failures.size(), 1u);
  EXPECT_EQ(sink.failures[0].collection, "personal");
  EXPECT_EQ(sink.failures[0].item, "broken.vcf");
  EXPECT_EQ(sink.failures[0].why.kind(), ErrorKind::Item);
  EXPECT_EQ(sink.failures[0].why.message(), "the card at line 1 has no END:VCARD");
  // Not reported again until the file changes; then delivered.
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_TRUE(sink.failures.empty());
  write_file(contacts / "personal" / "broken.vcf", vcard("fixed", "Fixed", "fixed@example.org"), kBaseNs + kSecond);
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(resources_of(sink.cards()), (std::set<std::string>{"personal/broken.vcf"}));
}

TEST_F(LocalContactsTest, ResumingAfterAFailedCommitLosesAndRepeatsNothing) {
  for (int i = 0; i < 7; ++i) {
    const std::string n = std::to_string(i);
    write_file(contacts / "bulk" / ("c" + n + ".vcf"), vcard("b" + n, "Bulk " + n, "bulk" + n + "@example.net"),
               kBaseNs + i * kSecond);
  }
  RecordingSink sink;
  int bulk_commits = 0;
  sink.on_commit = [&bulk_commits](const Batch& batch) {
    if (batch.collection == "bulk" && ++bulk_commits == 3) return Status::transient("disk full");
    return Status::ok();
  };
  EXPECT_EQ(sync(sink, 2).kind(), ErrorKind::Transient);
  std::multiset<std::string> delivered;
  for (const auto& c : sink.cards())
    if (c.collection == "bulk") delivered.insert(c.resource);
  EXPECT_EQ(delivered.size(), 4u);

  sink.on_commit = nullptr;
  ASSERT_TRUE(sync(sink, 2).is_ok());
  for (const auto& c : sink.cards())
    if (c.collection == "bulk") delivered.insert(c.resource);
  std::multiset<std::string> expected;
  for (int i = 0; i < 7; ++i) expected.insert("c" + std::to_string(i) + ".vcf");
  EXPECT_EQ(delivered, expected);
  // A multi-card file is never split across commits.
  for (const auto& b : sink.batches) {
    std::size_t export_cards = 0;
    for (const auto& c : b.cards) export_cards += c.resource.rfind("export.vcf", 0) == 0 ? 1 : 0;
    EXPECT_TRUE(export_cards == 0 || export_cards == 3);
  }
}

TEST_F(LocalContactsTest, GarbageCursorMeansFullRereadWithAWarning) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  sink.state.cursors["personal"] = "v1/c/zz";
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(resources_of(sink.cards()), (std::set<std::string>{"personal/ann.vcf", "personal/ben.vcf"}));
  EXPECT_TRUE(context.fake_logger().contains(LogLevel::Warn, "'personal'"));
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.commit_calls, 0);
}

TEST_F(LocalContactsTest, VanishedAddressBookRemovesItsCardsButAnEmptiedRootRemovesNothing) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  fs::remove_all(contacts / "work");
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(resources_of(sink.card_removals()),
            (std::set<std::string>{"work/export.vcf", "work/export.vcf#w2", "work/export.vcf#w/3"}));
  fs::remove_all(contacts / "personal");
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_TRUE(sink.card_removals().empty());
}

TEST_F(LocalContactsTest, AddressBookAndCalendarMayShareAName) {
  const fs::path vdir = tmp.path() / "calendars";
  write_file(vdir / "personal" / "c.ics", ics_event("c@example.org", "20260603T090000Z", "C"), kBaseNs);
  context.mutable_settings().set(kVdirKey, vdir.string());
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  auto stored = decode_cursor(sink.state.cursors.at("personal"));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->calendar->size(), 1u);
  EXPECT_EQ(stored->contacts->files.size(), 2u);
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.commit_calls, 0);
  // Removing the calendar's file leaves the cards alone, and the other way round.
  fs::remove(vdir / "personal" / "c.ics");
  fs::remove(contacts / "personal" / "ann.vcf");
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.removals().size(), 1u);
  EXPECT_EQ(resources_of(sink.card_removals()), (std::set<std::string>{"personal/ann.vcf"}));
}

TEST_F(LocalContactsTest, ContactsAloneIsEnoughAndAMissingRootIsAnAccountError) {
  EXPECT_NO_THROW(LocalProvider{context});
  context.mutable_settings().set(kContactsKey, (tmp.path() / "nowhere").string());
  RecordingSink sink;
  const Status status = sync(sink);
  EXPECT_EQ(status.kind(), ErrorKind::Account);
  EXPECT_NE(status.message().find("contacts '"), std::string::npos) << status.message();
}

TEST_F(LocalContactsTest, CheckListsAddressBooks) {
  LocalProvider provider(context);
  auto report = provider.check();
  ASSERT_TRUE(report.has_value()) << report.status().message();
  ASSERT_EQ(report->collections.size(), 2u);
  EXPECT_EQ(report->collections[0].name, "personal");
  EXPECT_EQ(report->collections[0].role, "contacts");
}

}  // namespace
}  // namespace kith::local
