// The real `kith` binary against a scripted CalDAV server on 127.0.0.1
// whose events are DavAnswers.h's numbered ones: the fixture both scripted
// sync suites share (HostileAnswerTest, ListingDataTest).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "servers/ScriptedHttpServer.h"

namespace kith::test {

class ScriptedCalDavTest : public ::testing::Test {
 protected:
  void serve(std::vector<kith::testing::ScriptedResponse> script) {
    auto s = kith::testing::ScriptedHttpServer::start(std::move(script));
    ASSERT_TRUE(s) << s.status().message();
    srv = std::move(*s);
  }

  // `kith <command>` with an account on the scripted server (and `extra`
  // settings of it) and the store h.db.
  ProcessResult kith(const std::vector<std::string>& command, const std::string& extra = "") {
    std::ofstream(dir / "kith.toml") << "[[account]]\nname = \"cal\"\nprovider = \"caldav\"\nurl = \"" << srv->base_url()
                                     << "/\"\nusername = \"me@example.com\"\npassword_env = \"KITH_TEST_SECRET\"\n"
                                     << "timeout_seconds = 10\n" << (first_sync_query ? "" : "first_sync_query = false\n")
                                     << extra;
    std::vector<std::string> args = {"--config", (dir / "kith.toml").string(), "--db", (dir / "h.db").string()};
    args.insert(args.end(), command.begin(), command.end());
    return run_kith(args, dir.path(),
                    "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " KITH_TEST_SECRET=s3cret ");
  }

  // Distinct attendees of the scripted events that `kith contacts` knows.
  std::size_t people_met() {
    const ProcessResult r = kith({"contacts", "--json"});
    std::set<std::string> people;
    const std::regex address("person[0-9]+@example\\.com");
    for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), address); it != std::sregex_iterator(); ++it)
      people.insert(it->str());
    return people.size();
  }

  TempDir dir;
  std::unique_ptr<kith::testing::ScriptedHttpServer> srv;
  // The scripts list a calendar first, as every sync but a first one by
  // calendar-query does (CalendarFirstSync.cpp); a test of that sets it.
  bool first_sync_query = false;
};

}  // namespace kith::test
