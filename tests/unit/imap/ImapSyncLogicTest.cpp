// The imap provider's decisions that need no server: cursors, folder
// roles and selection, and when a folder can be skipped.
#include <gtest/gtest.h>

#include "sync/FolderCursor.h"
#include "sync/FolderList.h"
#include "sync/FolderSync.h"

namespace kith::imap {
namespace {

TEST(FolderCursor, RoundTrips) {
  const FolderCursor c{1234567, 890, 77};
  EXPECT_EQ(c.encode(), "v1 1234567 890 77");
  auto back = FolderCursor::decode(c.encode());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->uid_validity, 1234567u);
  EXPECT_EQ(back->next_uid, 890u);
  EXPECT_EQ(back->highest_modseq, 77u);
}

TEST(FolderCursor, RejectsAnythingElse) {
  for (const char* bad : {"", "v1", "v1 ", "v2 1 2 3", "v1 1 2", "v1 1 2 3 4", "v1 0 2 3", "v1 1 0 3", "v1 a 2 3",
                          "v1 1 2 -3", "v1 99999999999 2 3", "v1 1  2 3", "garbage"})
    EXPECT_FALSE(FolderCursor::decode(bad)) << bad;
}

ListResponse entry(std::string name, std::vector<std::string> attributes = {}) {
  return {std::move(attributes), '/', std::move(name)};
}

TEST(FolderRoles, SpecialUseWinsOverNames) {
  EXPECT_EQ(folder_role(entry("INBOX")), FolderRole::Inbox);
  EXPECT_EQ(folder_role(entry("inbox")), FolderRole::Inbox);
  EXPECT_EQ(folder_role(entry("Gesendet", {"\\HasNoChildren", "\\Sent"})), FolderRole::Sent);
  EXPECT_EQ(folder_role(entry("Spam", {"\\Junk"})), FolderRole::Junk);
  EXPECT_EQ(folder_role(entry("Entwürfe", {"\\Drafts"})), FolderRole::Drafts);
  EXPECT_EQ(folder_role(entry("Sent Items")), FolderRole::Sent);  // no attributes: by name
  EXPECT_EQ(folder_role(entry("Junk E-mail")), FolderRole::Junk);
  EXPECT_EQ(folder_role(entry("Projects/Kith")), FolderRole::Other);
}

std::vector<std::string> names(const std::vector<Folder>& folders) {
  std::vector<std::string> out;
  for (const auto& f : folders) out.push_back(f.name);
  return out;
}

TEST(FolderSelection, DefaultsToEverySelectableFolderButJunkAndDrafts) {
  const std::vector<ListResponse> listing = {entry("INBOX"), entry("Sent", {"\\Sent"}), entry("Drafts", {"\\Drafts"}),
                                             entry("Junk", {"\\Junk"}), entry("Trash", {"\\Trash"}),
                                             entry("[Gmail]", {"\\Noselect"}), entry("Gone", {"\\NonExistent"}),
                                             entry("Archive/2025")};
  ImapSettings settings;
  EXPECT_EQ(names(select_folders(listing, settings)), (std::vector<std::string>{"INBOX", "Sent", "Trash", "Archive/2025"}));
  settings.exclude_folders = {"Trash", "inbox"};
  EXPECT_EQ(names(select_folders(listing, settings)), (std::vector<std::string>{"Sent", "Archive/2025"}));
}

TEST(FolderSelection, ExplicitFoldersMayIncludeAnyRole) {
  const std::vector<ListResponse> listing = {entry("INBOX"), entry("Junk", {"\\Junk"}), entry("Sent", {"\\Sent"})};
  ImapSettings settings;
  settings.folders = {"Inbox", "Junk", "Missing"};
  const auto picked = select_folders(listing, settings);
  ASSERT_EQ(names(picked), (std::vector<std::string>{"INBOX", "Junk"}));
  EXPECT_EQ(picked[1].role, FolderRole::Junk);  // synced, and still yields nothing (rule 3)
}

MailboxStatusResponse status(std::uint32_t validity, std::uint32_t next) {
  MailboxStatusResponse s;
  s.mailbox = "INBOX";
  s.uid_validity = validity;
  s.uid_next = next;
  return s;
}

TEST(FolderUnchanged, OnlyWhenSameValidityAndNoNewUid) {
  const FolderCursor cursor{7, 100, 5};
  EXPECT_TRUE(folder_unchanged(cursor, status(7, 100)));
  EXPECT_FALSE(folder_unchanged(cursor, status(7, 101)));  // new mail
  EXPECT_FALSE(folder_unchanged(cursor, status(8, 100)));  // UIDVALIDITY changed
  EXPECT_FALSE(folder_unchanged(std::nullopt, status(7, 100)));
  MailboxStatusResponse partial;
  partial.uid_next = 100;
  EXPECT_FALSE(folder_unchanged(cursor, partial));  // a server that omitted UIDVALIDITY
}

}  // namespace
}  // namespace kith::imap
