// The linkedin provider end to end through the real `kith` binary and the
// bundled plugin: an export as its .zip and as its unpacked folder, the
// owner known by the account's profile_url, messages and invitations
// counted in the right direction, and re-imports that add nothing.
#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "../unit/engine/TempDir.h"
#include "KithProcess.h"

namespace kith::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// LinkedIn's shapes: Connections.csv behind its Notes lines, messages.csv
// with a message spanning lines, a SENT reply and a SPAM row, and both
// directions of Invitations.csv.
const std::map<std::string, std::string> kExport = {
    {"Basic_LinkedInDataExport_01-15-2025/Connections.csv",
     "Notes:\r\n\"When exporting your connection data, you may notice that some of the email addresses are missing. "
     "You will only see email addresses for connections who have allowed their connections to see or download their "
     "email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here "
     "https://www.linkedin.com/help/linkedin/answer/261\"\r\n\r\n"
     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
     "Ann,Lee,https://www.linkedin.com/in/ann-lee,ann@example.net,Example GmbH,Head of Research,12 Jan 2024\r\n"
     "Bo,Park,https://www.linkedin.com/in/bo-park,,Acme,Engineer,03 Mar 2019\r\n"
     "Cleo,Diaz,https://www.linkedin.com/in/cleo-diaz,,Initech,Analyst,28 Feb 2022\r\n"},
    {"Basic_LinkedInDataExport_01-15-2025/messages.csv",
     "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,"
     "FOLDER,ATTACHMENTS\n"
     "2-abc==,,Ann Lee,https://www.linkedin.com/in/ann-lee,Alex Morgan,https://www.linkedin.com/in/alex-morgan,"
     "2024-05-01 14:22:10 UTC,Coffee in Berlin?,\"Hi Alex,\n\n\"\"Café Einstein\"\" at 10?\",INBOX,\n"
     "2-abc==,,Alex Morgan,https://www.linkedin.com/in/alex-morgan,Ann Lee,https://www.linkedin.com/in/ann-lee,"
     "2024-05-01 15:00:00 UTC,,Sure!,SENT,\n"
     "2-abc==,,Alex Morgan,https://www.linkedin.com/in/alex-morgan,Ann Lee,https://www.linkedin.com/in/ann-lee,"
     "2024-05-01 15:00:00 UTC,,See you there,SENT,\n"
     "2-def==,Team sync,Bo Park,https://www.linkedin.com/in/bo-park,\"Alex Morgan,Cleo Diaz\","
     "\"https://www.linkedin.com/in/alex-morgan,https://www.linkedin.com/in/cleo-diaz\",2024-06-02 09:00:00 UTC,,"
     "Agenda,INBOX,\n"
     "2-spam==,,Spammer,https://www.linkedin.com/in/spammer,Alex Morgan,https://www.linkedin.com/in/alex-morgan,"
     "2024-06-03 09:00:00 UTC,Win big,Click,SPAM,\n"},
    {"Basic_LinkedInDataExport_01-15-2025/Invitations.csv",
     "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
     "Dana Kim,Alex Morgan,\"11/3/24, 6:04 PM\",\"Hi Alex, we met at the meetup.\",INCOMING,"
     "https://www.linkedin.com/in/dana-kim,https://www.linkedin.com/in/alex-morgan\n"
     "Alex Morgan,Eli Stone,\"1/15/25, 9:30 AM\",,OUTGOING,https://www.linkedin.com/in/alex-morgan,"
     "https://www.linkedin.com/in/eli-stone\n"}};

class LinkedInEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& [name, content] : kExport) {
      fs::create_directories((dir / "unpacked" / name).parent_path());
      std::ofstream(dir / "unpacked" / name, std::ios::binary) << content;
    }
    int error = 0;
    zip_t* archive = zip_open((dir / "export.zip").c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    ASSERT_NE(archive, nullptr);
    for (const auto& [name, content] : kExport)
      ASSERT_GE(zip_file_add(archive, name.c_str(), zip_source_buffer(archive, content.data(), content.size(), 0), 0), 0);
    ASSERT_EQ(zip_close(archive), 0);
  }
  // A config whose one account reads `path`; its own store.
  void configure(const std::string& config, const fs::path& path) {
    std::ofstream(dir / config) << "[identity]\naddresses = [\"alex@example.org\"]\n\n"
                                   "[[account]]\nname = \"linkedin\"\nprovider = \"linkedin\"\n"
                                   "path = \"" << path.string() << "\"\n"
                                   "profile_url = \"https://www.linkedin.com/in/alex-morgan\"\n";
  }
  json kith_json(const std::string& config, const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", (dir / config).string(), "--db", (dir / db).string()});
    args.push_back("--json");
    auto r = run_kith(args, dir.path(), "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " ");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out.empty() ? "null" : r.out);
  }
  // Name -> "sent/received" of every contact.
  std::map<std::string, std::string> counts(const std::string& config, const std::string& db) {
    std::map<std::string, std::string> out;
    for (const json& c : kith_json(config, db, {"contacts"})) {
      out[c["name"].get<std::string>()] = std::to_string(c["conversation_counts"]["message_sent"].get<int>()) + "/" +
                                          std::to_string(c["conversation_counts"]["message_received"].get<int>());
    }
    return out;
  }
  TempDir dir;
};

TEST_F(LinkedInEndToEnd, ZipAndFolderImportTheSameHistoryOnceWithTheRightDirection) {
  configure("zip.toml", dir / "export.zip");
  const json sync = kith_json("zip.toml", "zip.db", {"sync"});
  ASSERT_EQ(sync[0]["result"], "ok") << sync;
  EXPECT_EQ(sync[0]["items"], 3 + 4 + 2);  // cards, messages (not the spam), invitations
  EXPECT_EQ(sync[0]["interactions_added"], 6);

  // Ann: one received, two sent (two replies in the same second are two);
  // Bo's group message is received; Dana invited the owner, the owner
  // invited Eli. The owner is nobody; Cleo, a connection without a message,
  // has a card but no history to list.
  const std::map<std::string, std::string> expected = {
      {"Ann Lee", "2/1"}, {"Bo Park", "0/1"}, {"Dana Kim", "0/1"}, {"Eli Stone", "1/0"}};
  EXPECT_EQ(counts("zip.toml", "zip.db"), expected);
  const json ann = kith_json("zip.toml", "zip.db", {"history", "https://www.linkedin.com/in/ann-lee/"});
  EXPECT_EQ(ann["contact"]["card"]["organization"], "Example GmbH") << ann;
  EXPECT_EQ(ann["contact"]["card"]["title"], "Head of Research");

  // The same export again: nothing new.
  const json again = kith_json("zip.toml", "zip.db", {"sync"});
  ASSERT_EQ(again[0]["result"], "ok") << again;
  EXPECT_EQ(again[0]["interactions_added"], 0);
  EXPECT_EQ(counts("zip.toml", "zip.db"), expected);

  // The unpacked folder into a store of its own gives the same...
  configure("folder.toml", dir / "unpacked");
  const json from_folder = kith_json("folder.toml", "folder.db", {"sync"});
  ASSERT_EQ(from_folder[0]["result"], "ok") << from_folder;
  EXPECT_EQ(from_folder[0]["interactions_added"], 6);
  EXPECT_EQ(counts("folder.toml", "folder.db"), expected);

  // ...and into the zip's store adds nothing: the same content, the same keys.
  const json switched = kith_json("folder.toml", "zip.db", {"sync"});
  ASSERT_EQ(switched[0]["result"], "ok") << switched;
  EXPECT_EQ(switched[0]["interactions_added"], 0);
  EXPECT_EQ(counts("folder.toml", "zip.db"), expected);
}

}  // namespace
}  // namespace kith::test
