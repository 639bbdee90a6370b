// The ABI rule, proven: a plugin compiled against the frozen headers of the
// previous minor (tests/fixtures/abi-2.3) loads into this engine, gets its
// settings' defaults and the network keys it declared, and every field it
// sends arrives as it meant it (a 2.3 card arrives with its `connected` day).
#include <gtest/gtest.h>

#include <filesystem>

#include "config/Config.h"
#include "host/AccountContext.h"
#include "host/StderrLogger.h"
#include "host/SignalCancellation.h"
#include "kith/host/BatchCollector.h"
#include "TempDir.h"
#include "plugin/PluginLibrary.h"
#include "plugin/PluginRegistry.h"
#include "remind/ReminderRun.h"
#include "store/SqlHistoryStore.h"

namespace kith::engine {
namespace {

class CollectingSink final : public BatchCollector {
 public:
  Status on_batch(Batch& batch) noexcept override {
    batches.push_back(batch);
    return {};
  }
  void item_failed(std::string_view collection, std::string_view item, const Status& why) noexcept override {
    failures.push_back(std::string(collection) + "/" + std::string(item) + ": " + why.message());
  }
  void progress(std::string_view, std::uint64_t done, std::uint64_t total) noexcept override {
    last_progress = {done, total};
  }
  std::vector<Batch> batches;
  std::vector<std::string> failures;
  std::pair<std::uint64_t, std::uint64_t> last_progress;
};

std::filesystem::path previous_minor_plugin() {
  return std::filesystem::path(KITH_FIXTURE_PLUGIN_DIR) / "kith_fixture_previous_minor.so";
}

TEST(AbiCompatibility, APluginBuiltForThePreviousMinorLoads) {
  auto lib = PluginLibrary::load(previous_minor_plugin());
  ASSERT_TRUE(lib) << lib.status().message();
  EXPECT_EQ((*lib)->descriptor().abi_major, std::uint32_t{KITH_ABI_MAJOR});
  EXPECT_EQ((*lib)->descriptor().abi_minor, std::uint32_t{KITH_ABI_MINOR - 1});
  EXPECT_LT((*lib)->descriptor().abi_minor, std::uint32_t{KITH_ABI_MINOR})
      << "the fixture must be older than the engine, or this test proves nothing";
}

TEST(AbiCompatibility, EveryFieldOfThePreviousMinorArrives) {
  auto lib = PluginLibrary::load(previous_minor_plugin());
  ASSERT_TRUE(lib) << lib.status().message();
  Config config;
  config.identity_addresses = {"me@example.org"};
  AccountConfig account;
  account.name = "old";
  account.provider = "previous-minor";
  account.settings["url"] = Setting{std::string("https://old.example"), 4};
  account.settings["username"] = Setting{std::string("me@example.org"), 5};
  account.settings["password_env"] = Setting{std::string("KITH_TEST_OLD_MINOR_PASSWORD"), 6};
  ::setenv("KITH_TEST_OLD_MINOR_PASSWORD", "s3cret", 1);
  const auto& d = (*lib)->descriptor();
  const Status valid = validate_account(account, d, {});
  ASSERT_TRUE(valid) << valid.message();
  StderrLogger logger(LogLevel::Error);
  CancellationFlag cancel;
  const AccountContext context(config, account, logger, cancel);
  auto provider = (*lib)->create(context);
  ASSERT_TRUE(provider) << provider.status().message();
  CollectingSink sink;
  const Status synced = (**provider).sync({}, sink);
  ASSERT_TRUE(synced) << synced.message();

  ASSERT_EQ(sink.batches.size(), 3u);
  EXPECT_EQ(sink.failures, std::vector<std::string>{"INBOX/uid 99: unreadable on purpose"});
  EXPECT_EQ(sink.last_progress, (std::pair<std::uint64_t, std::uint64_t>{2, 2}));

  const Batch& mail = sink.batches[0];
  EXPECT_EQ(mail.collection, "INBOX");
  // The default of `messages`, a clock, the url and a resolved password.
  EXPECT_EQ(mail.cursor, "after-2-at-1-https://old.example-password-6");
  ASSERT_EQ(mail.messages.size(), 2u);
  const MessageHeaders& m = mail.messages[1];
  EXPECT_EQ(m.collection, "INBOX");
  EXPECT_EQ(m.item_id, "uid 1");
  EXPECT_EQ(m.folder_role, FolderRole::Inbox);
  EXPECT_EQ(m.message_id, "old-minor-1@example.net");
  EXPECT_EQ(m.date, 1700000001);
  ASSERT_EQ(m.from.size(), 1u);
  EXPECT_EQ(m.from[0].name, "Old Friend");
  EXPECT_EQ(m.from[0].address, "old-friend@example.net");
  ASSERT_EQ(m.to.size(), 1u);
  EXPECT_EQ(m.to[0].address, "me@example.org");
  ASSERT_EQ(m.cc.size(), 1u);
  EXPECT_EQ(m.cc[0].name, "Carol");
  EXPECT_TRUE(m.bcc.empty());
  ASSERT_EQ(m.reply_to.size(), 1u);
  EXPECT_EQ(m.reply_to[0].address, "replies@example.net");
  EXPECT_EQ(m.in_reply_to, "earlier@example.net");
  EXPECT_FALSE(m.has_list_id);
  EXPECT_EQ(m.subject, "Old minor 1");

  const Batch& calendar = sink.batches[1];
  EXPECT_EQ(calendar.cursor, "work-1");
  EXPECT_EQ(calendar.listing_collection, "work");
  EXPECT_TRUE(calendar.listing_begins);
  EXPECT_TRUE(calendar.listing_ends);
  ASSERT_EQ(calendar.events.size(), 1u);
  const CalendarEvent& e = calendar.events[0];
  EXPECT_EQ(e.collection, "work");
  EXPECT_EQ(e.resource, "standup.ics");
  EXPECT_EQ(e.uid, "standup-uid");
  EXPECT_EQ(e.collection_name, "") << "a 2.3 plugin sends no calendar display name";
  ASSERT_EQ(e.occurrences.size(), 1u);
  const EventOccurrence& o = e.occurrences[0];
  EXPECT_EQ(o.recurrence_id, "2023-11-20T09:00:00Z");
  EXPECT_EQ(o.start, 1700470800);
  EXPECT_EQ(o.end, 1700472600);
  EXPECT_FALSE(o.all_day);
  EXPECT_EQ(o.status, EventStatus::Confirmed);
  EXPECT_TRUE(o.has_video_link);
  ASSERT_TRUE(o.organizer);
  EXPECT_EQ(o.organizer->address, "me@example.org");
  EXPECT_EQ(o.organizer->role, ParticipantRole::Chair);
  ASSERT_EQ(o.attendees.size(), 1u);
  EXPECT_EQ(o.attendees[0].address, "dave@example.net");
  EXPECT_EQ(o.attendees[0].common_name, "Dave");
  EXPECT_EQ(o.attendees[0].partstat, PartStat::Accepted);
  EXPECT_EQ(o.attendees[0].cutype, CalendarUserType::Individual);
  EXPECT_EQ(o.attendees[0].role, ParticipantRole::Required);
  EXPECT_EQ(o.summary, "Standup");
  EXPECT_EQ(o.location, "Room 2");
  ASSERT_EQ(calendar.removals.size(), 1u);
  EXPECT_EQ(calendar.removals[0].resource, "gone.ics");

  const Batch& people = sink.batches[2];
  EXPECT_EQ(people.cursor, "contacts-1");
  ASSERT_EQ(people.conversations.size(), 1u);
  const ConversationMessage& c = people.conversations[0];
  EXPECT_EQ(c.channel, "linkedin");
  EXPECT_EQ(c.collection, "export");
  EXPECT_EQ(c.item_id, "row 2");
  EXPECT_EQ(c.message_id, "old-minor-conversation");
  EXPECT_EQ(c.date, 1700500000);
  ASSERT_TRUE(c.sender);
  EXPECT_EQ(c.sender->kind, HandleKind::Uri);
  EXPECT_EQ(c.sender->value, "https://www.linkedin.com/in/old-friend");
  EXPECT_EQ(c.sender->name, "Old Friend");
  ASSERT_EQ(c.recipients.size(), 1u);
  EXPECT_EQ(c.recipients[0].kind, HandleKind::Email);
  EXPECT_EQ(c.recipients[0].value, "me@example.org");
  EXPECT_EQ(c.subject, "Catching up");
  ASSERT_EQ(people.cards.size(), 1u);
  const ContactCard& card = people.cards[0];
  EXPECT_EQ(card.collection, "contacts");
  EXPECT_EQ(card.resource, "old-friend.vcf");
  EXPECT_EQ(card.uid, "old-friend-uid");
  EXPECT_EQ(card.formatted_name, "Old Friend");
  EXPECT_EQ(card.given_name, "Old");
  EXPECT_EQ(card.family_name, "Friend");
  EXPECT_EQ(card.nicknames, std::vector<std::string>{"Oldie"});
  ASSERT_EQ(card.handles.size(), 2u);
  EXPECT_EQ(card.handles[0].value, "old-friend@example.net");
  EXPECT_EQ(card.handles[0].name, "work");
  EXPECT_EQ(card.handles[1].kind, HandleKind::Phone);
  EXPECT_EQ(card.organization, "Initech");
  EXPECT_EQ(card.title, "Staff Engineer");
  ASSERT_TRUE(card.birthday);
  EXPECT_EQ(card.birthday->year, 0);
  EXPECT_EQ(card.birthday->month, 4);
  EXPECT_EQ(card.birthday->day, 15);
  ASSERT_TRUE(card.anniversary);
  EXPECT_EQ(card.anniversary->year, 2012);
  ASSERT_TRUE(card.connected) << "a 2.3 plugin sends its connected date";
  EXPECT_EQ(card.connected->year, 2019);
  EXPECT_EQ(card.connected->month, 3);
  EXPECT_EQ(card.connected->day, 4);
  EXPECT_EQ(card.categories, std::vector<std::string>{"Friends"});
  EXPECT_EQ(card.note, "kept since 2.2");
  EXPECT_EQ(card.revision, 1700600000);
  ASSERT_EQ(people.card_removals.size(), 1u);
  EXPECT_EQ(people.card_removals[0].resource, "gone.vcf");
  provider->reset();
}

TEST(AbiCompatibility, NetworkKeysAreAcceptedOnlyWhenDeclared) {
  // The current fixture (built for this minor) declares no url.
  auto current = PluginLibrary::load(std::filesystem::path(KITH_FIXTURE_PLUGIN_DIR) / "kith_fixture_good.so");
  ASSERT_TRUE(current) << current.status().message();
  AccountConfig account;
  account.name = "new";
  account.provider = "fixture";
  account.settings["url"] = Setting{std::string("https://x.example"), 3};
  const Status s = validate_account(account, (*current)->descriptor(), "kith.toml");
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("unknown key 'url' for account 'new'"), std::string::npos) << s.message();
}

TEST(AbiCompatibility, TheEngineChecksRangesAPluginDeclares) {
  auto lib = PluginLibrary::load(previous_minor_plugin());
  ASSERT_TRUE(lib) << lib.status().message();
  AccountConfig account;
  account.name = "old";
  account.provider = "previous-minor";
  account.settings["messages"] = Setting{std::int64_t{51}, 7};
  const auto& d = (*lib)->descriptor();
  const Status s = validate_account(account, d, "kith.toml");
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("kith.toml:7"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("'messages' for account 'old' must be between 1 and 50, not 51"), std::string::npos)
      << s.message();
}

}  // namespace
}  // namespace kith::engine

namespace kith::engine {
namespace {

// Provider::task_list came with 2.4: a 2.3 plugin's vtable has no slot for
// it, so the engine never calls it and says why.
TEST(AbiCompatibility, APreviousMinorPluginIsNeverAskedToHoldTasks) {
  kith::test::TempDir dir;
  auto store = SqlHistoryStore::open((dir / "history.db").string());
  ASSERT_TRUE(store) << store.status().message();
  PluginRegistry plugins;
  plugins.scan({KITH_FIXTURE_PLUGIN_DIR});
  ASSERT_TRUE(plugins.find("previous-minor"));
  Config config;
  AccountConfig account;
  account.name = "old";
  account.provider = "previous-minor";
  config.accounts.push_back(account);
  config.reminders.account = "old";
  StderrLogger logger(LogLevel::Error);
  CancellationFlag cancel;
  auto report = run_reminders({config, plugins, logger, cancel}, **store, 1'790'000'000, /*dry_run=*/true);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.status().kind(), ErrorKind::Account);
  EXPECT_NE(report.status().message().find("built before ABI 2.4 and cannot hold tasks"), std::string::npos)
      << report.status().message();
}

}  // namespace
}  // namespace kith::engine
