// The caldav provider against real Radicale and Xandikos servers on
// 127.0.0.1, through the real `kith` binary.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <thread>
#include <nlohmann/json.hpp>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "servers/CalDavTestClient.h"
#include "servers/DavServerLog.h"
#include "servers/RadicaleServer.h"
#include "servers/XandikosServer.h"

namespace kith::test {
namespace {

using nlohmann::json;
using kith::testing::CalDavTestClient;
using kith::testing::answered_while;
using kith::testing::logged_requests;
using kith::testing::LoggedRequest;
using kith::testing::settle_log;
using kith::testing::RadicaleOptions;
using kith::testing::RadicaleServer;
using kith::testing::XandikosServer;

std::string attendee(const std::string& address, const std::string& partstat = "ACCEPTED",
                     const std::string& cutype = "INDIVIDUAL") {
  return "ATTENDEE;CUTYPE=" + cutype + ";PARTSTAT=" + partstat + ":mailto:" + address + "\r\n";
}

// One VEVENT resource. `body` holds DTSTART and anything else.
std::string ics(const std::string& uid, const std::string& body, const std::string& more_components = "") {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith tests//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:" + uid + "\r\n" + body + "END:VEVENT\r\n" + more_components +
         "END:VCALENDAR\r\n";
}

std::string meeting(const std::string& uid, const std::string& start_utc, const std::string& people) {
  return ics(uid, "DTSTART:" + start_utc + "\r\nDTEND:" + start_utc.substr(0, 9) + "235900Z\r\n" +
                      "ORGANIZER:mailto:alex@example.org\r\n" + people);
}

class CalDavSync : public ::testing::Test {
 protected:
  void write_config(const std::string& url, const std::string& extra = "", const std::string& user = "alex") {
    std::ofstream(dir / "kith.toml") << "[identity]\naddresses = [\"alex@example.org\"]\n\n[[account]]\n"
                                     << "name = \"cal\"\nprovider = \"caldav\"\nurl = \"" << url << "\"\n"
                                     << "username = \"" << user << "\"\npassword_env = \"KITH_TEST_DAV_PASSWORD\"\n"
                                     << extra;
  }

  ProcessResult kith(std::vector<std::string> args, const std::string& password = "secret") {
    args.insert(args.begin(), {"--config", (dir / "kith.toml").string(), "--db", (dir / "history.db").string()});
    return run_kith(args, dir.path(),
                    "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " KITH_TEST_DAV_PASSWORD=" +
                        shell_quote(password) + " ");
  }

  json sync(int expected_exit = 0) {
    auto r = kith({"sync", "--json"});
    EXPECT_EQ(r.exit_code, expected_exit) << r.err;
    try {
      return json::parse(r.out)[0];
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what() << ": " << r.out << r.err;
      return json();
    }
  }

  json history(const std::string& address) {
    auto r = kith({"history", address, "--json"});
    if (r.exit_code != 0) return json();
    return json::parse(r.out);
  }

  int meetings(const std::string& address) {
    const json h = history(address);
    if (h.is_null()) return 0;
    return h["contact"]["counts"]["meeting"].get<int>() + h["contact"]["upcoming_meetings"].get<int>();
  }

  std::vector<std::string> meeting_times(const std::string& address) {
    std::vector<std::string> out;
    const json h = history(address);
    if (h.is_null()) return out;
    for (const auto& e : h["interactions"])
      if (e["kind"] == "meeting") out.push_back(e["when"]);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::unique_ptr<RadicaleServer> radicale(RadicaleOptions options = {}) {
    auto s = RadicaleServer::start(options);
    EXPECT_TRUE(s) << s.status().message();
    return s ? std::move(*s) : nullptr;
  }

  kith::test::TempDir dir;
};

TEST_F(CalDavSync, RulesOfRule8AgainstRadicale) {
  auto server = radicale();
  ASSERT_TRUE(server);
  ASSERT_TRUE(server->make_calendar("alex", "work", "Work"));
  ASSERT_TRUE(server->make_calendar("alex", "home", "Home"));
  auto put = [&](const std::string& cal, const std::string& name, const std::string& text) {
    auto etag = server->put_event("alex", cal, name, text);
    ASSERT_TRUE(etag) << name << ": " << etag.status().message();
  };
  // Weekly, six times from Monday 2026-01-05 10:00 Berlin: one EXDATE, one
  // moved, one cancelled occurrence -> four meetings.
  put("work", "weekly.ics",
      ics("weekly", "DTSTART;TZID=Europe/Berlin:20260105T100000\r\nDTEND;TZID=Europe/Berlin:20260105T103000\r\n"
                    "RRULE:FREQ=WEEKLY;COUNT=6\r\nEXDATE;TZID=Europe/Berlin:20260112T100000\r\n" +
                        attendee("ann@example.net"),
          "BEGIN:VEVENT\r\nUID:weekly\r\nDTSTAMP:20260101T000000Z\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260119T100000\r\n"
          "DTSTART;TZID=Europe/Berlin:20260121T150000\r\nDTEND;TZID=Europe/Berlin:20260121T153000\r\n" +
              attendee("ann@example.net") +
              "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:weekly\r\nDTSTAMP:20260101T000000Z\r\n"
              "RECURRENCE-ID;TZID=Europe/Berlin:20260126T100000\r\nDTSTART;TZID=Europe/Berlin:20260126T100000\r\n"
              "STATUS:CANCELLED\r\n" +
              attendee("ann@example.net") + "END:VEVENT\r\n"));
  // Across the DST change: 09:00 Berlin is 08:00Z, then 07:00Z.
  put("work", "dst.ics",
      ics("dst", "DTSTART;TZID=Europe/Berlin:20260316T090000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n" +
                     attendee("dora@example.net")));
  put("work", "declined.ics",
      meeting("declined", "20260203T100000Z", attendee("bob@example.net", "DECLINED") + attendee("cat@example.net")));
  put("work", "owner-declined.ics",
      meeting("owner-declined", "20260204T100000Z", attendee("ALEX@example.org", "DECLINED") + attendee("eve@example.net")));
  put("work", "room.ics",
      meeting("room", "20260205T100000Z", attendee("room1@example.org", "ACCEPTED", "ROOM") + attendee("fay@example.net")));
  put("work", "allday.ics",
      ics("allday", "DTSTART;VALUE=DATE:20260206\r\nDTEND;VALUE=DATE:20260207\r\n" + attendee("gus@example.net")));
  put("work", "cancelled.ics",
      ics("cancelled", "DTSTART:20260207T100000Z\r\nSTATUS:CANCELLED\r\n" + attendee("hal@example.net")));
  // The same UID in two calendars counts once.
  const std::string shared = meeting("shared", "20260208T100000Z", attendee("ivy@example.net"));
  put("work", "shared.ics", shared);
  put("home", "shared-copy.ics", shared);

  write_config(server->base_url());  // discovery from the bare host
  const json first = sync();
  EXPECT_EQ(first["result"], "ok") << first;
  EXPECT_EQ(first["item_errors"], 0);

  EXPECT_EQ(meeting_times("ann@example.net"),
            (std::vector<std::string>{"2026-01-05T09:00:00Z", "2026-01-21T14:00:00Z", "2026-02-02T09:00:00Z",
                                      "2026-02-09T09:00:00Z"}));
  EXPECT_EQ(meeting_times("dora@example.net"),
            (std::vector<std::string>{"2026-03-16T08:00:00Z", "2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z"}));
  EXPECT_EQ(meetings("bob@example.net"), 0);  // declined
  EXPECT_EQ(meetings("cat@example.net"), 1);
  EXPECT_EQ(meetings("eve@example.net"), 0);  // the owner declined
  EXPECT_EQ(meetings("room1@example.org"), 0);
  EXPECT_EQ(meetings("fay@example.net"), 1);
  EXPECT_EQ(meeting_times("gus@example.net"), std::vector<std::string>{"2026-02-06T00:00:00Z"});
  EXPECT_EQ(meetings("hal@example.net"), 0);
  EXPECT_EQ(meetings("ivy@example.net"), 1);

  // Nothing changed: nothing fetched.
  EXPECT_EQ(sync()["items"], 0);

  // An attendee added, an event deleted, one copy of the shared event gone.
  put("work", "room.ics",
      meeting("room", "20260205T100000Z", attendee("fay@example.net") + attendee("jon@example.net")));
  ASSERT_TRUE(server->delete_event("alex", "work", "declined.ics"));
  ASSERT_TRUE(server->delete_event("alex", "home", "shared-copy.ics"));
  const json second = sync();
  EXPECT_EQ(second["result"], "ok") << second;
  EXPECT_EQ(meetings("jon@example.net"), 1);
  EXPECT_EQ(meetings("fay@example.net"), 1);
  EXPECT_EQ(meetings("cat@example.net"), 0);
  EXPECT_EQ(meetings("ivy@example.net"), 1);  // still in "work"
}

TEST_F(CalDavSync, ExpiredSyncTokenListsAgainAndCatchesDeletions) {
  auto server = radicale();
  ASSERT_TRUE(server);
  ASSERT_TRUE(server->make_calendar("alex", "work", "Work"));
  ASSERT_TRUE(server->put_event("alex", "work", "a.ics", meeting("a", "20260301T100000Z", attendee("ann@example.net"))));
  ASSERT_TRUE(server->put_event("alex", "work", "b.ics", meeting("b", "20260302T100000Z", attendee("bob@example.net"))));
  write_config(server->base_url());
  ASSERT_EQ(sync()["result"], "ok");
  ASSERT_EQ(meetings("bob@example.net"), 1);

  ASSERT_TRUE(server->delete_event("alex", "work", "b.ics"));
  ASSERT_TRUE(server->expire_sync_tokens("alex", "work"));
  const json again = sync();
  EXPECT_EQ(again["result"], "ok") << again;
  EXPECT_EQ(meetings("ann@example.net"), 1);
  EXPECT_EQ(meetings("bob@example.net"), 0);  // the full listing noticed it was gone
}

TEST_F(CalDavSync, ServerWithoutSyncTokensUsesCtagAndEtags) {
  RadicaleOptions options;
  options.sync_collection = false;
  auto server = radicale(options);
  ASSERT_TRUE(server);
  ASSERT_TRUE(server->make_calendar("alex", "work", "Work"));
  ASSERT_TRUE(server->put_event("alex", "work", "a.ics", meeting("a", "20260301T100000Z", attendee("ann@example.net"))));
  ASSERT_TRUE(server->put_event("alex", "work", "b.ics", meeting("b", "20260302T100000Z", attendee("bob@example.net"))));
  write_config(server->base_url());
  EXPECT_EQ(sync()["items"], 2);
  EXPECT_EQ(sync()["items"], 0);  // same ctag

  ASSERT_TRUE(server->put_event("alex", "work", "a.ics",
                                meeting("a", "20260301T100000Z", attendee("ann@example.net") + attendee("cy@example.net"))));
  ASSERT_TRUE(server->delete_event("alex", "work", "b.ics"));
  const json changed = sync();
  EXPECT_EQ(changed["items"], 2);  // one changed event, one removal
  EXPECT_EQ(meetings("cy@example.net"), 1);
  EXPECT_EQ(meetings("bob@example.net"), 0);
}

TEST_F(CalDavSync, WrongPasswordIsAClearError) {
  auto server = radicale();
  ASSERT_TRUE(server);
  ASSERT_TRUE(server->make_calendar("alex", "work", "Work"));
  write_config(server->base_url());
  const std::string password = "tr0ub4dor-not-this-one";
  auto r = kith({"sync"}, password);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("refused the login of 'alex' (wrong password?)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(password), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("tr0ub4dor"), std::string::npos) << r.err;
  auto status = kith({"status", "--json"});
  EXPECT_EQ(status.out.find("tr0ub4dor"), std::string::npos) << status.out;
}

// Radicale refuses to serve a calendar holding a file it cannot read, so
// the broken file goes to Xandikos, which serves what it stores.
TEST_F(CalDavSync, ABrokenEventIsSkippedAndTheRestSyncs) {
  auto started = XandikosServer::start({});
  ASSERT_TRUE(started) << started.status().message();
  auto& server = **started;
  ASSERT_TRUE(server.make_calendar("work", "Work"));
  const auto seeded = server.seed_events(
      "work", {{"good.ics", meeting("good", "20260301T100000Z", attendee("ann@example.net"))},
               {"broken.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:broken\r\nDTSTART:garbage\r\n"}});
  ASSERT_TRUE(seeded) << seeded.message();
  write_config(server.base_url());
  const json result = sync();
  EXPECT_EQ(result["result"], "ok") << result;
  EXPECT_EQ(result["item_errors"], 1) << result;
  EXPECT_EQ(meetings("ann@example.net"), 1);
  auto status = kith({"status", "--json"});
  const json s = json::parse(status.out);
  ASSERT_EQ(s["accounts"][0]["item_errors"].size(), 1u) << s;
  EXPECT_NE(s["accounts"][0]["item_errors"][0]["item"].get<std::string>().find("broken.ics"), std::string::npos);
}

TEST_F(CalDavSync, XandikosFromTheBareHost) {
  auto started = XandikosServer::start({});
  ASSERT_TRUE(started) << started.status().message();
  auto& server = **started;
  ASSERT_TRUE(server.make_calendar("work", "Work"));
  ASSERT_TRUE(server.put_event("work", "a.ics", meeting("a", "20260301T100000Z", attendee("ann@example.net"))));
  ASSERT_TRUE(server.put_event("work", "b.ics", meeting("b", "20260302T100000Z", attendee("bob@example.net"))));
  write_config(server.base_url());
  const json first = sync();
  EXPECT_EQ(first["result"], "ok") << first;
  EXPECT_EQ(meetings("ann@example.net"), 1);
  ASSERT_TRUE(server.delete_event("work", "b.ics"));
  EXPECT_EQ(sync()["result"], "ok");
  EXPECT_EQ(meetings("bob@example.net"), 0);
}

// Radicale asks for Basic only. Once it has said so, Kith sends credentials
// with each request instead of probing without them first: one 401 per sync
// at most, not one per request.
TEST_F(CalDavSync, CredentialsGoUpFrontOnceTheServerAskedForBasic) {
  auto server = radicale();
  ASSERT_TRUE(server);
  ASSERT_TRUE(server->make_calendar("alex", "work", "Work"));
  ASSERT_TRUE(server->make_calendar("alex", "home", "Home"));
  ASSERT_TRUE(server->put_event("alex", "work", "a.ics", meeting("a", "20260301T100000Z", attendee("ann@example.net"))));
  write_config(server->base_url());
  EXPECT_EQ(sync()["result"], "ok");
  EXPECT_TRUE(settle_log(server->base_url(), server->log_path())) << "the server never logged our sentinel";
  const auto log_end = std::filesystem::file_size(server->log_path());
  ASSERT_TRUE(server->put_event("alex", "home", "b.ics", meeting("b", "20260302T100000Z", attendee("bob@example.net"))));
  const auto puts_end = std::filesystem::file_size(server->log_path());
  EXPECT_GT(puts_end, log_end);
  EXPECT_EQ(sync()["result"], "ok");
  EXPECT_EQ(meetings("bob@example.net"), 1);
  EXPECT_TRUE(settle_log(server->base_url(), server->log_path())) << "the server never logged our sentinel";
  const auto requests = logged_requests(server->log_path(), puts_end);
  const auto unauthorized =
      std::count_if(requests.begin(), requests.end(), [](const LoggedRequest& r) { return r.status == 401; });
  EXPECT_GE(requests.size(), 4u) << "discovery and two calendars";
  EXPECT_LE(unauthorized, 1) << requests.size() << " requests";
  // A wrong password is still refused, and said so.
  auto r = kith({"sync"}, "wrong");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("refused the login of 'alex'"), std::string::npos) << r.err;
}

// Both servers announce sync-collection in supported-report-set: a no-op
// sync lists the calendars without their change tags (Radicale hashes a
// whole calendar to answer those) and sends each calendar one sync REPORT.
TEST_F(CalDavSync, ANoOpSyncSendsEachCalendarOneSyncReport) {
  auto radicale_server = radicale();
  ASSERT_TRUE(radicale_server);
  ASSERT_TRUE(radicale_server->make_calendar("alex", "work", "Work"));
  ASSERT_TRUE(radicale_server->make_calendar("alex", "home", "Home"));
  ASSERT_TRUE(radicale_server->put_event("alex", "work", "a.ics", meeting("a", "20260301T100000Z", attendee("ann@example.net"))));
  auto xandikos = XandikosServer::start({});
  ASSERT_TRUE(xandikos) << xandikos.status().message();
  ASSERT_TRUE((*xandikos)->make_calendar("work", "Work"));
  ASSERT_TRUE((*xandikos)->put_event("work", "b.ics", meeting("b", "20260302T100000Z", attendee("bob@example.net"))));

  struct Case {
    std::string url, log, home;
    std::vector<std::string> calendars;
  };
  const std::vector<Case> cases = {
      {radicale_server->base_url(), radicale_server->log_path(), "/alex/", {"/alex/work/", "/alex/home/"}},
      {(*xandikos)->base_url(), (*xandikos)->log_path(), "/user/calendars/", {"/user/calendars/work/"}}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    std::filesystem::remove(dir / "history.db");
    write_config(c.url);
    EXPECT_EQ(sync()["items"], 1);
    EXPECT_TRUE(settle_log(c.url, c.log)) << "the server never logged our sentinel";
    const auto before = std::filesystem::file_size(c.log);
    EXPECT_EQ(sync()["items"], 0);
    EXPECT_TRUE(settle_log(c.url, c.log)) << "the server never logged our sentinel";
    const auto requests = logged_requests(c.log, before);
    for (const auto& calendar : c.calendars) {
      const auto n = std::count(requests.begin(), requests.end(), std::pair<std::string, std::string>{"REPORT", calendar});
      EXPECT_GE(n, 1) << calendar;
      EXPECT_LE(n, 2) << calendar;  // a 401 probe may precede the first request
      EXPECT_EQ(std::count(requests.begin(), requests.end(), std::pair<std::string, std::string>{"PROPFIND", calendar}), 0)
          << calendar << " was asked for change tags or etags";
    }
    EXPECT_GE(std::count(requests.begin(), requests.end(), std::pair<std::string, std::string>{"PROPFIND", c.home}), 1);
  }
}

// The answered REPORTs each kind of sync sends a calendar, and the history
// after each, with multiget_size 2 (three events). A first sync reads the
// events by one calendar-query while the calendar is listed (a second
// REPORT, for the token), on both servers. Later, Radicale sends
// calendar-data in a sync-collection answer when asked: the listing is the
// fetch, one REPORT each. Xandikos answers it 404 there (its members come
// with etags only): a sync after changes fetches the two changed with one
// calendar-multiget.
TEST_F(CalDavSync, TheReportsOfAFirstSyncASyncAfterChangesAndANoOp) {
  auto radicale_server = radicale();
  ASSERT_TRUE(radicale_server);
  ASSERT_TRUE(radicale_server->make_calendar("alex", "work", "Work"));
  auto xandikos = XandikosServer::start({});
  ASSERT_TRUE(xandikos) << xandikos.status().message();
  ASSERT_TRUE((*xandikos)->make_calendar("work", "Work"));
  struct Case {
    std::string url, log, calendar;
    std::function<bool(const std::string&, const std::string&)> put;
    std::function<bool(const std::string&)> remove;
    std::size_t first, changed, noop;  // answered REPORTs
  };
  RadicaleServer& r = *radicale_server;
  XandikosServer& x = **xandikos;
  const std::vector<Case> cases = {
      {r.base_url(), r.log_path(), "/alex/work/",
       [&](const std::string& name, const std::string& ics) { return r.put_event("alex", "work", name, ics).has_value(); },
       [&](const std::string& name) { return r.delete_event("alex", "work", name).is_ok(); }, 2, 1, 1},
      {x.base_url(), x.log_path(), "/user/calendars/work/",
       [&](const std::string& name, const std::string& ics) { return x.put_event("work", name, ics).has_value(); },
       [&](const std::string& name) { return x.delete_event("work", name).is_ok(); }, 2, 2, 1}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    ASSERT_TRUE(c.put("a.ics", meeting("a", "20260301T100000Z", attendee("ann@example.net"))));
    ASSERT_TRUE(c.put("b.ics", meeting("b", "20260302T100000Z", attendee("bob@example.net"))));
    ASSERT_TRUE(c.put("c.ics", meeting("c", "20260303T100000Z", attendee("cy@example.net"))));
    std::filesystem::remove(dir / "history.db");
    write_config(c.url, "multiget_size = 2\n");
    // The calendar's answered REPORTs (a 401 probe may precede the first).
    auto reports_of = [&](const std::function<void()>& run) {
      return answered_while(c.url, c.log, "REPORT", c.calendar, run).value_or(SIZE_MAX);
    };
    EXPECT_EQ(reports_of([&] { EXPECT_EQ(sync()["items"], 3); }), c.first) << "first sync";
    EXPECT_EQ(meetings("ann@example.net") + meetings("bob@example.net") + meetings("cy@example.net"), 3);

    ASSERT_TRUE(c.put("b.ics", meeting("b", "20260302T100000Z", attendee("dan@example.net"))));
    ASSERT_TRUE(c.put("d.ics", meeting("d", "20260304T100000Z", attendee("eve@example.net"))));
    ASSERT_TRUE(c.remove("c.ics"));
    // Two events written, one removed.
    EXPECT_EQ(reports_of([&] { EXPECT_EQ(sync()["items"], 3); }), c.changed) << "sync after changes";
    EXPECT_EQ(meetings("bob@example.net"), 0);
    EXPECT_EQ(meetings("dan@example.net"), 1);
    EXPECT_EQ(meetings("eve@example.net"), 1);
    EXPECT_EQ(meetings("cy@example.net"), 0);

    EXPECT_EQ(reports_of([&] { EXPECT_EQ(sync()["items"], 0); }), c.noop) << "no-op";
    for (const char* name : {"a.ics", "b.ics", "d.ics"}) ASSERT_TRUE(c.remove(name));
  }
}

// A bearer token from oauth_token_env instead of a password, against
// Radicale behind the harness' token gateway.
TEST_F(CalDavSync, BearerTokenFromTheConfigSignsIn) {
  RadicaleOptions options;
  options.bearer_tokens = {{"kith-test-token.0123456789", "alex"}};
  auto server = radicale(options);
  ASSERT_TRUE(server);
  ASSERT_TRUE(server->make_calendar("alex", "work", "Work"));
  ASSERT_TRUE(server->put_event("alex", "work", "a.ics", meeting("a", "20260301T100000Z", attendee("ann@example.net"))));
  std::ofstream(dir / "kith.toml") << "[identity]\naddresses = [\"alex@example.org\"]\n\n[[account]]\n"
                                   << "name = \"cal\"\nprovider = \"caldav\"\nurl = \"" << server->base_url() << "\"\n"
                                   << "username = \"alex\"\noauth_token_env = \"KITH_TEST_DAV_TOKEN\"\n";
  auto run = [&](const std::string& token) {
    return run_kith({"--config", (dir / "kith.toml").string(), "--db", (dir / "history.db").string(), "sync", "--json"},
                    dir.path(),
                    "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " KITH_TEST_DAV_TOKEN=" + shell_quote(token) +
                        " ");
  };
  auto good = run("kith-test-token.0123456789");
  ASSERT_EQ(good.exit_code, 0) << good.err << server->log_tail();
  EXPECT_EQ(json::parse(good.out)[0]["items"], 1);
  EXPECT_EQ(meetings("ann@example.net"), 1);

  auto bad = run("not-the-token");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("refused the login of 'alex' (expired or wrong token?)"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.err.find("not-the-token"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace kith::test
