// Tests of the CalDAV test-server harnesses (RadicaleServer, XandikosServer)
// and of CalDavTestClient, against real servers on 127.0.0.1 (Debian
// packages radicale and xandikos). Every test starts its own server. The
// protocol facts asserted here are the ones tests/servers/README.md reports.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "servers/CalDavTestClient.h"
#include "servers/FreePort.h"
#include "servers/RadicaleServer.h"
#include "servers/TestProcess.h"
#include "servers/XandikosServer.h"

namespace {

using kith::testing::CalDavTestClient;
using kith::testing::HttpResponse;
using kith::testing::Multistatus;
using kith::testing::RadicaleOptions;
using kith::testing::RadicaleServer;
using kith::testing::XandikosOptions;
using kith::testing::XandikosServer;
using kith::testing::live_processes_in_group;
using kith::testing::live_processes_matching;
using kith::testing::parse_multistatus;
using kith::testing::parse_xml;

constexpr const char* kUser = "alex";
constexpr const char* kPassword = "secret";

std::string event(const std::string& uid, const std::string& summary, const std::string& day = "20240110") {
  return "BEGIN:VCALENDAR\r\n"
         "VERSION:2.0\r\n"
         "PRODID:-//Kith//Harness test//EN\r\n"
         "BEGIN:VEVENT\r\n"
         "UID:" + uid + "\r\n"
         "DTSTAMP:20240101T000000Z\r\n"
         "DTSTART:" + day + "T100000Z\r\n"
         "DTEND:" + day + "T110000Z\r\n"
         "SUMMARY:" + summary + "\r\n"
         "ATTENDEE;CN=Sam Doe:mailto:sam@example.com\r\n"
         "END:VEVENT\r\n"
         "END:VCALENDAR\r\n";
}

std::string card(const std::string& uid, const std::string& name) {
  return "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Kith//Harness test//EN\r\nUID:" + uid + "\r\nFN:" + name +
         "\r\nN:" + name + ";;;;\r\nEMAIL;TYPE=INTERNET:" + uid + "\r\nEND:VCARD\r\n";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

template <typename T>
std::unique_ptr<T> take(kith::Result<std::unique_ptr<T>>& r) {
  return r ? std::move(r.value()) : nullptr;
}

#define START_RADICALE(var, options)                                   \
  auto var##_result = RadicaleServer::start(options);                  \
  ASSERT_TRUE(var##_result) << var##_result.status().message();        \
  std::unique_ptr<RadicaleServer> var = take(var##_result)

#define START_XANDIKOS(var, options)                                   \
  auto var##_result = XandikosServer::start(options);                  \
  ASSERT_TRUE(var##_result) << var##_result.status().message();        \
  std::unique_ptr<XandikosServer> var = take(var##_result)

// An HTTP answer or a test failure.
#define HTTP_OK(var, call)                                             \
  auto var##_result = (call);                                          \
  ASSERT_TRUE(var##_result) << var##_result.status().message();        \
  const HttpResponse& var = var##_result.value()

#define MULTISTATUS(var, response)                                     \
  auto var##_result = parse_multistatus((response).body);              \
  ASSERT_TRUE(var##_result) << var##_result.status().message() << "\n" << (response).body; \
  const Multistatus& var = var##_result.value()

// Whether the collection at `url` says it is a CardDAV address book.
bool is_addressbook(const CalDavTestClient& dav, const std::string& url) {
  auto answer = dav.propfind_props(url, "0", {"D:resourcetype"});
  if (!answer) return false;
  auto ms = parse_multistatus(answer->body);
  if (!ms || ms->responses.size() != 1) return false;
  const auto type = ms->responses.front().found.find("resourcetype");
  return type != ms->responses.front().found.end() && type->second.child("addressbook") != nullptr;
}

std::set<std::string> hrefs(const Multistatus& ms) {
  std::set<std::string> out;
  for (const auto& r : ms.responses) out.insert(r.href);
  return out;
}

// ===========================================================================
// CalDavTestClient on its own

TEST(CalDavTestClientTest, ParsesPrefixedMultistatus) {
  const std::string xml =
      R"(<?xml version="1.0"?>)"
      R"(<ns0:multistatus xmlns:ns0="DAV:" xmlns:ns1="http://calendarserver.org/ns/"><ns0:response>)"
      R"(<ns0:href>/user/calendars/work/</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status>)"
      R"(<ns0:prop><ns1:getctag>abc</ns1:getctag><ns0:displayname>Tom &amp; Jerry &#x263A;</ns0:displayname>)"
      R"(</ns0:prop></ns0:propstat><ns0:propstat><ns0:status>HTTP/1.1 404 Not Found</ns0:status><ns0:prop>)"
      R"(<ns0:sync-token /></ns0:prop></ns0:propstat></ns0:response><ns0:response><ns0:href>/x.ics</ns0:href>)"
      R"(<ns0:status>HTTP/1.1 404 Not Found</ns0:status></ns0:response>)"
      R"(<ns0:sync-token>tok-1</ns0:sync-token></ns0:multistatus>)";
  auto ms = parse_multistatus(xml);
  ASSERT_TRUE(ms) << ms.status().message();
  EXPECT_EQ(ms->sync_token, "tok-1");
  ASSERT_EQ(ms->responses.size(), 2u);
  const auto& cal = ms->responses[0];
  EXPECT_EQ(cal.href, "/user/calendars/work/");
  EXPECT_EQ(cal.status, 0);
  EXPECT_EQ(cal.prop_text("getctag"), "abc");
  EXPECT_EQ(cal.found.at("getctag").ns, "http://calendarserver.org/ns/");
  EXPECT_EQ(cal.prop_text("displayname"), "Tom & Jerry \xE2\x98\xBA");
  EXPECT_EQ(cal.not_found, std::vector<std::string>{"sync-token"});
  EXPECT_EQ(ms->responses[1].status, 404);
  EXPECT_NE(ms->find("x.ics"), nullptr);
  EXPECT_EQ(ms->find("nope.ics"), nullptr);

  auto bad = parse_xml("<a><b></a>");
  EXPECT_FALSE(bad);
  EXPECT_FALSE(parse_multistatus("<error xmlns=\"DAV:\"/>"));
  auto comp = parse_xml(R"(<C:comp xmlns:C="urn:ietf:params:xml:ns:caldav" name='VEVENT'/>)");
  ASSERT_TRUE(comp);
  EXPECT_EQ(comp->name, "comp");
  EXPECT_EQ(comp->attributes.at("name"), "VEVENT");
}

TEST(CalDavTestClientTest, NoServerIsAnErrorNotAResponse) {
  auto ports = kith::testing::free_loopback_ports(1);
  ASSERT_TRUE(ports);
  CalDavTestClient dav;
  dav.set_timeout(std::chrono::seconds(2));
  auto r = dav.options("http://127.0.0.1:" + std::to_string((*ports)[0]) + "/");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().kind(), kith::ErrorKind::Transient);
}

// ===========================================================================
// Radicale

TEST(RadicaleServerTest, StartsOnLoopbackAndAnswersOptions) {
  START_RADICALE(server, RadicaleOptions{});
  EXPECT_TRUE(server->running());
  EXPECT_GT(server->pid(), 0);
  EXPECT_GT(server->port(), 0);
  EXPECT_EQ(server->dir().rfind("/tmp/kr-", 0), 0u) << server->dir();
  EXPECT_EQ(server->base_url(), "http://127.0.0.1:" + std::to_string(server->port()) + "/");
  EXPECT_EQ(server->calendar_url(kUser, "work"), server->base_url() + "alex/work/");
  EXPECT_TRUE(kith::testing::loopback_port_owned_by_group(server->port(), server->pid()));

  HTTP_OK(options, CalDavTestClient().options(server->base_url()));
  EXPECT_EQ(options.status, 200);
  EXPECT_TRUE(contains(options.header("DAV"), "calendar-access")) << options.header("DAV");
  EXPECT_TRUE(contains(options.header("Allow"), "MKCALENDAR")) << options.header("Allow");
  EXPECT_TRUE(contains(server->log_tail(), "Radicale server ready")) << server->log_tail();
  if (::geteuid() == 0) {
    // As root it runs as nobody.
    std::ifstream status("/proc/" + std::to_string(server->pid()) + "/status");
    std::string line, uid_line;
    while (std::getline(status, line)) {
      if (line.rfind("Uid:", 0) == 0) uid_line = line;
    }
    EXPECT_FALSE(contains(uid_line, "\t0\t")) << uid_line;
  }
}

TEST(RadicaleServerTest, DiscoveryWellKnownPrincipalAndCalendarHome) {
  START_RADICALE(server, RadicaleOptions{});
  CalDavTestClient dav = server->client(kUser);

  HTTP_OK(well_known, dav.get(server->base_url() + ".well-known/caldav"));
  EXPECT_EQ(well_known.status, 301);
  EXPECT_EQ(well_known.location(), "/");
  HTTP_OK(well_known_propfind, dav.propfind_props(server->base_url() + ".well-known/caldav", "0",
                                                  {"D:current-user-principal"}));
  EXPECT_EQ(well_known_propfind.status, 301);

  HTTP_OK(root, dav.propfind_props(server->base_url(), "0", {"D:current-user-principal"}));
  ASSERT_EQ(root.status, 207) << root.body;
  MULTISTATUS(root_ms, root);
  ASSERT_EQ(root_ms.responses.size(), 1u);
  EXPECT_EQ(root_ms.responses[0].found.at("current-user-principal").find_text("href"), "/alex/");

  HTTP_OK(principal, dav.propfind_props(server->principal_url(kUser), "0",
                                        {"C:calendar-home-set", "D:principal-URL", "C:calendar-user-address-set",
                                         "D:resourcetype"}));
  ASSERT_EQ(principal.status, 207) << principal.body;
  MULTISTATUS(principal_ms, principal);
  ASSERT_EQ(principal_ms.responses.size(), 1u);
  const auto& p = principal_ms.responses[0];
  EXPECT_EQ(p.found.at("calendar-home-set").find_text("href"), "/alex/");
  EXPECT_EQ(p.found.at("principal-URL").find_text("href"), "/alex/");
  EXPECT_EQ(p.found.at("calendar-user-address-set").find_text("href"), "/alex/");  // no mailto:
  EXPECT_NE(p.found.at("resourcetype").child("principal"), nullptr);
  EXPECT_NE(p.found.at("resourcetype").child("collection"), nullptr);

  // Without credentials: 401 with a Basic challenge.
  HTTP_OK(anonymous, CalDavTestClient().propfind_props(server->base_url(), "0", {"D:current-user-principal"}));
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_TRUE(contains(anonymous.header("WWW-Authenticate"), "Basic")) << anonymous.header("WWW-Authenticate");
}

TEST(RadicaleServerTest, WrongPasswordIs401) {
  START_RADICALE(server, RadicaleOptions{});
  for (const auto& [user, password] : std::vector<std::pair<std::string, std::string>>{
           {kUser, "wrong"}, {"nobody-here", kPassword}, {kUser, ""}}) {
    HTTP_OK(r, CalDavTestClient(user, password).propfind_props(server->principal_url(kUser), "0",
                                                               {"D:resourcetype"}));
    EXPECT_EQ(r.status, 401) << user << ":" << password << " " << r.body;
  }
  auto t0 = std::chrono::steady_clock::now();
  HTTP_OK(wrong, CalDavTestClient(kUser, "wrong").get(server->principal_url(kUser)));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));  // [auth] delay = 0
  HTTP_OK(right, server->client(kUser).propfind_props(server->principal_url(kUser), "0", {"D:resourcetype"}));
  EXPECT_EQ(right.status, 207);
  // make_calendar etc. as a user the server does not have: an error, no request.
  EXPECT_FALSE(server->make_calendar("bob", "work", "Work"));
}

TEST(RadicaleServerTest, CalendarAndEventLifecycle) {
  START_RADICALE(server, RadicaleOptions{});
  ASSERT_TRUE(server->make_calendar(kUser, "work", "Work & Play"));
  auto again = server->make_calendar(kUser, "work", "Work");
  ASSERT_FALSE(again);
  EXPECT_TRUE(contains(again.message(), "409")) << again.message();
  EXPECT_TRUE(std::filesystem::is_directory(server->collection_dir(kUser, "work")));

  CalDavTestClient dav = server->client(kUser);
  // Depth 1 on the calendar home lists the calendar.
  HTTP_OK(home, dav.propfind_props(server->calendar_home_url(kUser), "1",
                                   {"D:resourcetype", "D:displayname", "CS:getctag", "D:sync-token",
                                    "C:supported-calendar-component-set", "D:supported-report-set"}));
  ASSERT_EQ(home.status, 207) << home.body;
  MULTISTATUS(home_ms, home);
  EXPECT_EQ(hrefs(home_ms), (std::set<std::string>{"/alex/", "/alex/work/"})) << home.body;
  const auto* cal = home_ms.find("/alex/work/");
  ASSERT_NE(cal, nullptr);
  EXPECT_NE(cal->found.at("resourcetype").child("calendar"), nullptr);
  EXPECT_EQ(cal->prop_text("displayname"), "Work & Play");
  const std::string ctag0 = cal->prop_text("getctag");
  EXPECT_EQ(ctag0.front(), '"') << ctag0;  // Radicale quotes its ctag like an ETag
  EXPECT_EQ(cal->prop_text("sync-token").rfind("http://radicale.org/ns/sync/", 0), 0u) << home.body;
  auto comps = cal->found.at("supported-calendar-component-set").find_all("comp");
  ASSERT_EQ(comps.size(), 1u);
  EXPECT_EQ(comps[0]->attributes.at("name"), "VEVENT");
  std::set<std::string> reports;
  for (const auto* r : cal->found.at("supported-report-set").find_all("report")) {
    for (const auto& c : r->children) reports.insert(c.name);
  }
  for (const char* r : {"sync-collection", "calendar-query", "calendar-multiget"}) EXPECT_TRUE(reports.count(r)) << r;
  const auto* principal = home_ms.find("/alex/");
  ASSERT_NE(principal, nullptr);
  EXPECT_TRUE(principal->found.count("resourcetype"));

  // PUT, GET, conditional PUT, DELETE.
  auto etag = server->put_event(kUser, "work", "lunch.ics", event("lunch@kith.test", "Lunch"));
  ASSERT_TRUE(etag) << etag.status().message();
  EXPECT_EQ(etag->front(), '"') << *etag;
  HTTP_OK(got, dav.get(server->event_url(kUser, "work", "lunch.ics")));
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.etag(), *etag);
  EXPECT_TRUE(contains(got.header("Content-Type"), "text/calendar")) << got.header("Content-Type");
  EXPECT_TRUE(contains(got.body, "UID:lunch@kith.test")) << got.body;
  EXPECT_TRUE(contains(got.body, "SUMMARY:Lunch")) << got.body;

  auto stale = server->put_event(kUser, "work", "lunch.ics", event("lunch@kith.test", "Brunch"), "\"nope\"");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.status().kind(), kith::ErrorKind::Item) << stale.status().message();
  HTTP_OK(overwrite, dav.put(server->event_url(kUser, "work", "lunch.ics"), event("lunch@kith.test", "Brunch"), *etag));
  EXPECT_EQ(overwrite.status, 201);  // Radicale: 201 for a replaced item too
  EXPECT_NE(overwrite.etag(), *etag);
  HTTP_OK(create_only, dav.put(server->event_url(kUser, "work", "lunch.ics"), event("lunch@kith.test", "X"), "", true));
  EXPECT_EQ(create_only.status, 412);
  HTTP_OK(invalid, dav.put(server->event_url(kUser, "work", "bad.ics"), "hello"));
  EXPECT_EQ(invalid.status, 400) << invalid.body;

  HTTP_OK(after, dav.propfind_props(server->calendar_url(kUser, "work"), "0", {"CS:getctag"}));
  MULTISTATUS(after_ms, after);
  ASSERT_EQ(after_ms.responses.size(), 1u);
  EXPECT_NE(after_ms.responses[0].prop_text("getctag"), ctag0);

  ASSERT_TRUE(server->delete_event(kUser, "work", "lunch.ics"));
  HTTP_OK(gone, dav.get(server->event_url(kUser, "work", "lunch.ics")));
  EXPECT_EQ(gone.status, 404);
  auto twice = server->delete_event(kUser, "work", "lunch.ics");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.kind(), kith::ErrorKind::Item) << twice.message();
}

TEST(RadicaleServerTest, SyncCollectionReturnsTokenThenChanges) {
  START_RADICALE(server, RadicaleOptions{});
  ASSERT_TRUE(server->make_calendar(kUser, "work", "Work"));
  ASSERT_TRUE(server->put_event(kUser, "work", "a.ics", event("a@kith.test", "A")));
  ASSERT_TRUE(server->put_event(kUser, "work", "b.ics", event("b@kith.test", "B")));
  CalDavTestClient dav = server->client(kUser);
  const std::string url = server->calendar_url(kUser, "work");

  HTTP_OK(initial, dav.sync_collection(url, ""));
  ASSERT_EQ(initial.status, 207) << initial.body;
  MULTISTATUS(first, initial);
  EXPECT_EQ(first.sync_token.rfind("http://radicale.org/ns/sync/", 0), 0u) << initial.body;
  EXPECT_EQ(hrefs(first), (std::set<std::string>{"/alex/work/a.ics", "/alex/work/b.ics"}));
  for (const auto& r : first.responses) EXPECT_FALSE(r.prop_text("getetag").empty()) << r.href;

  ASSERT_TRUE(server->put_event(kUser, "work", "c.ics", event("c@kith.test", "C")));
  ASSERT_TRUE(server->put_event(kUser, "work", "a.ics", event("a@kith.test", "A changed")));
  ASSERT_TRUE(server->delete_event(kUser, "work", "b.ics"));

  HTTP_OK(delta, dav.sync_collection(url, first.sync_token));
  ASSERT_EQ(delta.status, 207) << delta.body;
  MULTISTATUS(second, delta);
  EXPECT_NE(second.sync_token, first.sync_token);
  EXPECT_EQ(hrefs(second), (std::set<std::string>{"/alex/work/a.ics", "/alex/work/b.ics", "/alex/work/c.ics"}));
  const auto* removed = second.find("/alex/work/b.ics");
  ASSERT_NE(removed, nullptr);
  EXPECT_EQ(removed->status, 404);  // a removal: <status> directly in the response
  EXPECT_TRUE(removed->found.empty());
  EXPECT_FALSE(second.find("/alex/work/c.ics")->prop_text("getetag").empty());

  HTTP_OK(nothing, dav.sync_collection(url, second.sync_token));
  MULTISTATUS(third, nothing);
  EXPECT_EQ(third.sync_token, second.sync_token);
  EXPECT_TRUE(third.responses.empty()) << nothing.body;

  // Unknown or malformed token: 403 <D:valid-sync-token/>.
  for (const std::string& token : {std::string("http://radicale.org/ns/sync/") + std::string(64, '0'), std::string("x")}) {
    HTTP_OK(invalid, dav.sync_collection(url, token));
    EXPECT_EQ(invalid.status, 403) << token;
    auto err = parse_xml(invalid.body);
    ASSERT_TRUE(err) << invalid.body;
    EXPECT_EQ(err->name, "error");
    EXPECT_NE(err->child("valid-sync-token"), nullptr) << invalid.body;
  }
  // Sync-collection on the calendar home (not a calendar): 403 <D:supported-report/>.
  HTTP_OK(on_home, dav.sync_collection(server->calendar_home_url(kUser), ""));
  EXPECT_EQ(on_home.status, 403);
  EXPECT_TRUE(contains(on_home.body, "supported-report")) << on_home.body;

  // A token the server has forgotten (as after max_sync_token_age): 403 too,
  // once the calendar has changed (the current state's token is recomputed
  // from the items, so it never expires).
  ASSERT_TRUE(server->expire_sync_tokens(kUser, "work"));
  HTTP_OK(current, dav.sync_collection(url, second.sync_token));
  EXPECT_EQ(current.status, 207) << current.body;
  ASSERT_TRUE(server->expire_sync_tokens(kUser, "work"));
  ASSERT_TRUE(server->put_event(kUser, "work", "d.ics", event("d@kith.test", "D")));
  HTTP_OK(expired, dav.sync_collection(url, second.sync_token));
  EXPECT_EQ(expired.status, 403) << expired.body;
  EXPECT_TRUE(contains(expired.body, "valid-sync-token")) << expired.body;
  HTTP_OK(restart_sync, dav.sync_collection(url, ""));
  EXPECT_EQ(restart_sync.status, 207);
}

TEST(RadicaleServerTest, UsersSeeOnlyTheirOwnCollections) {
  RadicaleOptions options;
  options.users = {{"alex", "secret"}, {"bob", "hunter2"}};
  START_RADICALE(server, options);
  ASSERT_TRUE(server->make_calendar("alex", "work", "Work"));
  ASSERT_TRUE(server->make_calendar("bob", "home", "Home"));
  ASSERT_TRUE(server->put_event("alex", "work", "a.ics", event("a@kith.test", "A")));
  HTTP_OK(bob_on_alex, server->client("bob").propfind_props(server->calendar_url("alex", "work"), "1",
                                                            {"D:getetag"}));
  EXPECT_EQ(bob_on_alex.status, 403) << bob_on_alex.body;
  HTTP_OK(bob_get, server->client("bob").get(server->event_url("alex", "work", "a.ics")));
  EXPECT_EQ(bob_get.status, 403);
  HTTP_OK(bob_home, server->client("bob").propfind_props(server->calendar_home_url("bob"), "1", {"D:resourcetype"}));
  MULTISTATUS(ms, bob_home);
  EXPECT_EQ(hrefs(ms), (std::set<std::string>{"/bob/", "/bob/home/"}));
}

TEST(RadicaleServerTest, SeedEventsIsFastAndVisibleToSync) {
  RadicaleOptions seed_options;
  // tmpfs: Radicale fsyncs every item cache file it writes (not configurable
  // from a config file); on ext4 under load that triples the time.
  if (std::filesystem::is_directory("/dev/shm")) seed_options.parent_dir = "/dev/shm";
  START_RADICALE(server, seed_options);
  ASSERT_TRUE(server->make_calendar(kUser, "big", "Big"));
  ASSERT_TRUE(server->put_event(kUser, "big", "first.ics", event("first@kith.test", "First")));
  CalDavTestClient dav = server->client(kUser);
  const std::string url = server->calendar_url(kUser, "big");
  HTTP_OK(before, dav.sync_collection(url, ""));
  MULTISTATUS(before_ms, before);

  constexpr int kEvents = 2000;
  std::vector<std::pair<std::string, std::string>> events;
  for (int i = 0; i < kEvents; ++i) {
    events.emplace_back("e" + std::to_string(i) + ".ics",
                        event("e" + std::to_string(i) + "@kith.test", "Event " + std::to_string(i)));
  }
  auto t0 = std::chrono::steady_clock::now();
  auto st = server->seed_events(kUser, "big", events);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(st) << st.message();
  std::cout << "[ timing ] Radicale seed_events(" << kEvents << ") " << seconds << " s\n";
  EXPECT_LT(seconds, 60.0);

  HTTP_OK(delta, dav.sync_collection(url, before_ms.sync_token));
  ASSERT_EQ(delta.status, 207);
  MULTISTATUS(delta_ms, delta);
  EXPECT_EQ(delta_ms.responses.size(), static_cast<std::size_t>(kEvents));
  HTTP_OK(got, dav.get(server->event_url(kUser, "big", "e1234.ics")));
  EXPECT_EQ(got.status, 200);
  EXPECT_TRUE(contains(got.body, "SUMMARY:Event 1234"));
  // Ordinary requests still work afterwards (the lock is released).
  ASSERT_TRUE(server->put_event(kUser, "big", "last.ics", event("last@kith.test", "Last")));
  // A calendar that does not exist yet is made first.
  ASSERT_TRUE(server->seed_events(kUser, "fresh", {{"x.ics", event("x@kith.test", "X")}}));
  HTTP_OK(fresh, dav.get(server->event_url(kUser, "fresh", "x.ics")));
  EXPECT_EQ(fresh.status, 200);
  // Bad names are refused before anything is written.
  EXPECT_FALSE(server->seed_events(kUser, "big", {{"../escape.ics", event("y@kith.test", "Y")}}));
  EXPECT_FALSE(server->seed_events(kUser, "big", {{".hidden", event("y@kith.test", "Y")}}));
}

// The address book must exist first: seed_events would make a calendar.
TEST(RadicaleServerTest, SeedEventsFillsAnAddressBookToo) {
  START_RADICALE(server, RadicaleOptions{});
  ASSERT_TRUE(server->make_addressbook(kUser, "friends", "Friends"));
  auto st = server->seed_events(kUser, "friends",
                                {{"ann.vcf", card("ann@kith.test", "Ann Lee")}, {"bob.vcf", card("bob@kith.test", "Bob Roe")}});
  ASSERT_TRUE(st) << st.message();
  CalDavTestClient dav = server->client(kUser);
  const std::string url = server->calendar_url(kUser, "friends");
  EXPECT_TRUE(is_addressbook(dav, url));
  HTTP_OK(listing, dav.sync_collection(url, ""));
  MULTISTATUS(listing_ms, listing);
  EXPECT_EQ(listing_ms.responses.size(), 2u);
  HTTP_OK(got, dav.get(url + "bob.vcf"));
  EXPECT_EQ(got.status, 200);
  EXPECT_TRUE(contains(got.body, "FN:Bob Roe"));
}

TEST(RadicaleServerTest, WithoutSyncCollectionOnlyCtagAndEtagRemain) {
  RadicaleOptions options;
  options.sync_collection = false;
  START_RADICALE(server, options);
  ASSERT_TRUE(server->make_calendar(kUser, "work", "Work"));
  ASSERT_TRUE(server->put_event(kUser, "work", "a.ics", event("a@kith.test", "A")));
  CalDavTestClient dav = server->client(kUser);
  const std::string url = server->calendar_url(kUser, "work");

  HTTP_OK(props, dav.propfind_props(url, "0", {"D:sync-token", "CS:getctag", "D:supported-report-set",
                                               "D:displayname"}));
  ASSERT_EQ(props.status, 207) << props.body;
  MULTISTATUS(ms, props);
  ASSERT_EQ(ms.responses.size(), 1u);
  const auto& cal = ms.responses[0];
  EXPECT_EQ(cal.not_found, std::vector<std::string>{"sync-token"}) << props.body;
  EXPECT_FALSE(cal.prop_text("getctag").empty()) << props.body;
  EXPECT_EQ(cal.prop_text("displayname"), "Work");
  EXPECT_FALSE(contains(props.body, "sync-collection")) << props.body;
  EXPECT_TRUE(contains(props.body, "calendar-query")) << props.body;

  HTTP_OK(only_token, dav.propfind_props(url, "0", {"D:sync-token"}));
  MULTISTATUS(only_ms, only_token);
  ASSERT_EQ(only_ms.responses.size(), 1u);
  EXPECT_EQ(only_ms.responses[0].not_found, std::vector<std::string>{"sync-token"}) << only_token.body;

  HTTP_OK(allprop, dav.propfind(url, "0"));
  EXPECT_EQ(allprop.status, 207);
  EXPECT_FALSE(contains(allprop.body, "sync-token")) << allprop.body;
  EXPECT_TRUE(contains(allprop.body, "getctag")) << allprop.body;

  HTTP_OK(sync, dav.sync_collection(url, ""));
  EXPECT_EQ(sync.status, 403);
  EXPECT_TRUE(contains(sync.body, "supported-report")) << sync.body;

  // The fallback path: Depth 1 etags, then calendar-multiget.
  HTTP_OK(etags, dav.propfind_props(url, "1", {"D:getetag"}));
  MULTISTATUS(etags_ms, etags);
  const auto* item = etags_ms.find("/alex/work/a.ics");
  ASSERT_NE(item, nullptr);
  EXPECT_FALSE(item->prop_text("getetag").empty());
  HTTP_OK(multiget, dav.report(url, "1",
                               R"(<?xml version="1.0" encoding="utf-8"?>)"
                               R"(<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">)"
                               R"(<D:prop><D:getetag/><C:calendar-data/></D:prop><D:href>/alex/work/a.ics</D:href>)"
                               R"(</C:calendar-multiget>)"));
  ASSERT_EQ(multiget.status, 207) << multiget.body;
  EXPECT_TRUE(contains(multiget.body, "UID:a@kith.test")) << multiget.body;
  EXPECT_TRUE(contains(server->log_tail(), "Radicale server ready"));
}

TEST(RadicaleServerTest, StopRestartKeepDataAndLeaveNoProcess) {
  START_RADICALE(server, RadicaleOptions{});
  ASSERT_TRUE(server->make_calendar(kUser, "work", "Work"));
  ASSERT_TRUE(server->put_event(kUser, "work", "a.ics", event("a@kith.test", "A")));
  const pid_t pid = server->pid();
  const int port = server->port();
  const std::string dir = server->dir();
  EXPECT_EQ(live_processes_in_group(pid).size(), 1u);  // one Python process (threads, no forks)
  EXPECT_EQ(live_processes_matching(dir).size(), 1u);

  ASSERT_TRUE(server->stop());
  EXPECT_FALSE(server->running());
  EXPECT_EQ(server->pid(), -1);
  EXPECT_TRUE(live_processes_in_group(pid).empty());
  EXPECT_TRUE(live_processes_matching(dir).empty());
  EXPECT_FALSE(kith::testing::can_connect_loopback(port));
  EXPECT_TRUE(server->stop());  // twice is fine

  ASSERT_TRUE(server->restart());
  EXPECT_EQ(server->port(), port);
  HTTP_OK(got, server->client(kUser).get(server->event_url(kUser, "work", "a.ics")));
  EXPECT_EQ(got.status, 200);

  const pid_t pid2 = server->pid();
  ASSERT_TRUE(server->kill_hard());
  EXPECT_TRUE(live_processes_in_group(pid2).empty());
  ASSERT_TRUE(server->restart());
  HTTP_OK(again, server->client(kUser).get(server->event_url(kUser, "work", "a.ics")));
  EXPECT_EQ(again.status, 200);

  const pid_t pid3 = server->pid();
  server.reset();
  EXPECT_TRUE(live_processes_in_group(pid3).empty());
  EXPECT_TRUE(live_processes_matching(dir).empty());
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(RadicaleServerTest, StartFailureReportsLogTailAndLeavesNothing) {
  RadicaleOptions options;
  options.extra_config = "[storage]\nkith_no_such_option = 1\n";
  auto server = RadicaleServer::start(options);
  ASSERT_FALSE(server);
  const std::string msg = server.status().message();
  EXPECT_TRUE(contains(msg, "kith_no_such_option")) << msg;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(msg, m, std::regex(R"(/tmp/kr-[A-Za-z0-9]{6})"))) << msg;
  EXPECT_FALSE(std::filesystem::exists(m[0].str())) << m[0];
  EXPECT_TRUE(live_processes_matching(m[0].str()).empty());

  RadicaleOptions bad_user;
  bad_user.users = {{"a:b", "x"}};
  EXPECT_FALSE(RadicaleServer::start(bad_user));
}

TEST(RadicaleServerTest, ExtraConfigIsReadAfterTheGeneratedOne) {
  RadicaleOptions options;
  // Same section as the generated config: a second file, so no duplicate-section error.
  options.extra_config = "[auth]\nrealm = Kith extra realm\n";
  START_RADICALE(server, options);
  HTTP_OK(r, CalDavTestClient().get(server->principal_url(kUser)));
  EXPECT_EQ(r.status, 401);
  EXPECT_TRUE(contains(r.header("WWW-Authenticate"), "Kith extra realm")) << r.header("WWW-Authenticate");
}

TEST(RadicaleServerTest, TwoServersAreIndependent) {
  START_RADICALE(a, RadicaleOptions{});
  START_RADICALE(b, RadicaleOptions{});
  EXPECT_NE(a->port(), b->port());
  EXPECT_NE(a->dir(), b->dir());
  ASSERT_TRUE(a->make_calendar(kUser, "work", "Work"));
  HTTP_OK(in_b, b->client(kUser).propfind_props(b->calendar_url(kUser, "work"), "0", {"D:resourcetype"}));
  EXPECT_EQ(in_b.status, 404);
}

// ===========================================================================
// Xandikos

TEST(XandikosServerTest, StartsAndAnswersDiscovery) {
  START_XANDIKOS(server, XandikosOptions{});
  EXPECT_TRUE(server->running());
  EXPECT_GT(server->pid(), 0);
  EXPECT_EQ(server->dir().rfind("/tmp/kx-", 0), 0u) << server->dir();
  EXPECT_EQ(server->principal_url(), server->base_url() + "user/");
  EXPECT_EQ(server->calendar_url("work"), server->base_url() + "user/calendars/work/");
  CalDavTestClient dav = server->client();

  HTTP_OK(options, dav.options(server->base_url()));
  EXPECT_EQ(options.status, 200);
  EXPECT_TRUE(contains(options.header("DAV"), "sync-collection")) << options.header("DAV");
  EXPECT_TRUE(contains(options.header("DAV"), "calendar-access")) << options.header("DAV");

  HTTP_OK(well_known, dav.get(server->base_url() + ".well-known/caldav"));
  EXPECT_EQ(well_known.status, 302);
  EXPECT_EQ(well_known.location(), "/");

  HTTP_OK(root, dav.propfind_props(server->base_url(), "0", {"D:current-user-principal"}));
  ASSERT_EQ(root.status, 207) << root.body;
  MULTISTATUS(root_ms, root);
  ASSERT_EQ(root_ms.responses.size(), 1u);
  EXPECT_EQ(root_ms.responses[0].found.at("current-user-principal").find_text("href"), "/user/");

  HTTP_OK(principal, dav.propfind_props(server->principal_url(), "0",
                                        {"C:calendar-home-set", "D:principal-URL", "D:resourcetype"}));
  ASSERT_EQ(principal.status, 207) << principal.body;
  MULTISTATUS(p_ms, principal);
  ASSERT_EQ(p_ms.responses.size(), 1u);
  EXPECT_EQ(p_ms.responses[0].found.at("calendar-home-set").find_text("href"), "/user/calendars/");
  EXPECT_EQ(p_ms.responses[0].found.at("principal-URL").find_text("href"), "/user/");
  EXPECT_NE(p_ms.responses[0].found.at("resourcetype").child("principal"), nullptr);

  // Xandikos insists on an XML Content-Type.
  HTTP_OK(untyped, dav.send({"PROPFIND", server->principal_url(), "<?xml version=\"1.0\"?><propfind xmlns=\"DAV:\">"
                             "<prop><resourcetype/></prop></propfind>", "", {"Depth: 0"}, false}));
  EXPECT_EQ(untyped.status, 415);
  // No authentication: wrong credentials change nothing.
  HTTP_OK(with_auth, CalDavTestClient("alex", "wrong").propfind_props(server->principal_url(), "0",
                                                                      {"D:resourcetype"}));
  EXPECT_EQ(with_auth.status, 207);

  // --autocreate only: an empty calendar home.
  HTTP_OK(home, dav.propfind_props(server->calendar_home_url(), "1", {"D:resourcetype"}));
  MULTISTATUS(home_ms, home);
  EXPECT_EQ(hrefs(home_ms), (std::set<std::string>{"/user/calendars/"})) << home.body;
}

TEST(XandikosServerTest, CalendarAndEventLifecycle) {
  START_XANDIKOS(server, XandikosOptions{});
  ASSERT_TRUE(server->make_calendar("work", "Work"));
  auto again = server->make_calendar("work", "Work");
  ASSERT_FALSE(again);
  EXPECT_TRUE(contains(again.message(), "resource-must-be-null")) << again.message();
  CalDavTestClient dav = server->client();

  HTTP_OK(home, dav.propfind_props(server->calendar_home_url(), "1",
                                   {"D:resourcetype", "D:displayname", "CS:getctag", "D:sync-token",
                                    "C:supported-calendar-component-set", "D:supported-report-set"}));
  ASSERT_EQ(home.status, 207) << home.body;
  MULTISTATUS(home_ms, home);
  EXPECT_EQ(hrefs(home_ms), (std::set<std::string>{"/user/calendars/", "/user/calendars/work/"})) << home.body;
  const auto* cal = home_ms.find("/user/calendars/work/");
  ASSERT_NE(cal, nullptr);
  EXPECT_NE(cal->found.at("resourcetype").child("calendar"), nullptr);
  EXPECT_EQ(cal->prop_text("displayname"), "Work");
  const std::string ctag0 = cal->prop_text("getctag");
  EXPECT_FALSE(ctag0.empty());
  EXPECT_NE(ctag0.front(), '"');                     // unquoted, unlike Radicale's
  EXPECT_EQ(cal->prop_text("sync-token"), ctag0);    // both are the git tree id
  EXPECT_EQ(cal->found.at("supported-calendar-component-set").find_all("comp").size(), 4u);
  // supported-report-set without the <report> wrapper RFC 3253 has.
  EXPECT_NE(cal->found.at("supported-report-set").find_all("sync-collection").size(), 0u) << home.body;
  EXPECT_TRUE(cal->found.at("supported-report-set").find_all("report").empty()) << home.body;

  auto etag = server->put_event("work", "lunch.ics", event("lunch@kith.test", "Lunch"));
  ASSERT_TRUE(etag) << etag.status().message();
  HTTP_OK(got, dav.get(server->event_url("work", "lunch.ics")));
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.etag(), *etag);
  EXPECT_TRUE(contains(got.body, "UID:lunch@kith.test")) << got.body;

  auto stale = server->put_event("work", "lunch.ics", event("lunch@kith.test", "Brunch"), "\"nope\"");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.status().kind(), kith::ErrorKind::Item);
  HTTP_OK(overwrite, dav.put(server->event_url("work", "lunch.ics"), event("lunch@kith.test", "Brunch"), *etag));
  EXPECT_EQ(overwrite.status, 204);
  EXPECT_NE(overwrite.etag(), *etag);
  HTTP_OK(create_only, dav.put(server->event_url("work", "lunch.ics"), event("lunch@kith.test", "X"), "", true));
  EXPECT_EQ(create_only.status, 412);
  HTTP_OK(invalid, dav.put(server->event_url("work", "bad.ics"), "hello"));
  EXPECT_EQ(invalid.status, 207);
  EXPECT_TRUE(contains(invalid.body, "valid-calendar-data")) << invalid.body;

  HTTP_OK(after, dav.propfind_props(server->calendar_url("work"), "0", {"CS:getctag"}));
  MULTISTATUS(after_ms, after);
  ASSERT_EQ(after_ms.responses.size(), 1u);
  EXPECT_NE(after_ms.responses[0].prop_text("getctag"), ctag0);

  ASSERT_TRUE(server->delete_event("work", "lunch.ics"));
  HTTP_OK(gone, dav.get(server->event_url("work", "lunch.ics")));
  EXPECT_EQ(gone.status, 404);
  EXPECT_FALSE(server->delete_event("work", "lunch.ics"));
}

TEST(XandikosServerTest, SyncCollectionReturnsTokenThenChanges) {
  START_XANDIKOS(server, XandikosOptions{});
  ASSERT_TRUE(server->make_calendar("work", "Work"));
  ASSERT_TRUE(server->put_event("work", "a.ics", event("a@kith.test", "A")));
  ASSERT_TRUE(server->put_event("work", "b.ics", event("b@kith.test", "B")));
  CalDavTestClient dav = server->client();
  const std::string url = server->calendar_url("work");

  HTTP_OK(initial, dav.sync_collection(url, ""));
  ASSERT_EQ(initial.status, 207) << initial.body;
  MULTISTATUS(first, initial);
  EXPECT_FALSE(first.sync_token.empty());
  EXPECT_EQ(hrefs(first), (std::set<std::string>{"/user/calendars/work/a.ics", "/user/calendars/work/b.ics"}));

  ASSERT_TRUE(server->put_event("work", "c.ics", event("c@kith.test", "C")));
  ASSERT_TRUE(server->put_event("work", "a.ics", event("a@kith.test", "A changed")));
  ASSERT_TRUE(server->delete_event("work", "b.ics"));

  HTTP_OK(delta, dav.sync_collection(url, first.sync_token));
  ASSERT_EQ(delta.status, 207) << delta.body;
  MULTISTATUS(second, delta);
  EXPECT_NE(second.sync_token, first.sync_token);
  EXPECT_EQ(hrefs(second), (std::set<std::string>{"/user/calendars/work/a.ics", "/user/calendars/work/b.ics",
                                                  "/user/calendars/work/c.ics"}));
  EXPECT_EQ(second.find("/user/calendars/work/b.ics")->status, 404);

  HTTP_OK(nothing, dav.sync_collection(url, second.sync_token));
  MULTISTATUS(third, nothing);
  EXPECT_TRUE(third.responses.empty()) << nothing.body;
  EXPECT_EQ(third.sync_token, second.sync_token);

  // An unknown token is a server error (an unhandled exception), not 403 valid-sync-token.
  HTTP_OK(unknown, dav.sync_collection(url, std::string(40, '1')));
  EXPECT_EQ(unknown.status, 500) << unknown.body;
}

TEST(XandikosServerTest, SeedEventsIsOneCommitAndVisibleToSync) {
  START_XANDIKOS(server, XandikosOptions{});
  ASSERT_TRUE(server->make_calendar("big", "Big"));
  ASSERT_TRUE(server->put_event("big", "first.ics", event("first@kith.test", "First")));
  CalDavTestClient dav = server->client();
  const std::string url = server->calendar_url("big");
  HTTP_OK(before, dav.sync_collection(url, ""));
  MULTISTATUS(before_ms, before);

  constexpr int kEvents = 1000;
  std::vector<std::pair<std::string, std::string>> events;
  for (int i = 0; i < kEvents; ++i) {
    events.emplace_back("e" + std::to_string(i) + ".ics",
                        event("e" + std::to_string(i) + "@kith.test", "Event " + std::to_string(i)));
  }
  auto t0 = std::chrono::steady_clock::now();
  auto st = server->seed_events("big", events);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(st) << st.message();
  std::cout << "[ timing ] Xandikos seed_events(" << kEvents << ") " << seconds << " s\n";
  EXPECT_LT(seconds, 60.0);

  HTTP_OK(delta, dav.sync_collection(url, before_ms.sync_token));
  ASSERT_EQ(delta.status, 207) << delta.body;
  MULTISTATUS(delta_ms, delta);
  EXPECT_EQ(delta_ms.responses.size(), static_cast<std::size_t>(kEvents));
  HTTP_OK(got, dav.get(server->event_url("big", "e999.ics")));
  EXPECT_EQ(got.status, 200);
  EXPECT_TRUE(contains(got.body, "SUMMARY:Event 999"));
  EXPECT_FALSE(got.etag().empty());
  // Xandikos keeps working on the repository git wrote to.
  ASSERT_TRUE(server->put_event("big", "last.ics", event("last@kith.test", "Last")));
  ASSERT_TRUE(server->delete_event("big", "e0.ics"));
  HTTP_OK(all, dav.sync_collection(url, ""));
  MULTISTATUS(all_ms, all);
  EXPECT_EQ(all_ms.responses.size(), static_cast<std::size_t>(kEvents) + 1);
  // A calendar that does not exist yet is made first.
  ASSERT_TRUE(server->seed_events("fresh", {{"x.ics", event("x@kith.test", "X")}}));
  HTTP_OK(fresh, dav.get(server->event_url("fresh", "x.ics")));
  EXPECT_EQ(fresh.status, 200);
}

TEST(XandikosServerTest, SeedCardsFillAnAddressBookMadeIfNeeded) {
  START_XANDIKOS(server, XandikosOptions{});
  auto st = server->seed_cards("friends",
                               {{"ann.vcf", card("ann@kith.test", "Ann Lee")}, {"bob.vcf", card("bob@kith.test", "Bob Roe")}});
  ASSERT_TRUE(st) << st.message();
  EXPECT_TRUE(std::filesystem::is_directory(server->addressbook_dir("friends")));
  CalDavTestClient dav = server->client();
  const std::string url = server->addressbook_url("friends");
  EXPECT_TRUE(is_addressbook(dav, url));
  HTTP_OK(listing, dav.sync_collection(url, ""));
  MULTISTATUS(listing_ms, listing);
  EXPECT_EQ(listing_ms.responses.size(), 2u);
  HTTP_OK(got, dav.get(url + "bob.vcf"));
  EXPECT_EQ(got.status, 200);
  EXPECT_TRUE(contains(got.body, "FN:Bob Roe"));
  // Xandikos keeps working on the repository: a PUT after the seeding.
  ASSERT_TRUE(server->put_card("friends", "cy.vcf", card("cy@kith.test", "Cy Young")));
}

TEST(XandikosServerTest, DefaultsCreateTheDefaultCalendar) {
  XandikosOptions options;
  options.defaults = true;
  START_XANDIKOS(server, options);
  HTTP_OK(home, server->client().propfind_props(server->calendar_home_url(), "1", {"D:resourcetype"}));
  MULTISTATUS(ms, home);
  EXPECT_EQ(hrefs(ms), (std::set<std::string>{"/user/calendars/", "/user/calendars/calendar/"})) << home.body;
}

TEST(XandikosServerTest, StopRestartKeepDataAndLeaveNoProcess) {
  START_XANDIKOS(server, XandikosOptions{});
  ASSERT_TRUE(server->make_calendar("work", "Work"));
  ASSERT_TRUE(server->put_event("work", "a.ics", event("a@kith.test", "A")));
  const pid_t pid = server->pid();
  const int port = server->port();
  const std::string dir = server->dir();
  EXPECT_EQ(live_processes_in_group(pid).size(), 1u);
  EXPECT_EQ(live_processes_matching(dir).size(), 1u);

  ASSERT_TRUE(server->stop());
  EXPECT_FALSE(server->running());
  EXPECT_TRUE(live_processes_in_group(pid).empty());
  EXPECT_TRUE(live_processes_matching(dir).empty());
  EXPECT_FALSE(kith::testing::can_connect_loopback(port));

  ASSERT_TRUE(server->restart());
  EXPECT_EQ(server->port(), port);
  HTTP_OK(got, server->client().get(server->event_url("work", "a.ics")));
  EXPECT_EQ(got.status, 200);

  const pid_t pid2 = server->pid();
  ASSERT_TRUE(server->kill_hard());
  EXPECT_TRUE(live_processes_in_group(pid2).empty());
  ASSERT_TRUE(server->restart());
  HTTP_OK(again, server->client().get(server->event_url("work", "a.ics")));
  EXPECT_EQ(again.status, 200);

  const pid_t pid3 = server->pid();
  server.reset();
  EXPECT_TRUE(live_processes_in_group(pid3).empty());
  EXPECT_TRUE(live_processes_matching(dir).empty());
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(XandikosServerTest, BadOptionsFailWithoutLeftovers) {
  XandikosOptions options;
  options.principal = "/a b/";
  EXPECT_FALSE(XandikosServer::start(options));
  options = {};
  options.parent_dir = "/nonexistent-kith-dir";
  auto r = XandikosServer::start(options);
  ASSERT_FALSE(r);
  EXPECT_TRUE(contains(r.status().message(), "mkdtemp")) << r.status().message();
}

}  // namespace
