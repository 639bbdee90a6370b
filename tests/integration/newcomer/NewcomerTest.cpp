// A newcomer's first ten minutes, through the real `kith` binary against a
// real Dovecot and Radicale on 127.0.0.1: `kith init` writes the config,
// `kith accounts --check` logs in and lists folders and calendars without
// storing anything, `kith sync` reads them. And what --check says when an
// account cannot work.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <set>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "servers/DovecotServer.h"
#include "servers/FreePort.h"
#include "servers/RadicaleServer.h"

namespace kith::test {
namespace {

using nlohmann::json;
using kith::testing::DovecotOptions;
using kith::testing::DovecotServer;
using kith::testing::RadicaleOptions;
using kith::testing::RadicaleServer;

const std::string kUser = "alex@example.org";

std::string mail(const std::string& from, const std::string& to, const std::string& id) {
  return "From: " + from + "\r\nTo: " + to + "\r\nMessage-ID: <" + id +
         ">\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\nSubject: hi\r\n\r\nbody\r\n";
}

std::string meeting(const std::string& uid, const std::string& with) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith tests//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260305T100000Z\r\nDTEND:20260305T110000Z\r\nSUMMARY:x\r\n"
         "ORGANIZER:mailto:alex@example.org\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:" +
         with + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

class Newcomer : public ::testing::Test {
 protected:
  ProcessResult kith(std::vector<std::string> args, const std::string& password = "secret") {
    args.insert(args.begin(), {"--config", config().string(), "--db", db().string()});
    return run_kith(args, dir.path(),
                    "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " KITH_TEST_PASSWORD=" +
                        shell_quote(password) + " ");
  }

  json check(int expected_exit, const std::string& password = "secret") {
    auto r = kith({"accounts", "--check", "--json"}, password);
    EXPECT_EQ(r.exit_code, expected_exit) << r.out << r.err;
    try {
      return json::parse(r.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what() << ": " << r.out << r.err;
      return json::array();
    }
  }

  void write_config(const std::string& accounts) {
    std::ofstream(config()) << "[identity]\naddresses = [\"alex@example.org\"]\n" << accounts;
  }

  static std::string imap_account(const std::string& name, const std::string& url, const std::string& extra = "") {
    return "\n[[account]]\nname = \"" + name + "\"\nprovider = \"imap\"\nurl = \"" + url + "\"\nusername = \"" + kUser +
           "\"\npassword_env = \"KITH_TEST_PASSWORD\"\ntimeout_seconds = 10\n" + extra;
  }

  std::filesystem::path config() const { return dir / "config" / "kith.toml"; }
  std::filesystem::path db() const { return dir / "history.db"; }

  TempDir dir;
};

json find_collection(const json& collections, const std::string& name) {
  for (const auto& c : collections)
    if (c["name"] == name) return c;
  return json();
}

TEST_F(Newcomer, InitThenCheckThenSyncAgainstDovecotAndRadicale) {
  auto dovecot = DovecotServer::start();
  ASSERT_TRUE(dovecot) << dovecot.status().message();
  RadicaleOptions radicale_options;
  radicale_options.users = {{kUser, "secret"}};  // one username for both accounts, as init writes it
  auto radicale = RadicaleServer::start(radicale_options);
  ASSERT_TRUE(radicale) << radicale.status().message();

  ASSERT_TRUE((*dovecot)->add_messages(kUser, "INBOX", {mail("Dana <dana@example.net>", kUser, "m1@x"),
                                                         mail("erin@example.net", kUser, "m2@x")}));
  ASSERT_TRUE((*dovecot)->add_messages(kUser, "Sent", {mail(kUser, "frank@example.net", "m3@x")}));
  ASSERT_TRUE((*radicale)->make_calendar(kUser, "work", "Work"));
  ASSERT_TRUE((*radicale)->put_event(kUser, "work", "m.ics", meeting("m-1", "gus@example.net")));

  auto init = kith({"init", "--address", kUser, "--imap-url", (*dovecot)->imap_url(), "--caldav-url",
                    (*radicale)->base_url(), "--password-env", "KITH_TEST_PASSWORD"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_NE(init.out.find("accounts --check"), std::string::npos) << init.out;
  struct stat st {};
  ASSERT_EQ(::stat(config().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(config().parent_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  const std::string text = read_file(config());
  EXPECT_EQ(text.find("secret"), std::string::npos) << "the password never goes in the file";

  // A second init refuses and leaves the file alone.
  auto again = kith({"init", "--address", "other@example.org"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
  EXPECT_EQ(read_file(config()), text);

  const json checked = check(0);
  ASSERT_EQ(checked.size(), 2u) << checked.dump();
  EXPECT_FALSE(std::filesystem::exists(db())) << "--check must not create or touch the store";
  const json& mail_account = checked[0];
  EXPECT_EQ(mail_account["account"], "mail");
  EXPECT_EQ(mail_account["ok"], true);
  EXPECT_TRUE(mail_account["reason"].is_null());
  EXPECT_EQ(find_collection(mail_account["collections"], "INBOX")["role"], "inbox");
  EXPECT_EQ(find_collection(mail_account["collections"], "INBOX")["synced"], true);
  EXPECT_EQ(find_collection(mail_account["collections"], "Sent")["role"], "sent");
  EXPECT_EQ(find_collection(mail_account["collections"], "Junk")["synced"], false);
  EXPECT_EQ(find_collection(mail_account["collections"], "Drafts")["role"], "drafts");
  const json& calendar_account = checked[1];
  EXPECT_EQ(calendar_account["account"], "calendar");
  EXPECT_EQ(calendar_account["ok"], true);
  ASSERT_EQ(calendar_account["collections"].size(), 1u) << calendar_account.dump();
  EXPECT_EQ(calendar_account["collections"][0]["name"], "Work");
  EXPECT_EQ(calendar_account["collections"][0]["role"], "calendar");

  auto text_check = kith({"accounts", "--check", "calendar"});
  EXPECT_EQ(text_check.exit_code, 0) << text_check.err;
  EXPECT_NE(text_check.out.find("calendar: ok: 1 found, 1 synced"), std::string::npos) << text_check.out;
  EXPECT_EQ(text_check.out.find("mail:"), std::string::npos) << "only the named account is checked";

  auto sync = kith({"sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err;
  auto contacts = kith({"contacts", "--json"});
  ASSERT_EQ(contacts.exit_code, 0) << contacts.err;
  std::set<std::string> addresses;
  for (const auto& c : json::parse(contacts.out))
    for (const auto& a : c["addresses"]) addresses.insert(a.get<std::string>());
  EXPECT_EQ(addresses, (std::set<std::string>{"dana@example.net", "erin@example.net", "frank@example.net",
                                              "gus@example.net"}));
}

TEST_F(Newcomer, CheckGivesOneReasonPerFailingAccountAndExitsOne) {
  auto dovecot = DovecotServer::start();
  ASSERT_TRUE(dovecot) << dovecot.status().message();
  DovecotOptions plain;
  plain.imaps = false;  // no TLS at all: no STARTTLS either
  auto no_tls = DovecotServer::start(plain);
  ASSERT_TRUE(no_tls) << no_tls.status().message();
  auto ports = kith::testing::free_loopback_ports(1);
  ASSERT_TRUE(ports) << ports.status().message();
  const int closed_port = ports->front();  // nothing listens there

  std::filesystem::create_directories(config().parent_path());
  write_config(imap_account("good", (*dovecot)->imap_url()) +
               imap_account("untrusted", (*dovecot)->imaps_url()) +
               imap_account("no-starttls", (*no_tls)->imap_url(), "use_starttls = true\n") +
               imap_account("unreachable", "imap://127.0.0.1:" + std::to_string(closed_port)));

  const json checked = check(1);
  ASSERT_EQ(checked.size(), 4u) << checked.dump();
  EXPECT_EQ(checked[0]["ok"], true);
  for (std::size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(checked[i]["ok"], false) << checked[i].dump();
    EXPECT_TRUE(checked[i]["reason"].is_string());
    EXPECT_TRUE(checked[i]["collections"].empty());
  }
  const auto reason = [&](std::size_t i) { return checked[i]["reason"].get<std::string>(); };
  EXPECT_NE(reason(1).find("certificate"), std::string::npos) << reason(1);
  EXPECT_NE(reason(2).find("STARTTLS"), std::string::npos) << reason(2);
  EXPECT_TRUE(reason(3).find("connect") != std::string::npos || reason(3).find("unreachable") != std::string::npos)
      << reason(3);

  // A wrong password: the reason says so and never shows the password.
  const json wrong = check(1, "not-the-password");
  ASSERT_EQ(wrong.size(), 4u);
  EXPECT_EQ(wrong[0]["ok"], false);
  const std::string why = wrong[0]["reason"].get<std::string>();
  EXPECT_NE(why.find("password"), std::string::npos) << why;
  EXPECT_EQ(why.find("not-the-password"), std::string::npos) << why;
  EXPECT_FALSE(std::filesystem::exists(db()));

  auto only_good = kith({"accounts", "--check", "good"});
  EXPECT_EQ(only_good.exit_code, 0) << only_good.out << only_good.err;
  auto unknown = kith({"accounts", "--check", "nope"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no account named 'nope'"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace kith::test
