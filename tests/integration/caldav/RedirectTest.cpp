// A redirected DAV request keeps its method and body: the real `kith`
// binary against a scripted server on 127.0.0.1 that answers the way
// Nextcloud does (PROPFIND /.well-known/caldav -> 301 /remote.php/dav/, a
// calendar URL without its trailing slash -> 301 / 307). A PROPFIND resent
// without its body asks for all properties (RFC 4918 9.1), and that answer
// has no current-user-principal (RFC 5397): the scripted server answers it
// so, as Nextcloud does.
#include <gtest/gtest.h>

#include <fstream>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "DavAnswers.h"
#include "servers/ScriptedHttpServer.h"

namespace kith::test {
namespace {

using kith::testing::RecordedRequest;
using kith::testing::ScriptedHttpServer;
using kith::testing::ScriptedResponse;

using dav::kHead;
using dav::kOk;
using dav::response;

const std::string kEvent =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:e1\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260301T100000Z\r\nDTEND:20260301T110000Z\r\nSUMMARY:Coffee\r\nORGANIZER:mailto:me@example.com\r\n"
    "ATTENDEE;CN=Nia:mailto:nia@example.com\r\nATTENDEE:mailto:me@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

ScriptedResponse needing(ScriptedResponse r, std::string text) {
  r.requires_in_body = std::move(text);
  return r;
}

// `calendar_redirect`, `report_redirect`: the statuses the calendar's URL
// without its trailing slash answers PROPFIND and REPORT with, pointing at
// the URL with the slash (0: the home lists the URL with the slash).
std::vector<ScriptedResponse> nextcloud(int calendar_redirect, int report_redirect) {
  const std::string dav = "/remote.php/dav/";
  const std::string principal = dav + "principals/users/me/";
  const std::string home = dav + "calendars/me/";
  const std::string bare = home + "personal";
  const std::string calendar = bare + "/";
  std::vector<ScriptedResponse> script = {
      {"PROPFIND", "/.well-known/caldav", 301, "", {{"Location", "{base}" + dav}}},
      needing({"PROPFIND", dav, 207,
               std::string(kHead) + response(dav, "<d:current-user-principal><d:href>" + principal +
                                                      "</d:href></d:current-user-principal>") +
                   "</d:multistatus>"},
              "current-user-principal"),
      needing({"PROPFIND", principal, 207,
               std::string(kHead) +
                   response(principal, "<c:calendar-home-set><d:href>" + home + "</d:href></c:calendar-home-set>") +
                   "</d:multistatus>"},
              "calendar-home-set"),
      needing({"PROPFIND", home, 207,
               std::string(kHead) + response(home, "<d:resourcetype><d:collection/></d:resourcetype>") +
                   response(calendar_redirect != 0 ? bare : calendar,
                            "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>"
                                  "<d:displayname>Personal</d:displayname>") +
                   "</d:multistatus>"},
              "resourcetype"),
      needing({"PROPFIND", calendar, 207,
               std::string(kHead) + response(calendar, "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>") +
                   response(calendar + "e1.ics", "<d:getetag>\"1\"</d:getetag>") + "</d:multistatus>"},
              "getetag"),
      needing({"REPORT", calendar, 207,
               std::string(kHead) +
                   response(calendar + "e1.ics", "<d:getetag>\"1\"</d:getetag><c:calendar-data>" + kEvent +
                                                     "</c:calendar-data>") +
                   "</d:multistatus>"},
              "calendar-multiget"),
  };
  if (calendar_redirect != 0) script.push_back({"PROPFIND", bare, calendar_redirect, "", {{"Location", "{base}" + calendar}}});
  if (report_redirect != 0) script.push_back({"REPORT", bare, report_redirect, "", {{"Location", "{base}" + calendar}}});
  return script;
}

class CalDavRedirect : public ::testing::Test {
 protected:
  ProcessResult kith(const std::vector<std::string>& command) {
    std::vector<std::string> args = {"--config", (dir / "kith.toml").string(), "--db", (dir / "h.db").string()};
    args.insert(args.end(), command.begin(), command.end());
    return run_kith(args, dir.path(),
                    "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " KITH_TEST_SECRET=s3cret ");
  }

  void start(int calendar_redirect, int report_redirect) {
    auto s = ScriptedHttpServer::start(nextcloud(calendar_redirect, report_redirect), /*require_auth=*/true);
    ASSERT_TRUE(s) << s.status().message();
    server = std::move(*s);
    // A bare host, as users type it: discovery goes through .well-known.
    std::ofstream(dir / "kith.toml") << "[[account]]\nname = \"cloud\"\nprovider = \"caldav\"\nurl = \""
                                     << server->base_url() << "\"\nusername = \"me@example.com\"\n"
                                     << "password_env = \"KITH_TEST_SECRET\"\ntimeout_seconds = 10\n";
  }

  // Requests that reached `path` with credentials, and their body sizes.
  std::vector<RecordedRequest> at(const std::string& method, const std::string& path) const {
    std::vector<RecordedRequest> out;
    for (const auto& r : server->requests())
      if (r.method == method && r.path == path && r.authorization) out.push_back(r);
    return out;
  }

  TempDir dir;
  std::unique_ptr<ScriptedHttpServer> server;
};

TEST_F(CalDavRedirect, WellKnownRedirectKeepsThePropfindBody) {
  start(0, 0);
  const ProcessResult r = kith({"sync"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto redirected = at("PROPFIND", "/remote.php/dav/");
  ASSERT_FALSE(redirected.empty()) << r.err;
  for (const auto& q : redirected) EXPECT_GT(q.body_bytes, 0u);
  const ProcessResult history = kith({"history", "nia@example.com", "--json"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("\"meeting\""), std::string::npos) << history.out;
}

// Every DAV request, not only discovery: the calendar's PROPFIND and its
// REPORT, through 301, 302, 303, 307 and 308.
TEST_F(CalDavRedirect, EveryRedirectStatusKeepsMethodAndBody) {
  for (const int status : {301, 302, 303, 307, 308}) {
    SCOPED_TRACE(status);
    start(status, status);
    std::filesystem::remove(dir / "h.db");
    const ProcessResult r = kith({"sync"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_FALSE(at("PROPFIND", "/remote.php/dav/calendars/me/personal").empty());
    EXPECT_FALSE(at("REPORT", "/remote.php/dav/calendars/me/personal").empty());
    const auto reports = at("REPORT", "/remote.php/dav/calendars/me/personal/");
    ASSERT_FALSE(reports.empty()) << r.err;
    for (const auto& q : reports) EXPECT_GT(q.body_bytes, 0u);
    EXPECT_EQ(kith({"history", "nia@example.com"}).exit_code, 0);
  }
}

}  // namespace
}  // namespace kith::test
