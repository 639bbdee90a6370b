// Archives made to hurt: each gives one line naming the archive and the
// entry at fault, within the caps, never a crash, a hang or a file written.
#include <gtest/gtest.h>

#include <cstring>

#include "archive/ExportSource.h"
#include "sync/LinkedInProvider.h"
#include "LinkedInTestSupport.h"

namespace kith::linkedin {
namespace {

namespace fs = std::filesystem;
using test::ExportFiles;
using test::RecordingSink;

class HostileExportTest : public ::testing::Test {
 protected:
  Status sync(const fs::path& path) {
    context.mutable_settings().set(kPathKey, path.string());
    LinkedInProvider provider(context);
    return provider.sync(sink.state, sink);
  }
  void expect_one_line(const Status& status) {
    EXPECT_FALSE(status);
    EXPECT_EQ(status.message().find('\n'), std::string::npos) << status.message();
  }

  test::TempDir dir;
  test::FakeContext context;
  RecordingSink sink;
};

// Sets the uncompressed size the archive declares for its only entry, in
// the local header and the central directory alike.
void declare_size(std::string& archive, std::uint32_t size) {
  const auto put = [&](std::size_t at) { std::memcpy(archive.data() + at, &size, sizeof size); };
  const std::size_t local = archive.find("PK\x03\x04");
  const std::size_t central = archive.find("PK\x01\x02");
  ASSERT_NE(local, std::string::npos);
  ASSERT_NE(central, std::string::npos);
  put(local + 22);
  put(central + 24);
}

TEST_F(HostileExportTest, AnEntryLargerThanItDeclaresStopsAtTheCap) {
  // 4 MiB that say they are 100 bytes; the cap is 1 MiB.
  std::string rows = test::connections_csv("");
  while (rows.size() < 4 * 1024 * 1024) rows += "Ann,Lee,https://www.linkedin.com/in/ann-lee,,,,12 Jan 2024\n";
  const fs::path zip = dir / "bomb.zip";
  test::write_zip(zip, {{"Connections.csv", rows}});
  std::string bytes = test::read_bytes(zip);
  declare_size(bytes, 100);
  test::write_bytes(zip, bytes);

  context.mutable_settings().set(kMaxFileBytesKey, std::int64_t{1024 * 1024});
  const Status status = sync(zip);
  expect_one_line(status);
  EXPECT_EQ(status.kind(), ErrorKind::Collection);
  EXPECT_EQ(status.message(), zip.string() + ": Connections.csv: holds more than max_file_bytes (1048576) bytes");
  EXPECT_TRUE(sink.cards().empty());
}

TEST_F(HostileExportTest, AZipBombIsRefusedByItsDeclaredSize) {
  const fs::path zip = dir / "bomb.zip";
  test::write_zip(zip, {{"messages.csv", std::string(8 * 1024 * 1024, ' ')}});
  context.mutable_settings().set(kMaxFileBytesKey, std::int64_t{1024 * 1024});
  const Status status = sync(zip);
  expect_one_line(status);
  EXPECT_EQ(status.message(), zip.string() + ": messages.csv: declares 8388608 bytes, more than max_file_bytes (1048576)");
}

TEST_F(HostileExportTest, NamesThatClimbOutOfTheFolderRefuseTheArchive) {
  for (const std::string name : {"../Connections.csv", "a/../../Connections.csv", "/etc/Connections.csv"}) {
    const fs::path zip = dir / "climb.zip";
    test::write_zip(zip, {{name, test::connections_csv(test::kConnectionRows)}});
    const Status status = sync(zip);
    expect_one_line(status);
    EXPECT_EQ(status.kind(), ErrorKind::Account);
    EXPECT_EQ(status.message(), zip.string() + ": entry '" + name + "' has an unsafe name (absolute or '..')");
  }
  EXPECT_TRUE(sink.cards().empty());
  EXPECT_FALSE(fs::exists(dir.path().parent_path() / "Connections.csv"));
}

TEST_F(HostileExportTest, AnEncryptedEntryIsRefused) {
  const fs::path zip = dir / "locked.zip";
  ExportFiles files = test::sample_export("");
  test::write_zip(zip, files, {"Connections.csv"});
  const Status status = sync(zip);
  expect_one_line(status);
  EXPECT_EQ(status.message(), zip.string() + ": Connections.csv: the entry is encrypted; LinkedIn's exports never are");
  EXPECT_FALSE(sink.conversations().empty());  // the other files are read
}

TEST_F(HostileExportTest, CorruptAndTruncatedArchivesAreRefused) {
  const fs::path zip = dir / "export.zip";
  test::write_zip(zip, test::sample_export());
  const std::string bytes = test::read_bytes(zip);

  const fs::path truncated = dir / "truncated.zip";
  test::write_bytes(truncated, bytes.substr(0, bytes.size() * 2 / 3));
  Status status = sync(truncated);
  expect_one_line(status);
  EXPECT_EQ(status.kind(), ErrorKind::Account);
  EXPECT_EQ(status.message().rfind(truncated.string() + ": not a readable zip archive (", 0), 0u) << status.message();

  const fs::path garbage = dir / "garbage.zip";
  test::write_bytes(garbage, "PK\x03\x04 this is not really a zip archive");
  status = sync(garbage);
  expect_one_line(status);
  EXPECT_EQ(status.message().rfind(garbage.string() + ": not a readable zip archive (", 0), 0u) << status.message();

  // Compressed data damaged inside an intact directory: libzip's checks
  // (inflate, CRC) catch it while reading; the message names the entry.
  std::string damaged = bytes;
  const std::size_t data = damaged.find("PK\x03\x04") + 30 + std::string("Basic_LinkedInDataExport_01-15-2025/Connections.csv").size();
  for (std::size_t i = data; i < data + 64; ++i) damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
  const fs::path broken = dir / "broken.zip";
  test::write_bytes(broken, damaged);
  status = sync(broken);
  expect_one_line(status);
  EXPECT_EQ(status.message().rfind(broken.string() + ": Basic_LinkedInDataExport_01-15-2025/Connections.csv: ", 0), 0u)
      << status.message();
}

TEST_F(HostileExportTest, TwoFilesOfTheSameNameAreNotGuessedBetween) {
  const fs::path zip = dir / "two.zip";
  test::write_zip(zip, {{"a/Connections.csv", test::connections_csv("")}, {"b/connections.csv", test::connections_csv("")}});
  const Status status = sync(zip);
  expect_one_line(status);
  EXPECT_EQ(status.message(), zip.string() + ": two entries named Connections.csv: 'a/Connections.csv' and 'b/connections.csv'");
}

TEST_F(HostileExportTest, AHundredThousandColumnsInAnEntry) {
  std::string header = "CONVERSATION ID,SENDER PROFILE URL,DATE";
  for (int i = 0; i < 100000; ++i) header += ",c";
  const fs::path zip = dir / "wide.zip";
  test::write_zip(zip, {{"messages.csv", header + "\n"}});
  const Status status = sync(zip);
  expect_one_line(status);
  EXPECT_EQ(status.message(), zip.string() + ": messages.csv: line 1: more than 1000 columns");
}

}  // namespace
}  // namespace kith::linkedin
