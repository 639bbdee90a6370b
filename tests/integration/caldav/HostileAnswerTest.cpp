// What one CalDAV answer may cost is bounded by the account's settings, not
// by what a server sends: the real `kith` binary against a scripted server
// on 127.0.0.1 that lists more members, or answers a multiget with more
// resources, than it should.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "DavAnswers.h"
#include "ScriptedCalDavTest.h"
#include "servers/ScriptedHttpServer.h"

namespace kith::test {
namespace {

using kith::testing::ScriptedHttpServer;
using kith::testing::ScriptedResponse;

using dav::event;
using dav::kHead;
using dav::kOk;
using dav::response;

// Discovery to /h/cal/, a calendar listing `members` events (etags only),
// and a multiget answer holding `answered` events, whatever was asked.
std::vector<ScriptedResponse> server(std::size_t members, std::size_t answered) {
  std::string listing = std::string(kHead) + response("/h/cal/", "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>");
  for (std::size_t i = 0; i < members; ++i)
    listing += response("/h/cal/e" + std::to_string(i) + ".ics", "<d:getetag>\"" + std::to_string(i) + "\"</d:getetag>");
  listing += "</d:multistatus>";
  std::string multiget = kHead;
  for (std::size_t i = 0; i < answered; ++i)
    multiget += response("/h/cal/e" + std::to_string(i) + ".ics",
                         "<d:getetag>\"" + std::to_string(i) + "\"</d:getetag><c:calendar-data>" + event(i) +
                             "</c:calendar-data>");
  multiget += "</d:multistatus>";
  return {{"PROPFIND", "/", 207,
           std::string(kHead) + response("/", "<d:current-user-principal><d:href>/p/</d:href></d:current-user-principal>") +
               "</d:multistatus>"},
          {"PROPFIND", "/p/", 207,
           std::string(kHead) + response("/p/", "<c:calendar-home-set><d:href>/h/</d:href></c:calendar-home-set>") +
               "</d:multistatus>"},
          {"PROPFIND", "/h/", 207,
           std::string(kHead) + response("/h/", "<d:resourcetype><d:collection/></d:resourcetype>") +
               response("/h/cal/", "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>"
                                   "<d:displayname>Work</d:displayname>") +
               "</d:multistatus>"},
          {"PROPFIND", "/h/cal/", 207, listing},
          {"REPORT", "/h/cal/", 207, multiget}};
}

class CalDavHostileAnswer : public ScriptedCalDavTest {
 protected:
  void start(std::size_t members, std::size_t answered) { serve(server(members, answered)); }
};

TEST_F(CalDavHostileAnswer, AListingLongerThanMaxCalendarMembersIsRefused) {
  start(50, 50);
  ProcessResult r = kith({"sync"}, "max_calendar_members = 49\n");
  EXPECT_NE(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("lists more than 49 members; raise max_calendar_members"), std::string::npos) << r.err;
  EXPECT_EQ(people_met(), 0u);

  r = kith({"sync"}, "max_calendar_members = 50\n");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(people_met(), 50u);
}

// Asked for 3 resources, the server answers with 300: the 3 are kept, the
// rest ignored with a warning, so a batch holds what was asked for.
TEST_F(CalDavHostileAnswer, AMultigetAnswerBeyondWhatWasAskedIsIgnored) {
  start(3, 300);
  const ProcessResult r = kith({"sync"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("answered 300 resources for 3 asked; the rest were ignored"), std::string::npos) << r.err;
  EXPECT_EQ(people_met(), 3u);
}

}  // namespace
}  // namespace kith::test
