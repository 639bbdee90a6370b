// Servers that claim, repeat or flood: what one IMAP command may cost is
// bounded by configuration, whatever the server sends. The real `kith`
// binary against scripted IMAP servers on 127.0.0.1.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "servers/ScriptedImapServer.h"

namespace kith::test {
namespace {

using kith::testing::ScriptedImapServer;

struct Outcome {
  ProcessResult result;
  double seconds = 0;
};

class HostileImap : public ::testing::Test {
 protected:
  Outcome sync(const std::string& mode, const std::string& extra = "") {
    auto server = ScriptedImapServer::start(mode);
    EXPECT_TRUE(server) << server.status().message();
    if (!server) return {};
    std::ofstream(dir / "kith.toml") << "[identity]\naddresses = [\"me@example.org\"]\n[[account]]\nname = \"mail\"\n"
                                        "provider = \"imap\"\nurl = \""
                                     << (*server)->url() << "\"\nusername = \"me@example.org\"\npassword_env = \"P\"\n"
                                     << "timeout_seconds = 20\n" << extra;
    const auto started = std::chrono::steady_clock::now();
    Outcome out;
    out.result = run_kith({"--config", (dir / "kith.toml").string(), "--db", (dir / "h.db").string(), "sync", "--json"},
                          dir.path(), "P=x KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " ");
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
  }
  std::size_t items(const Outcome& o) {
    try {
      return nlohmann::json::parse(o.result.out)[0]["items"].get<std::size_t>();
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what() << ": " << o.result.out << o.result.err;
      return 0;
    }
  }
  TempDir dir;
};

TEST_F(HostileImap, TheControlCaseSyncsItsOneMessage) {
  auto o = sync("plain");
  EXPECT_EQ(o.result.exit_code, 0) << o.result.err;
  EXPECT_EQ(items(o), 1u);
}

// ESEARCH ALL 1:4294967295 once made 8.6 million FETCH commands in memory
// (3.6 GB). Now the claim is checked against the folder's size.
TEST_F(HostileImap, AClaimOfFourBillionUidsIsNotBelieved) {
  auto o = sync("esearch-all");
  EXPECT_EQ(o.result.exit_code, 1) << o.result.err;
  // Clipped below UIDNEXT (4294967295) first, then checked against EXISTS.
  EXPECT_NE(o.result.err.find("listed 4294967294 new messages in a folder of 3; skipped"), std::string::npos) << o.result.err;
  EXPECT_LT(o.seconds, 60.0);
}

// 85,700 copies of one message's FETCH response once counted as 85,700
// items. The scripted server sends 20,000: past the cap of a small chunk,
// within the cap of a large one.
TEST_F(HostileImap, RepeatedFetchResponsesCountOnce) {
  auto o = sync("fetch-repeat", "chunk_size = 10\n");
  EXPECT_EQ(o.result.exit_code, 1) << o.result.err;  // over the responses one FETCH may bring
  EXPECT_NE(o.result.err.find("responses to one UID FETCH command"), std::string::npos) << o.result.err;
  EXPECT_EQ(items(o), 0u);

  auto generous = sync("fetch-repeat", "chunk_size = 10000\n");  // the cap is then 21,000
  EXPECT_EQ(generous.result.exit_code, 0) << generous.result.err;
  EXPECT_EQ(items(generous), 1u) << "one message, however often the server repeats it";
}

// Endless * LIST lines once took 1.85 GB in 5 s.
TEST_F(HostileImap, AFloodOfFoldersStopsAtTheCap) {
  auto o = sync("list-flood");
  EXPECT_EQ(o.result.exit_code, 1) << o.result.err;
  EXPECT_NE(o.result.err.find("more than 10000 responses to one LIST command"), std::string::npos) << o.result.err;
  EXPECT_LT(o.seconds, 60.0);
}

// A server that keeps talking but never completes was only timed on silence.
TEST_F(HostileImap, ACommandThatNeverCompletesHitsItsDeadline) {
  auto o = sync("slow-drip", "command_timeout_seconds = 2\n");
  EXPECT_EQ(o.result.exit_code, 1) << o.result.err;
  EXPECT_NE(o.result.err.find("did not complete UID FETCH within 2 s"), std::string::npos) << o.result.err;
  EXPECT_LT(o.seconds, 30.0);
}

}  // namespace
}  // namespace kith::test
