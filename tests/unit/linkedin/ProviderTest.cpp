#include <gtest/gtest.h>

#include <algorithm>

#include "sync/LinkedInProvider.h"
#include "LinkedInTestSupport.h"

namespace kith::linkedin {
namespace {

namespace fs = std::filesystem;
using test::ExportFiles;
using test::RecordingSink;

class LinkedInProviderTest : public ::testing::Test {
 protected:
  Status sync(const fs::path& path, RecordingSink& sink) {
    context.mutable_settings().set(kPathKey, path.string());
    LinkedInProvider provider(context, {.batch_size = 2});
    return provider.sync(sink.state, sink);
  }
  fs::path folder_of(const ExportFiles& files, const std::string& name = "export") {
    test::write_folder(dir / name, files);
    return dir / name;
  }
  fs::path zip_of(const ExportFiles& files, const std::string& name = "export.zip") {
    test::write_zip(dir / name, files);
    return dir / name;
  }

  test::TempDir dir;
  test::FakeContext context;
};

void replace_once(std::string& text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

const ContactCard* card_named(const std::vector<ContactCard>& cards, std::string_view name) {
  for (const auto& c : cards)
    if (c.formatted_name == name) return &c;
  return nullptr;
}

TEST_F(LinkedInProviderTest, ConnectionsMessagesAndInvitationsFromTheZip) {
  RecordingSink sink;
  const Status status = sync(zip_of(test::sample_export()), sink);
  ASSERT_TRUE(status) << status.message();
  EXPECT_TRUE(sink.failures.empty()) << sink.failures.front();

  const auto cards = sink.cards();
  ASSERT_EQ(cards.size(), 3u);
  const ContactCard* ann = card_named(cards, "Ann Lee");
  ASSERT_NE(ann, nullptr);
  EXPECT_EQ(ann->collection, "connections");
  EXPECT_EQ(ann->resource, "https://www.linkedin.com/in/ann-lee");
  ASSERT_EQ(ann->handles.size(), 2u);
  EXPECT_EQ(ann->handles[0].kind, HandleKind::Uri);
  EXPECT_EQ(ann->handles[0].value, "https://www.linkedin.com/in/ann-lee");
  EXPECT_EQ(ann->handles[1].kind, HandleKind::Email);
  EXPECT_EQ(ann->handles[1].value, "ann@example.net");
  EXPECT_EQ(ann->organization, "Example GmbH");
  EXPECT_EQ(ann->title, "Head of Research");
  ASSERT_TRUE(ann->connected);
  EXPECT_EQ(ann->connected->year, 2024);
  EXPECT_EQ(ann->connected->month, 1);
  EXPECT_EQ(ann->connected->day, 12);

  // Three messages (the spam one is left out) and two invitations.
  const auto conversations = sink.conversations();
  ASSERT_EQ(conversations.size(), 5u);
  EXPECT_EQ(std::count_if(conversations.begin(), conversations.end(),
                          [](const auto& m) { return m.subject == "Invitation"; }),
            2);
  for (const auto& m : conversations) EXPECT_EQ(m.channel, "linkedin");
  EXPECT_EQ(sink.state.cursors.size(), 3u);
}

// Everything a sink saw, as comparable text.
std::string delivered(const RecordingSink& sink) {
  std::string out;
  for (const auto& c : sink.cards()) {
    out += "card " + c.collection + " " + c.resource + " " + c.formatted_name + " " + c.organization + " " + c.title;
    for (const auto& h : c.handles) out += " " + h.value;
    out += "\n";
  }
  for (const auto& m : sink.conversations()) {
    out += "msg " + m.collection + " " + m.message_id + " " + std::to_string(m.date.value_or(0)) + " " +
           m.sender->value + " " + m.subject;
    for (const auto& h : m.recipients) out += " " + h.value + "/" + h.name;
    out += "\n";
  }
  for (const auto& [k, v] : sink.state.cursors) out += "cursor " + k + " " + v + "\n";
  return out;
}

TEST_F(LinkedInProviderTest, TheZipAndItsUnpackedFolderGiveTheSameItems) {
  RecordingSink from_zip, from_folder, from_flat_zip;
  ASSERT_TRUE(sync(zip_of(test::sample_export()), from_zip));
  ASSERT_TRUE(sync(folder_of(test::sample_export()), from_folder));
  // An older export: the files at the top of the archive.
  ASSERT_TRUE(sync(zip_of(test::sample_export(""), "flat.zip"), from_flat_zip));
  EXPECT_FALSE(from_zip.cards().empty());
  EXPECT_EQ(delivered(from_zip), delivered(from_folder));
  EXPECT_EQ(delivered(from_zip), delivered(from_flat_zip));

  // And the folder's cursors say the zip's content is already in.
  RecordingSink switched;
  switched.state = from_zip.state;
  ASSERT_TRUE(sync(folder_of(test::sample_export(), "again"), switched));
  EXPECT_TRUE(switched.batches.empty());
}

TEST_F(LinkedInProviderTest, FilesAreFoundByNameInAnyCase) {
  ExportFiles files = {{"Some/Deeper/Folder/CONNECTIONS.CSV", test::connections_csv(test::kConnectionRows)}};
  RecordingSink sink;
  ASSERT_TRUE(sync(zip_of(files), sink));
  EXPECT_EQ(sink.cards().size(), 3u);
}

TEST_F(LinkedInProviderTest, TheSameExportAgainDeliversNothing) {
  const fs::path zip = zip_of(test::sample_export());
  RecordingSink sink;
  ASSERT_TRUE(sync(zip, sink));
  sink.clear_deliveries();
  ASSERT_TRUE(sync(zip, sink));
  EXPECT_TRUE(sink.batches.empty());
}

TEST_F(LinkedInProviderTest, ANewerExportWithTwoJobChangesDeliversExactlyThoseCards) {
  RecordingSink sink;
  ASSERT_TRUE(sync(zip_of(test::sample_export()), sink));
  sink.clear_deliveries();

  ExportFiles newer = test::sample_export();
  std::string rows = test::kConnectionRows;
  replace_once(rows, "\"Acme \"\"Rockets\"\" Inc\",Engineer", "Globex,Engineer");
  replace_once(rows, "Initech,Analyst", "Initech,Head of Analytics");
  newer["Basic_LinkedInDataExport_01-15-2025/Connections.csv"] = test::connections_csv(rows, "\r\n");
  ASSERT_TRUE(sync(zip_of(newer, "newer.zip"), sink));

  const auto cards = sink.cards();
  ASSERT_EQ(cards.size(), 2u);
  EXPECT_EQ(cards[0].formatted_name, "Bo Park, Jr.");
  EXPECT_EQ(cards[0].organization, "Globex");
  EXPECT_EQ(cards[1].formatted_name, "Cleo Diaz");
  EXPECT_EQ(cards[1].title, "Head of Analytics");
  EXPECT_TRUE(sink.card_removals().empty());
  EXPECT_TRUE(sink.conversations().empty());  // messages.csv did not change
}

TEST_F(LinkedInProviderTest, AConnectionTheNewerExportLacksIsRemoved) {
  RecordingSink sink;
  ASSERT_TRUE(sync(zip_of(test::sample_export()), sink));
  sink.clear_deliveries();

  ExportFiles newer = test::sample_export();
  std::string rows = test::kConnectionRows;
  rows.erase(rows.find("Cleo"));
  newer["Basic_LinkedInDataExport_01-15-2025/Connections.csv"] = test::connections_csv(rows);
  ASSERT_TRUE(sync(zip_of(newer, "newer.zip"), sink));
  EXPECT_TRUE(sink.cards().empty());
  const auto removals = sink.card_removals();
  ASSERT_EQ(removals.size(), 1u);
  EXPECT_EQ(removals[0].collection, "connections");
  EXPECT_EQ(removals[0].resource, "https://www.linkedin.com/in/cleo-diaz");
}

TEST_F(LinkedInProviderTest, AnExportInDoubtRemovesNobody) {
  RecordingSink sink;
  ASSERT_TRUE(sync(zip_of(test::sample_export()), sink));
  sink.clear_deliveries();

  // Cleo is gone but a row cannot be read: that row might have been her.
  ExportFiles newer = test::sample_export();
  std::string rows = test::kConnectionRows;
  rows.erase(rows.find("Cleo"));
  rows += "Dee,Fox,https://www.linkedin.com/in/dee-fox,,,,someday\n";
  newer["Basic_LinkedInDataExport_01-15-2025/Connections.csv"] = test::connections_csv(rows);
  ASSERT_TRUE(sync(zip_of(newer, "newer.zip"), sink));
  EXPECT_TRUE(sink.card_removals().empty());
  ASSERT_EQ(sink.failures.size(), 1u);

  // A later, clean export that still lacks her does remove her.
  sink.clear_deliveries();
  newer["Basic_LinkedInDataExport_01-15-2025/Connections.csv"] =
      test::connections_csv(test::kConnectionRows.substr(0, test::kConnectionRows.find("Cleo")));
  ASSERT_TRUE(sync(zip_of(newer, "clean.zip"), sink));
  ASSERT_EQ(sink.card_removals().size(), 1u);
}

TEST_F(LinkedInProviderTest, WithoutProfileUrlTheOwnerIsToldOnceWhatToSet) {
  RecordingSink sink;
  ASSERT_TRUE(sync(zip_of(test::sample_export()), sink));
  const auto& logger = context.fake_logger();
  EXPECT_EQ(logger.count(LogLevel::Warn), 1u);
  EXPECT_TRUE(logger.contains(LogLevel::Warn,
                              "'profile_url' is not set: what you sent on LinkedIn counts as sent only if your profile "
                              "URL is in [identity] handles (the export's SENT messages are from "
                              "https://www.linkedin.com/in/alex-morgan)"));

  test::FakeContext with_url;
  with_url.mutable_settings().set(kPathKey, zip_of(test::sample_export(), "b.zip").string());
  with_url.mutable_settings().set(kProfileUrlKey, std::string("https://www.linkedin.com/in/alex-morgan"));
  RecordingSink other;
  ASSERT_TRUE(LinkedInProvider(with_url).sync(other.state, other));
  EXPECT_EQ(with_url.fake_logger().count(LogLevel::Warn), 0u);
}

TEST_F(LinkedInProviderTest, AnUnreadableFileStopsOnlyThatFile) {
  ExportFiles files = test::sample_export("");
  files["messages.csv"] = "CONVERSATION ID,SENDER PROFILE URL,DATE,CONTENT\nc,https://a/in/x,2024-05-01 14:22:10 UTC,\"" +
                          std::string(10 * 1024 * 1024, 'x');
  RecordingSink sink;
  const Status status = sync(folder_of(files), sink);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.kind(), ErrorKind::Collection);
  EXPECT_EQ(status.message(), (dir / "export" / "messages.csv").string() +
                                  ": a field that starts after line 1 is longer than 1048576 bytes (a quote never closed?)");
  EXPECT_EQ(sink.cards().size(), 3u);
  EXPECT_EQ(sink.conversations().size(), 2u);  // the invitations
  EXPECT_EQ(sink.state.cursors.count("messages"), 0u);  // read again next time
}

TEST_F(LinkedInProviderTest, AMissingPathIsAnAccountError) {
  RecordingSink sink;
  const Status status = sync(dir / "nowhere.zip", sink);
  EXPECT_EQ(status.kind(), ErrorKind::Account);
  EXPECT_EQ(status.message(), "path '" + (dir / "nowhere.zip").string() + "' does not exist");
}

TEST_F(LinkedInProviderTest, CheckListsTheFilesItWouldRead) {
  context.mutable_settings().set(kPathKey, zip_of(test::sample_export()).string());
  LinkedInProvider provider(context);
  auto report = provider.check();
  ASSERT_TRUE(report) << report.status().message();
  ASSERT_EQ(report->collections.size(), 3u);
  EXPECT_EQ(report->collections[0].name, "Basic_LinkedInDataExport_01-15-2025/Connections.csv");
}

}  // namespace
}  // namespace kith::linkedin
