// `kith init` and `kith accounts --check` through the real binary, without
// servers: the config init writes (flags, and answers typed on a real
// terminal), what it refuses, and --check on the local provider and on
// providers that cannot check. The same commands against Dovecot and
// Radicale: tests/integration/newcomer.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "../unit/engine/TempDir.h"
#include "KithProcess.h"
#include "config/Config.h"

namespace kith::test {
namespace {

using nlohmann::json;

class InitAndCheck : public ::testing::Test {
 protected:
  // XDG_CONFIG_HOME points into the scratch folder: the default config path.
  std::string env() const {
    return "XDG_CONFIG_HOME=" + shell_quote(xdg().string()) + " KITH_PLUGIN_PATH=" +
           shell_quote(std::string(KITH_PLUGIN_BUILD_DIR) + ":" + KITH_FIXTURE_PLUGIN_DIR) + " ";
  }
  ProcessResult kith(const std::vector<std::string>& args) { return run_kith(args, dir.path(), env()); }

  // `kith ARGS` on a real terminal (util-linux `script` gives it a pty),
  // with `typed` as what the user types.
  ProcessResult kith_on_terminal(const std::string& args, const std::string& typed) {
    std::ofstream(dir / "typed.txt") << typed;
    const std::string kith_command = shell_quote(std::string(KITH_BINARY_DIR) + "/bin/kith") + " " + args;
    const std::string command = env() + "script -qec " + shell_quote(kith_command) + " /dev/null <" +
                                shell_quote((dir / "typed.txt").string()) + " >" +
                                shell_quote((dir / "tty.txt").string()) + " 2>&1";
    const int status = std::system(command.c_str());
    ProcessResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_file(dir / "tty.txt");
    return r;
  }

  std::filesystem::path xdg() const { return dir / "xdg"; }
  std::filesystem::path default_config() const { return xdg() / "kith" / "config.toml"; }
  static unsigned mode(const std::filesystem::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? (st.st_mode & 0777) : 0;
  }
  static engine::Config load(const std::filesystem::path& path) {
    auto config = engine::load_config(path, true);
    EXPECT_TRUE(config) << config.status().message() << "\n" << read_file(path);
    return config ? *config : engine::Config{};
  }
  TempDir dir;
};

TEST_F(InitAndCheck, InitWithFlagsWritesAPrivateConfigThatLoads) {
  const std::string command = R"(pass show "mail/work" | head -1 \ # 'not' a comment ünï)";
  auto r = kith({"init", "--address", "alex@example.org", "--address", "alex.morgan@example.com", "--imap-url",
                 "imaps://mail.example.org", "--caldav-url", "https://dav.example.org/", "--password-command", command});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(mode(default_config()), 0600u);
  EXPECT_EQ(mode(default_config().parent_path()), 0700u);
  EXPECT_NE(r.out.find("Wrote " + default_config().string()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("kith accounts --check"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("kith sync"), std::string::npos) << r.out;

  const auto config = load(default_config());
  EXPECT_EQ(config.identity_addresses, (std::vector<std::string>{"alex@example.org", "alex.morgan@example.com"}));
  ASSERT_EQ(config.accounts.size(), 2u);
  const auto& mail = config.accounts[0];
  EXPECT_EQ(mail.name, "mail");
  EXPECT_EQ(mail.provider, "imap");
  EXPECT_EQ(mail.string_setting("url"), "imaps://mail.example.org");
  EXPECT_EQ(mail.string_setting("username"), "alex@example.org");  // the first address by default
  EXPECT_EQ(mail.string_setting("password_command"), command);     // exactly, quotes and all
  EXPECT_EQ(config.accounts[1].provider, "caldav");
  EXPECT_EQ(config.accounts[1].string_setting("url"), "https://dav.example.org/");

  // Every key is one the providers accept.
  auto accounts = kith({"accounts", "--json"});
  ASSERT_EQ(accounts.exit_code, 0) << accounts.out << accounts.err;
  for (const auto& a : json::parse(accounts.out)) EXPECT_TRUE(a["problem"].is_null()) << a.dump();
}

TEST_F(InitAndCheck, InitNeverOverwritesAndRefusesBadInputWritingNothing) {
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"init", "--imap-url", "https://mail.example.org", "--username", "a", "--password-env", "P"}, 1,
       "must start with imaps:// (TLS) or imap:// (STARTTLS)"},
      {{"init", "--caldav-url", "dav.example.org", "--username", "a", "--password-env", "P"}, 1,
       "must start with https:// or http://"},
      {{"init", "--imap-url", "imaps://mail.example.org", "--username", "a"}, 1, "--password-command CMD or --password-env VAR"},
      {{"init", "--imap-url", "imaps://mail.example.org", "--password-env", "P"}, 1, "needs a username"},
      {{"init", "--address", "not-an-address"}, 1, "'not-an-address' is not an email address"},
      {{"init", "--password-command", "x", "--password-env", "P"}, 2, "excludes"},
  };
  for (const auto& c : cases) {
    auto r = kith(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.message << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(default_config())) << c.message;
  }

  std::filesystem::create_directories(default_config().parent_path());
  std::ofstream(default_config()) << "# mine\n";
  auto r = kith({"init", "--address", "alex@example.org"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(default_config()), "# mine\n");

  // A dangling symlink counts as existing: init never writes through it.
  const auto link = dir / "link.toml";
  std::filesystem::create_symlink(dir / "elsewhere.toml", link);
  r = kith({"--config", link.string(), "init", "--address", "alex@example.org"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir / "elsewhere.toml"));
}

TEST_F(InitAndCheck, InitWithoutFlagsAndWithoutATerminalWritesAStarterWithExamples) {
  auto r = kith({"init"});  // stdin is /dev/null: no questions
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("edit " + default_config().string()), std::string::npos) << r.out;
  const std::string text = read_file(default_config());
  EXPECT_NE(text.find("# [[account]]"), std::string::npos) << text;
  const auto config = load(default_config());
  EXPECT_TRUE(config.accounts.empty());
}

TEST_F(InitAndCheck, InitAsksOnATerminalAndAsksAgainAfterABadAnswer) {
  if (!have_pty()) GTEST_SKIP() << "no pseudo-terminals here (/dev/pts not mounted)";
  const std::string typed =
      "alex@example.org, alex.morgan@example.com\n"
      "ftp://mail.example.org\n"     // refused: asked again
      "imaps://mail.example.org\n"
      "\n"                           // username: the first address
      "3\n"                          // refused: 1 or 2
      "1\n"
      "pass show mail\n"
      "https://dav.example.org\n"
      "alex\n"
      "2\n"
      "KITH_DAV_PASSWORD\n";
  auto r = kith_on_terminal("init", typed);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("IMAP server URL"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the URL must start with imaps:// or imap://"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("please answer 1 or 2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Next:"), std::string::npos) << r.out;
  EXPECT_EQ(mode(default_config()), 0600u);

  const auto config = load(default_config());
  EXPECT_EQ(config.identity_addresses, (std::vector<std::string>{"alex@example.org", "alex.morgan@example.com"}));
  ASSERT_EQ(config.accounts.size(), 2u);
  EXPECT_EQ(config.accounts[0].string_setting("url"), "imaps://mail.example.org");
  EXPECT_EQ(config.accounts[0].string_setting("username"), "alex@example.org");
  EXPECT_EQ(config.accounts[0].string_setting("password_command"), "pass show mail");
  EXPECT_EQ(config.accounts[1].string_setting("username"), "alex");
  EXPECT_EQ(config.accounts[1].string_setting("password_env"), "KITH_DAV_PASSWORD");
  EXPECT_FALSE(config.accounts[1].string_setting("password_command"));
}

TEST_F(InitAndCheck, InitOnATerminalWritesNothingWhenInputEndsEarly) {
  if (!have_pty()) GTEST_SKIP() << "no pseudo-terminals here (/dev/pts not mounted)";
  auto r = kith_on_terminal("init", "alex@example.org\nimaps://mail.example.org\n");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("nothing was written"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(default_config()));
}

TEST_F(InitAndCheck, CheckListsTheLocalProvidersFoldersAndCalendarsWithoutAStore) {
  const std::string config = std::string(KITH_SAMPLES_DIR) + "/kith.toml";
  const auto db = dir / "history.db";
  auto r = kith({"--config", config, "--db", db.string(), "accounts", "--check", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json out = json::parse(r.out);
  ASSERT_EQ(out.size(), 2u);
  // The sample's LinkedIn export: the files a sync would read.
  EXPECT_EQ(out[1]["account"], "linkedin");
  EXPECT_EQ(out[1]["ok"], true);
  EXPECT_EQ(out[1]["collections"].size(), 3u);
  EXPECT_EQ(out[0]["account"], "sample");
  EXPECT_EQ(out[0]["ok"], true);
  EXPECT_TRUE(out[0]["reason"].is_null());
  std::map<std::string, json> by_name;
  for (const auto& c : out[0]["collections"]) by_name[c["name"].get<std::string>()] = c;
  EXPECT_EQ(by_name["INBOX"]["role"], "inbox");
  EXPECT_EQ(by_name["Sent"]["role"], "sent");
  EXPECT_EQ(by_name["Junk"]["role"], "junk");
  EXPECT_EQ(by_name["Archive"]["role"], nullptr);
  EXPECT_EQ(by_name["work"]["role"], "calendar");
  EXPECT_EQ(by_name["personal"]["role"], "calendar");
  EXPECT_EQ(by_name["default"]["role"], "contacts");  // the address book
  EXPECT_FALSE(std::filesystem::exists(db)) << "--check stores nothing";
}

TEST_F(InitAndCheck, CheckSaysWhichProvidersCannotCheckAndWhichAccountsAreBroken) {
  const auto config = dir / "kith.toml";
  std::ofstream(config) << "[[account]]\nname = \"fixture\"\nprovider = \"fixture\"\n"
                           "[[account]]\nname = \"old\"\nprovider = \"previous-minor\"\n"
                           "[[account]]\nname = \"missing\"\nprovider = \"local\"\nmaildir = \"no/such/dir\"\n";
  auto r = kith({"--config", config.string(), "accounts", "--check", "--json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // `missing` failed
  const json out = json::parse(r.out);
  ASSERT_EQ(out.size(), 3u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(out[i]["ok"].is_null()) << out[i].dump();
    EXPECT_NE(out[i]["reason"].get<std::string>().find("cannot check"), std::string::npos) << out[i].dump();
  }
  EXPECT_EQ(out[2]["ok"], false);
  EXPECT_NE(out[2]["reason"].get<std::string>().find("does not exist"), std::string::npos) << out[2].dump();

  auto text = kith({"--config", config.string(), "accounts", "--check", "fixture"});
  EXPECT_EQ(text.exit_code, 0) << text.err;  // cannot check is not a failure
  EXPECT_NE(text.out.find("fixture: not checked"), std::string::npos) << text.out;

  auto names_without_check = kith({"--config", config.string(), "accounts", "fixture"});
  EXPECT_EQ(names_without_check.exit_code, 2);
}

}  // namespace
}  // namespace kith::test
