// The bundled network providers pass the SDK's conformance suite
// (kith-provider-conformance) against real servers: imap on Dovecot, caldav
// on Radicale, each with a data set that holds one unreadable item. The
// local provider's run is a plain CTest test (tests/CMakeLists.txt).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../../e2e/KithProcess.h"
#include "servers/DovecotServer.h"
#include "servers/RadicaleServer.h"
#include "servers/XandikosServer.h"

namespace kith::test {
namespace {

ProcessResult run_suite(const std::string& plugin, const std::vector<std::string>& args) {
  return run_conformance(std::string(KITH_PLUGIN_BUILD_DIR) + "/" + plugin, args);
}

std::string mail(int i, const std::string& from, const std::string& to) {
  return "From: " + from + "\r\nTo: " + to + "\r\nMessage-ID: <c" + std::to_string(i) +
         "@example.net>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nSubject: number " + std::to_string(i) +
         "\r\n\r\nbody\r\n";
}

TEST(BundledProvidersConformance, ImapOnDovecot) {
  auto server = kith::testing::DovecotServer::start();
  ASSERT_TRUE(server) << server.status().message();
  std::vector<std::string> inbox, sent;
  for (int i = 0; i < 23; ++i) inbox.push_back(mail(i, "friend" + std::to_string(i % 4) + "@example.net", "alex@example.org"));
  // A message without any header field names nobody but is no error; IMAP
  // servers answer HEADER.FIELDS with fields only, so nothing is unreadable
  // here (the scripted servers of HostileImapTest send what is).
  inbox.push_back("this is not a header block at all\r\n");
  for (int i = 100; i < 109; ++i) sent.push_back(mail(i, "alex@example.org", "friend@example.net"));
  ASSERT_TRUE((*server)->add_messages("alex@example.org", "INBOX", inbox));
  ASSERT_TRUE((*server)->add_messages("alex@example.org", "Sent", sent));
  const ProcessResult run = run_suite("kith_provider_imap.so",
                                 {"--setting", "url=" + (*server)->imap_url(), "--setting", "username=alex@example.org",
                                  "--secret", "password=secret", "--setting", "chunk_size=5", "--setting",
                                  "pipeline_depth=2", "--owner", "alex@example.org", "--expect-items", "33",
                                  "--expect-failed", "0", "--strict-resume"});
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("10 passed, 0 failed"), std::string::npos) << run.out;
}

std::string event(const std::string& uid, const std::string& start) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith//Conformance//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTART:" + start + "\r\nDTEND:" + start.substr(0, 9) + "235900Z\r\nSUMMARY:Meeting " + uid +
         "\r\nATTENDEE:mailto:ann@example.net\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

TEST(BundledProvidersConformance, CalDavOnRadicale) {
  auto server = kith::testing::RadicaleServer::start();
  ASSERT_TRUE(server) << server.status().message();
  ASSERT_TRUE((*server)->make_calendar("alex", "work", "Work"));
  ASSERT_TRUE((*server)->make_calendar("alex", "home", "Home"));
  for (int i = 0; i < 9; ++i)
    ASSERT_TRUE((*server)->put_event("alex", i % 2 ? "work" : "home", "e" + std::to_string(i) + ".ics",
                                     event("e" + std::to_string(i), "2026030" + std::to_string(i + 1) + "T100000Z")));
  const ProcessResult run = run_suite("kith_provider_caldav.so",
                                 {"--setting", "url=" + (*server)->base_url(), "--setting", "username=alex",
                                  "--secret", "password=" + (*server)->password("alex"), "--setting",
                                  "multiget_size=2", "--owner", "alex@example.org", "--expect-items", "9",
                                  "--expect-failed", "0"});
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("10 passed, 0 failed"), std::string::npos) << run.out;
}

// Radicale refuses to store a broken event; Xandikos serves what it stores.
TEST(BundledProvidersConformance, CalDavOnXandikosWithABrokenEvent) {
  auto server = kith::testing::XandikosServer::start({});
  ASSERT_TRUE(server) << server.status().message();
  ASSERT_TRUE((*server)->make_calendar("work", "Work"));
  std::vector<std::pair<std::string, std::string>> events;
  for (int i = 0; i < 7; ++i)
    events.emplace_back("e" + std::to_string(i) + ".ics",
                        event("e" + std::to_string(i), "2026030" + std::to_string(i + 1) + "T100000Z"));
  events.emplace_back("broken.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:broken\r\nDTSTART:garbage\r\n");
  const auto seeded = (*server)->seed_events("work", events);
  ASSERT_TRUE(seeded) << seeded.message();
  const ProcessResult run = run_suite("kith_provider_caldav.so",
                                 {"--setting", "url=" + (*server)->base_url(), "--setting", "username=alex",
                                  "--secret", "password=unused", "--setting", "multiget_size=2", "--owner",
                                  "alex@example.org", "--expect-items", "7", "--expect-failed", "1"});
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("10 passed, 0 failed"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace kith::test
