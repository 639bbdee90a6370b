// What a user sees when something is wrong: one line naming the culprit,
// a non-zero exit, never a crash.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "../unit/engine/TempDir.h"
#include "KithProcess.h"
#include "kith/Abi.h"

namespace kith::test {
namespace {

class CliErrors : public ::testing::Test {
 protected:
  ProcessResult kith(std::vector<std::string> args, const std::string& env = "") {
    args.insert(args.begin(), {"--db", (dir / "history.db").string()});
    return run_kith(args, dir.path(), "XDG_CONFIG_HOME=" + shell_quote((dir / "xdg").string()) + " " + env);
  }
  std::filesystem::path write_config(const std::string& text) {
    const auto path = dir / "config.toml";
    std::ofstream(path) << text;
    return path;
  }
  static std::string fixtures() { return "KITH_PLUGIN_PATH=" + shell_quote(KITH_FIXTURE_PLUGIN_DIR) + " "; }
  static std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }
  TempDir dir;
};

TEST_F(CliErrors, MissingConfigFileNamedOnTheCommandLine) {
  auto r = kith({"--config", (dir / "nope.toml").string(), "accounts"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("config file '" + (dir / "nope.toml").string() + "' does not exist"), std::string::npos) << r.err;
  EXPECT_EQ(lines(r.err), 1u);
}

TEST_F(CliErrors, NoConfigAtTheDefaultPathMeansNoAccountsAndQueriesStillWork) {
  auto accounts = kith({"accounts", "--json"});
  EXPECT_EQ(accounts.exit_code, 0) << accounts.err;
  EXPECT_EQ(nlohmann::json::parse(accounts.out), nlohmann::json::array());
  auto contacts = kith({"contacts", "--json"});
  EXPECT_EQ(contacts.exit_code, 0) << contacts.err;
  EXPECT_EQ(nlohmann::json::parse(contacts.out), nlohmann::json::array());
  auto status = kith({"status", "--json"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ(nlohmann::json::parse(status.out)["accounts"], nlohmann::json::array());
  auto sync = kith({"sync"});
  EXPECT_EQ(sync.exit_code, 1);
  EXPECT_NE(sync.err.find("no accounts configured"), std::string::npos) << sync.err;
}

TEST_F(CliErrors, BadConfigNamesFileLineAndKey) {
  const auto config = write_config("[identity]\naddresses = [\"me@example.org\"]\n\n[[account]]\nname = \"a\"\nprovider = \"fixture\"\ncolour = 1\n");
  auto r = kith({"--config", config.string(), "sync"}, fixtures());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(config.string() + ":7: unknown key 'colour' for account 'a'"), std::string::npos) << r.err;
  EXPECT_EQ(lines(r.err), 1u) << r.err;
}

TEST_F(CliErrors, UnknownProviderIsNamed) {
  const auto config = write_config("[[account]]\nname = \"a\"\nprovider = \"fax\"\n");
  auto r = kith({"--config", config.string(), "sync"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("account 'a': no plugin provides 'fax'"), std::string::npos) << r.err;
  auto status = kith({"--config", config.string(), "status", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  const auto json = nlohmann::json::parse(status.out);
  EXPECT_EQ(json["accounts"][0]["last_run"]["result"], "failed");
  EXPECT_NE(json["accounts"][0]["last_run"]["error"].get<std::string>().find("fax"), std::string::npos);
}

TEST_F(CliErrors, UnknownAccountNameInSync) {
  const auto config = write_config("[[account]]\nname = \"a\"\nprovider = \"fax\"\n");
  auto r = kith({"--config", config.string(), "sync", "b"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no account named 'b'"), std::string::npos) << r.err;
}

TEST_F(CliErrors, UnknownContactInHistory) {
  auto r = kith({"history", "nobody@example.net"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no contact with address or id 'nobody@example.net'"), std::string::npos) << r.err;
}

TEST_F(CliErrors, CorruptDatabaseIsNamed) {
  std::ofstream(dir / "history.db") << std::string(4096, 'z');
  auto r = kith({"contacts"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find((dir / "history.db").string()), std::string::npos) << r.err;
  EXPECT_EQ(lines(r.err), 1u) << r.err;
}

TEST_F(CliErrors, UsageErrorsExitWithTwo) {
  auto r = kith({"contacts", "--sort", "height"});
  EXPECT_EQ(r.exit_code, 2);
  auto none = kith({});
  EXPECT_EQ(none.exit_code, 2);
}

TEST_F(CliErrors, HelpAndVersion) {
  auto help = kith({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("contacts"), std::string::npos);
  auto version = kith({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("kith "), std::string::npos);
}

TEST_F(CliErrors, PluginsListsLoadErrors) {
  auto r = kith({"plugins", "--json"}, fixtures());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  bool saw_fixture = false, saw_abi_error = false;
  for (const auto& p : json["plugins"]) {
    if (p["id"] == "fixture") {
      saw_fixture = true;
      EXPECT_EQ(p["abi"], std::to_string(KITH_ABI_MAJOR) + "." + std::to_string(KITH_ABI_MINOR));
      EXPECT_EQ(p["version"], "0.0.1");
    }
    if (p["error"].is_string() && p["error"].get<std::string>().find("provider 'legacy'") != std::string::npos &&
        p["error"].get<std::string>().find("built for plugin ABI 1.2") != std::string::npos)
      saw_abi_error = true;
  }
  EXPECT_TRUE(saw_fixture) << r.out;
  EXPECT_TRUE(saw_abi_error) << r.out;
}

}  // namespace
}  // namespace kith::test
