// Real servers answer in their own dialects: the real `kith` binary against
// scripted IMAP servers on 127.0.0.1 that answer the way Gmail, Zoho (XLIST
// only), role-less servers with localised folder names, and Domino do.
// Dovecot cannot play these. In each, the owner me@example.org received
// from ann@, wrote to hal@, left drafts to grace@ / gil@ and got junk from
// zed@ (see ScriptedImapServer.h).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "servers/ScriptedImapServer.h"

namespace kith::test {
namespace {

using kith::testing::ScriptedImapServer;
using nlohmann::json;

class ImapServerStyles : public ::testing::Test {
 protected:
  ProcessResult kith(const std::vector<std::string>& command) {
    std::vector<std::string> args = {"--config", (dir / "kith.toml").string(), "--db", (dir / "h.db").string()};
    args.insert(args.end(), command.begin(), command.end());
    return run_kith(args, dir.path(), "P=x KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " ");
  }

  // Syncs against a server in `style`; returns contact address -> counts.
  std::map<std::string, json> sync(const std::string& style) {
    auto started = ScriptedImapServer::start(style);
    EXPECT_TRUE(started) << started.status().message();
    if (!started) return {};
    server = std::move(*started);
    std::ofstream(dir / "kith.toml") << "[identity]\naddresses = [\"me@example.org\"]\n[[account]]\nname = \"mail\"\n"
                                        "provider = \"imap\"\nurl = \""
                                     << server->url() << "\"\nusername = \"me@example.org\"\npassword_env = \"P\"\n"
                                     << "timeout_seconds = 20\n";
    const ProcessResult synced = kith({"sync", "--json"});
    EXPECT_EQ(synced.exit_code, 0) << synced.out << synced.err;
    const ProcessResult listed = kith({"contacts", "--json"});
    std::map<std::string, json> out;
    try {
      for (const json& c : json::parse(listed.out))
        for (const json& address : c["addresses"]) out[address.get<std::string>()] = c["counts"];
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what() << ": " << listed.out << listed.err;
    }
    return out;
  }

  static std::set<std::string> keys(const std::map<std::string, json>& m) {
    std::set<std::string> out;
    for (const auto& [k, v] : m) out.insert(k);
    return out;
  }

  TempDir dir;
  std::unique_ptr<ScriptedImapServer> server;
};

// Rule 3: a draft yields nothing wherever a server also files it. Gmail
// keeps it in [Gmail]/All Mail too, flagged \Draft; nothing else there
// counts twice (rule 1).
TEST_F(ImapServerStyles, GmailDraftsInAllMailCountForNothing) {
  const auto contacts = sync("gmail");
  EXPECT_EQ(keys(contacts), (std::set<std::string>{"ann@example.net", "hal@example.net"}));
  ASSERT_EQ(contacts.count("ann@example.net") + contacts.count("hal@example.net"), 2u);
  EXPECT_EQ(contacts.at("ann@example.net")["email_received"], 1);
  EXPECT_EQ(contacts.at("hal@example.net")["email_sent"], 1);
}

// Without SPECIAL-USE, roles come from XLIST: "Unsent" is drafts and
// "Werbung" junk only because XLIST says so; XLIST's "Posteingang" is INBOX.
TEST_F(ImapServerStyles, XlistRolesAreUsedWithoutSpecialUse) {
  const auto contacts = sync("xlist");
  EXPECT_EQ(keys(contacts), (std::set<std::string>{"ann@example.net", "hal@example.net"}));
  const ProcessResult checked = kith({"accounts", "--check", "--json"});
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find("\"INBOX\""), std::string::npos) << checked.out;
  EXPECT_EQ(checked.out.find("Posteingang"), std::string::npos) << "XLIST's name for INBOX is not a folder: " << checked.out;
}

// A server that announces XLIST and then refuses it still gets its folders
// listed, with LIST.
TEST_F(ImapServerStyles, ARefusedXlistFallsBackToList) {
  const auto contacts = sync("xlist-refused");
  EXPECT_EQ(keys(contacts), (std::set<std::string>{"ann@example.net"}));
}

// No roles announced at all: localised names ("Entw&APw-rfe" is Entwürfe)
// and Exchange's "Junk Email".
TEST_F(ImapServerStyles, LocalisedFolderNamesWithoutAnyRoles) {
  const auto contacts = sync("noroles");
  EXPECT_EQ(keys(contacts), (std::set<std::string>{"ann@example.net", "hal@example.net"}));
}

// One FETCH item in parentheses of its own costs nothing.
TEST_F(ImapServerStyles, DominoParenthesisedFetchItemsAreRead) {
  const auto contacts = sync("domino");
  EXPECT_EQ(keys(contacts), (std::set<std::string>{"ann@example.net", "zed@example.net"}));
  const ProcessResult status = kith({"status", "--json"});
  EXPECT_EQ(status.out.find("malformed"), std::string::npos) << status.out;
}

}  // namespace
}  // namespace kith::test
