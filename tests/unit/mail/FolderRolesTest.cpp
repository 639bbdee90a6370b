// Folder roles: role_from_name() and role_from_special_use().
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "kith/mail/FolderRoles.h"

namespace {

using kith::FolderRole;
using kith::mail::role_from_name;
using kith::mail::role_from_special_use;

struct RoleCase {
  std::string input;
  FolderRole expected;
};

std::ostream& operator<<(std::ostream& out, const RoleCase& c) { return out << '"' << c.input << '"'; }

class RoleFromName : public ::testing::TestWithParam<RoleCase> {};

TEST_P(RoleFromName, RecognisesWellKnownNames) {
  EXPECT_EQ(role_from_name(GetParam().input), GetParam().expected) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Names, RoleFromName,
    ::testing::Values(RoleCase{"INBOX", FolderRole::Inbox}, RoleCase{"Inbox", FolderRole::Inbox},
                      RoleCase{"inbox", FolderRole::Inbox}, RoleCase{"Sent", FolderRole::Sent},
                      RoleCase{"Sent Items", FolderRole::Sent}, RoleCase{"Sent Mail", FolderRole::Sent},
                      RoleCase{"sent messages", FolderRole::Sent}, RoleCase{"Junk", FolderRole::Junk},
                      RoleCase{"SPAM", FolderRole::Junk}, RoleCase{"Junk E-mail", FolderRole::Junk},
                      RoleCase{"Bulk Mail", FolderRole::Junk}, RoleCase{"Drafts", FolderRole::Drafts},
                      RoleCase{"Trash", FolderRole::Trash}, RoleCase{"Deleted Items", FolderRole::Trash},
                      RoleCase{"Deleted Messages", FolderRole::Trash}, RoleCase{"Bin", FolderRole::Trash}));

INSTANTIATE_TEST_SUITE_P(
    Hierarchies, RoleFromName,
    ::testing::Values(RoleCase{"[Gmail]/Sent Mail", FolderRole::Sent}, RoleCase{"[Gmail]/Spam", FolderRole::Junk},
                      RoleCase{"[Google Mail]/Bin", FolderRole::Trash}, RoleCase{"INBOX.Sent", FolderRole::Sent},
                      RoleCase{"INBOX/Drafts", FolderRole::Drafts}, RoleCase{"INBOX.Trash.", FolderRole::Trash},
                      RoleCase{"  Sent Items  ", FolderRole::Sent}, RoleCase{"Work/Junk", FolderRole::Junk}));

// Servers that announce no roles name folders in the user's language, in
// IMAP's modified UTF-7 (RFC 3501 5.1.3).
INSTANTIATE_TEST_SUITE_P(
    Localised, RoleFromName,
    ::testing::Values(RoleCase{"Entw&APw-rfe", FolderRole::Drafts},           // Entwürfe
                      RoleCase{"INBOX.Entw&APw-rfe", FolderRole::Drafts},
                      RoleCase{"Entwürfe", FolderRole::Drafts},               // a server that speaks UTF-8
                      RoleCase{"ENTW&APw-RFE", FolderRole::Drafts},
                      RoleCase{"Brouillons", FolderRole::Drafts}, RoleCase{"Borradores", FolderRole::Drafts},
                      RoleCase{"&BCcENQRABD0EPgQyBDgEOgQ4-", FolderRole::Drafts},  // Черновики
                      RoleCase{"Junk Email", FolderRole::Junk},  // Exchange, next to Junk E-mail
                      RoleCase{"Junk-E-Mail", FolderRole::Junk},
                      RoleCase{"Courrier ind&AOk-sirable", FolderRole::Junk},
                      RoleCase{"&j,dg0TDhMPww6w-", FolderRole::Junk},  // 迷惑メール: ',' stands for '/'
                      RoleCase{"Gesendete Elemente", FolderRole::Sent},
                      RoleCase{"&AMk-l&AOk-ments envoy&AOk-s", FolderRole::Sent},  // Éléments envoyés
                      RoleCase{"&XfJT0ZAB-", FolderRole::Sent},                    // 已发送
                      RoleCase{"Gel&APY-schte Elemente", FolderRole::Trash},
                      RoleCase{"Papierkorb", FolderRole::Trash}));

INSTANTIATE_TEST_SUITE_P(
    Others, RoleFromName,
    ::testing::Values(RoleCase{"", FolderRole::Other}, RoleCase{"Archive", FolderRole::Other},
                      RoleCase{"[Gmail]/All Mail", FolderRole::Other}, RoleCase{"Sent Items.2019", FolderRole::Other},
                      RoleCase{"Sentinel", FolderRole::Other}, RoleCase{"My Drafts", FolderRole::Other},
                      RoleCase{"/", FolderRole::Other}, RoleCase{"Trash/Old", FolderRole::Other},
                      RoleCase{"R&-D", FolderRole::Other}, RoleCase{"Entw&APw", FolderRole::Other},
                      RoleCase{"&", FolderRole::Other}, RoleCase{"&*!-", FolderRole::Other},
                      RoleCase{"Entw&AAA-rfe", FolderRole::Other}));

class RoleFromSpecialUse : public ::testing::TestWithParam<RoleCase> {};

TEST_P(RoleFromSpecialUse, MapsAttributes) {
  EXPECT_EQ(role_from_special_use(GetParam().input), GetParam().expected) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Attributes, RoleFromSpecialUse,
    ::testing::Values(RoleCase{"\\Sent", FolderRole::Sent}, RoleCase{"\\sent", FolderRole::Sent},
                      RoleCase{"\\SENT", FolderRole::Sent}, RoleCase{"\\Junk", FolderRole::Junk},
                      RoleCase{"\\Spam", FolderRole::Junk}, RoleCase{"\\Drafts", FolderRole::Drafts},
                      RoleCase{"\\Trash", FolderRole::Trash}, RoleCase{"\\Inbox", FolderRole::Inbox},
                      RoleCase{"\\All", FolderRole::Other}, RoleCase{"\\Archive", FolderRole::Other},
                      RoleCase{"\\Flagged", FolderRole::Other}, RoleCase{"\\HasNoChildren", FolderRole::Other},
                      RoleCase{"", FolderRole::Other}, RoleCase{"\\", FolderRole::Other},
                      RoleCase{"\\Sentinel", FolderRole::Other}));

}  // namespace
