// Test doubles and export builders for the linkedin provider's tests: a
// sink that records what is delivered and keeps cursors the way the engine
// does, the export's files written into a folder, and the same files packed
// into a .zip with libzip at run time.
#pragma once

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "../engine/TempDir.h"
#include "../support/FakeProviderContext.h"
#include "kith/Provider.h"
#include "kith/host/BatchCollector.h"

namespace kith::test {

namespace fs = std::filesystem;

// Entry name ("Basic/Connections.csv") -> content.
using ExportFiles = std::map<std::string, std::string>;

class RecordingSink final : public BatchCollector {
 public:
  Status on_batch(Batch& batch) noexcept override {
    batches.push_back(batch);
    if (batch.cursor) state.cursors[batch.collection] = *batch.cursor;
    return Status::ok();
  }
  void item_failed(std::string_view, std::string_view item, const Status& why) noexcept override {
    failures.push_back(std::string(item) + ": " + why.message());
  }
  void progress(std::string_view, std::uint64_t, std::uint64_t) noexcept override {}

  std::vector<ContactCard> cards() const {
    std::vector<ContactCard> all;
    for (const auto& b : batches) all.insert(all.end(), b.cards.begin(), b.cards.end());
    return all;
  }
  std::vector<ContactRemoval> card_removals() const {
    std::vector<ContactRemoval> all;
    for (const auto& b : batches) all.insert(all.end(), b.card_removals.begin(), b.card_removals.end());
    return all;
  }
  std::vector<ConversationMessage> conversations() const {
    std::vector<ConversationMessage> all;
    for (const auto& b : batches) all.insert(all.end(), b.conversations.begin(), b.conversations.end());
    return all;
  }
  // Forget what was delivered, keep the cursors: the next sync's view.
  void clear_deliveries() {
    batches.clear();
    failures.clear();
  }

  SyncState state;
  std::vector<Batch> batches;
  std::vector<std::string> failures;
};

inline void write_folder(const fs::path& root, const ExportFiles& files) {
  for (const auto& [name, content] : files) {
    fs::create_directories((root / name).parent_path());
    std::ofstream(root / name, std::ios::binary) << content;
  }
}

// A .zip of `files`, deflated; `encrypt` names entries to encrypt with a
// password (PKWARE's traditional scheme).
inline void write_zip(const fs::path& path, const ExportFiles& files, const std::vector<std::string>& encrypt = {}) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr) << error;
  for (const auto& [name, content] : files) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    ASSERT_NE(source, nullptr);
    const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    ASSERT_GE(index, 0) << zip_strerror(archive);
    for (const auto& e : encrypt) {
      if (e != name) continue;
      ASSERT_EQ(zip_file_set_encryption(archive, static_cast<zip_uint64_t>(index), ZIP_EM_TRAD_PKWARE, "secret"), 0)
          << zip_strerror(archive);
    }
  }
  ASSERT_EQ(zip_close(archive), 0) << zip_strerror(archive);
}

inline std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void write_bytes(const fs::path& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// --- LinkedIn's file shapes ----------------------------------------------

// Connections.csv as exports since 2020 write it: the Notes paragraph, an
// empty line, then the header.
inline std::string connections_csv(std::string_view rows, std::string_view eol = "\n") {
  std::string out = "Notes:";
  out += eol;
  out += "\"When exporting your connection data, you may notice that some of the email addresses are missing. "
         "You will only see email addresses for connections who have allowed their connections to see or download "
         "their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn "
         "more here https://www.linkedin.com/help/linkedin/answer/261\"";
  out += eol;
  out += eol;
  out += "First Name,Last Name,URL,Email Address,Company,Position,Connected On";
  out += eol;
  out += rows;
  return out;
}

inline const std::string kConnectionRows =
    "Ann,Lee,https://www.linkedin.com/in/ann-lee,ann@example.net,Example GmbH,Head of Research,12 Jan 2024\n"
    "Bo,\"Park, Jr.\",https://www.linkedin.com/in/bo-park,,\"Acme \"\"Rockets\"\" Inc\",Engineer,03 Mar 2019\n"
    "Cleo,Diaz,https://www.linkedin.com/in/cleo-diaz,,Initech,Analyst,28 Feb 2022\n";

inline const std::string kMessagesCsv =
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,"
    "FOLDER,ATTACHMENTS\n"
    "2-abc==,,Ann Lee,https://www.linkedin.com/in/ann-lee,Alex Morgan,https://www.linkedin.com/in/alex-morgan,"
    "2024-05-01 14:22:10 UTC,Coffee in Berlin?,\"Hi Alex,\n\nare you around next week? \"\"Café Einstein\"\"\n\",INBOX,\n"
    "2-abc==,,Alex Morgan,https://www.linkedin.com/in/alex-morgan,Ann Lee,https://www.linkedin.com/in/ann-lee,"
    "2024-05-01 15:00:00 UTC,,Sure!,SENT,\n"
    "2-def==,Team sync,Bo Park,https://www.linkedin.com/in/bo-park,\"Alex Morgan,Cleo Diaz\","
    "\"https://www.linkedin.com/in/alex-morgan,https://www.linkedin.com/in/cleo-diaz\",2024-06-02 09:00:00 UTC,,"
    "Agenda attached,INBOX,https://example.org/agenda.pdf\n"
    "2-spam==,,Spammer,https://www.linkedin.com/in/spammer,Alex Morgan,https://www.linkedin.com/in/alex-morgan,"
    "2024-06-03 09:00:00 UTC,Win big,Click,SPAM,\n";

inline const std::string kInvitationsCsv =
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    "Dana Kim,Alex Morgan,\"11/3/24, 6:04 PM\",\"Hi Alex, we met at the meetup.\",INCOMING,"
    "https://www.linkedin.com/in/dana-kim,https://www.linkedin.com/in/alex-morgan\n"
    "Alex Morgan,Eli Stone,\"1/15/25, 9:30 AM\",,OUTGOING,https://www.linkedin.com/in/alex-morgan,"
    "https://www.linkedin.com/in/eli-stone\n";

// A whole export as a recent download nests it.
inline ExportFiles sample_export(std::string_view folder = "Basic_LinkedInDataExport_01-15-2025/") {
  return {{std::string(folder) + "Connections.csv", connections_csv(kConnectionRows)},
          {std::string(folder) + "messages.csv", kMessagesCsv},
          {std::string(folder) + "Invitations.csv", kInvitationsCsv},
          {std::string(folder) + "Profile.csv", "First Name,Last Name\nAlex,Morgan\n"}};
}

}  // namespace kith::test
