// A sync-collection that asks for each event's calendar-data (the listing
// is the fetch), against scripted servers on 127.0.0.1 that send it, send
// it for some members only, ignore it, or refuse the request: every way
// ends with every event read, and the multiget only for what the listing
// did not bring.
#include <gtest/gtest.h>

#include <algorithm>
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

using kith::testing::RecordedRequest;
using kith::testing::ScriptedHttpServer;
using kith::testing::ScriptedResponse;

using dav::event;
using dav::kHead;
using dav::response;

constexpr std::size_t kEvents = 5;

std::string href(std::size_t i) { return "/h/cal/e" + std::to_string(i) + ".ics"; }
std::string etag(std::size_t i) { return "<d:getetag>\"" + std::to_string(i) + "\"</d:getetag>"; }
std::string data(std::size_t i) { return "<c:calendar-data>" + event(i) + "</c:calendar-data>"; }

// Discovery to /h/cal/, which announces sync-collection.
std::vector<ScriptedResponse> discovery() {
  return {{"PROPFIND", "/", 207,
           std::string(kHead) + response("/", "<d:current-user-principal><d:href>/p/</d:href></d:current-user-principal>") +
               "</d:multistatus>"},
          {"PROPFIND", "/p/", 207,
           std::string(kHead) + response("/p/", "<c:calendar-home-set><d:href>/h/</d:href></c:calendar-home-set>") +
               "</d:multistatus>"},
          {"PROPFIND", "/h/", 207,
           std::string(kHead) + response("/h/", "<d:resourcetype><d:collection/></d:resourcetype>") +
               response("/h/cal/",
                        "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>Work</d:displayname>"
                        "<d:supported-report-set><d:supported-report><d:report><d:sync-collection/></d:report>"
                        "</d:supported-report></d:supported-report-set>") +
               "</d:multistatus>"}};
}

// A sync-collection answer: the last `with_data` members with their data,
// the others (first) with etags only.
std::string listing(std::size_t with_data) {
  std::string out = kHead;
  for (std::size_t i = 0; i < kEvents; ++i)
    out += response(href(i), etag(i) + (i + with_data >= kEvents ? data(i) : ""));
  return out + "<d:sync-token>http://example.org/sync/1</d:sync-token></d:multistatus>";
}

// A multiget answer with every event, whatever was asked: the client keeps
// as many as it asked for, from the first.
std::string multiget() {
  std::string out = kHead;
  for (std::size_t i = 0; i < kEvents; ++i) out += response(href(i), etag(i) + data(i));
  return out + "</d:multistatus>";
}

// The text only a sync-collection that asks for calendar-data holds.
constexpr const char* kAsksForData = "<d:getetag/>\n    <c:calendar-data/>\n  </d:prop>\n</d:sync-collection>";

ScriptedResponse report(int status, std::string body, std::string match) {
  ScriptedResponse r{"REPORT", "/h/cal/", status, std::move(body)};
  r.match_body = std::move(match);
  return r;
}

class ListingData : public ScriptedCalDavTest {
 protected:
  void start(std::vector<ScriptedResponse> reports) {
    auto script = discovery();
    script.insert(script.end(), reports.begin(), reports.end());
    serve(std::move(script));
  }

  // The REPORTs the server got, in order: "sync+data", "sync", "query" or
  // "multiget".
  std::vector<std::string> reports() {
    std::vector<std::string> out;
    for (const RecordedRequest& r : srv->requests())
      if (r.method == "REPORT") out.push_back(r.body.find("calendar-multiget") != std::string::npos ? "multiget"
                                              : r.body.find("calendar-query") != std::string::npos  ? "query"
                                              : r.body.find(kAsksForData) != std::string::npos      ? "sync+data"
                                                                                                      : "sync");
    return out;
  }

};

TEST_F(ListingData, TheListingIsTheFetch) {
  start({report(207, listing(kEvents), "sync-collection"), report(207, multiget(), "calendar-multiget")});
  const ProcessResult r = kith({"sync"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(people_met(), kEvents);
  EXPECT_EQ(reports(), std::vector<std::string>{"sync+data"});
}

TEST_F(ListingData, MembersWithoutTheirDataAreFetchedByMultiget) {
  start({report(207, listing(2), "sync-collection"), report(207, multiget(), "calendar-multiget")});
  const ProcessResult r = kith({"sync"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(people_met(), kEvents);
  EXPECT_EQ(reports(), (std::vector<std::string>{"sync+data", "multiget"}));
}

TEST_F(ListingData, AServerThatIgnoresTheDataIsAskedByMultiget) {
  start({report(207, listing(0), "sync-collection"), report(207, multiget(), "calendar-multiget")});
  const ProcessResult r = kith({"sync"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(people_met(), kEvents);
  EXPECT_EQ(reports(), (std::vector<std::string>{"sync+data", "multiget"}));
}

TEST_F(ListingData, AServerThatRefusesTheDataIsAskedForEtagsOnly) {
  for (const int refusal : {400, 403, 500, 501}) {
    SCOPED_TRACE(refusal);
    std::filesystem::remove(dir / "h.db");
    start({report(refusal, "", kAsksForData), report(207, listing(kEvents), "sync-collection"),
           report(207, multiget(), "calendar-multiget")});
    const ProcessResult r = kith({"--log-level", "info", "sync"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(people_met(), kEvents);
    EXPECT_EQ(reports(), (std::vector<std::string>{"sync+data", "sync", "multiget"}));
    EXPECT_NE(r.err.find("asking for etags only"), std::string::npos) << r.err;
  }
}

// Events that come with the listing are stored batch_size at a time as the
// answer is read: an answer that breaks off after five of them leaves the
// full batches before the break stored (the sync fails, and the next one
// lists again), and nothing of a batch the break cut short.
TEST_F(ListingData, EventsTheListingBringsAreStoredBatchSizeAtATime) {
  std::string broken = kHead;
  for (std::size_t i = 0; i < kEvents; ++i) broken += response(href(i), etag(i) + data(i));
  broken += "<d:response><d:href>";  // and the answer ends there
  for (const auto& [batch, stored] : std::vector<std::pair<int, std::size_t>>{{2, 4}, {3, 3}, {5, 5}, {500, 0}}) {
    SCOPED_TRACE("batch_size " + std::to_string(batch));
    std::filesystem::remove(dir / "h.db");
    start({report(207, broken, "sync-collection")});
    const ProcessResult r = kith({"sync"}, "batch_size = " + std::to_string(batch) + "\n");
    EXPECT_NE(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.err.find("unreadable sync-collection answer"), std::string::npos) << r.err;
    EXPECT_EQ(people_met(), stored);
  }
}

// The answer with every event's data never ends: it stops at the client's
// cap (64 MiB), and the etags alone are asked for.
TEST_F(ListingData, AListingOverTheSizeLimitIsAskedForEtagsOnly) {
  ScriptedResponse endless = report(207, kHead, kAsksForData);
  endless.delivery = kith::testing::BodyDelivery::Endless;
  start({endless, report(207, listing(0), "sync-collection"), report(207, multiget(), "calendar-multiget")});
  const ProcessResult r = kith({"--log-level", "info", "sync"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(people_met(), kEvents);
  EXPECT_EQ(reports(), (std::vector<std::string>{"sync+data", "sync", "multiget"}));
  EXPECT_NE(r.err.find("is larger than"), std::string::npos) << r.err;
}

// More members to fetch than one multiget holds, after a listing from
// scratch without their data: one calendar-query brings them all.
TEST_F(ListingData, AListingWithoutTheDataIsFetchedByOneCalendarQuery) {
  start({report(207, listing(0), "sync-collection"), report(207, multiget(), "calendar-query"),
         report(207, multiget(), "calendar-multiget")});
  const ProcessResult r = kith({"sync"}, "multiget_size = 2\n");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(people_met(), kEvents);
  EXPECT_EQ(reports(), (std::vector<std::string>{"sync+data", "query"}));
}

// A calendar-query refused, or one that leaves members out: the multiget
// fetches what it did not bring.
TEST_F(ListingData, WhatTheCalendarQueryDidNotBringIsFetchedByMultiget) {
  std::string last = kHead;
  last += response(href(4), etag(4) + data(4)) + "</d:multistatus>";
  std::string first_four = kHead;
  for (std::size_t i = 0; i < 4; ++i) first_four += response(href(i), etag(i) + data(i));
  first_four += "</d:multistatus>";
  {
    SCOPED_TRACE("refused");
    start({report(207, listing(0), "sync-collection"), report(501, "", "calendar-query"),
           report(207, last, "e4.ics</d:href>"), report(207, first_four, "calendar-multiget")});
    const ProcessResult r = kith({"sync"}, "multiget_size = 4\n");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(people_met(), kEvents);
    EXPECT_EQ(reports(), (std::vector<std::string>{"sync+data", "query", "multiget", "multiget"}));
  }
  {
    SCOPED_TRACE("four of five");
    std::filesystem::remove(dir / "h.db");
    start({report(207, listing(0), "sync-collection"), report(207, first_four, "calendar-query"),
           report(207, last, "calendar-multiget")});
    const ProcessResult r = kith({"sync"}, "multiget_size = 2\n");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(people_met(), kEvents);
    EXPECT_EQ(reports(), (std::vector<std::string>{"sync+data", "query", "multiget"}));
  }
}

// A first sync reads the events by one calendar-query while it lists the
// calendar (CalendarFirstSync.cpp). The listing comes second and is the
// newer: an event whose etag changed in between and one added are fetched
// by multiget, one gone is removed, one unchanged is not asked for again.
TEST_F(ListingData, AFirstSyncByCalendarQueryFetchesWhatTheListingSaysChanged) {
  first_sync_query = true;
  std::string queried = kHead;
  for (std::size_t i = 0; i < 3; ++i) queried += response(href(i), etag(i) + data(i));
  queried += "</d:multistatus>";
  std::string listed = kHead;
  listed += response(href(0), etag(0)) + response(href(1), "<d:getetag>\"1b\"</d:getetag>") + response(href(3), etag(3));
  listed += "<d:sync-token>http://example.org/sync/1</d:sync-token></d:multistatus>";
  std::string fetched = kHead;
  fetched += response(href(1), "<d:getetag>\"1b\"</d:getetag>" + data(1)) + response(href(3), etag(3) + data(3));
  fetched += "</d:multistatus>";
  start({report(207, queried, "calendar-query"), report(207, listed, "sync-collection"),
         report(207, fetched, "calendar-multiget")});
  const ProcessResult r = kith({"sync", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(reports(), (std::vector<std::string>{"query", "sync", "multiget"}));
  for (const RecordedRequest& q : srv->requests()) {
    if (q.method != "REPORT" || q.body.find("calendar-multiget") == std::string::npos) continue;
    EXPECT_NE(q.body.find(href(1)), std::string::npos) << q.body;
    EXPECT_NE(q.body.find(href(3)), std::string::npos) << q.body;
    EXPECT_EQ(q.body.find(href(0)), std::string::npos) << q.body;
    EXPECT_EQ(q.body.find(href(2)), std::string::npos) << q.body;
  }
  // e2 went between the two requests: its meeting is not kept.
  const ProcessResult meetings = kith({"history", "person2@example.com", "--json"});
  EXPECT_EQ(meetings.out.find("\"meeting\""), std::string::npos) << meetings.out << meetings.err;
  for (const char* kept : {"person0@example.com", "person1@example.com", "person3@example.com"}) {
    const ProcessResult h = kith({"history", kept, "--json"});
    EXPECT_NE(h.out.find("\"meeting\""), std::string::npos) << kept << ": " << h.out << h.err;
  }
  // The next sync goes on from the listing's token (the script answers it
  // with the same listing).
  const std::size_t before = srv->requests().size();
  const ProcessResult again = kith({"sync", "--json"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  const auto requests = srv->requests();
  const auto next = std::find_if(requests.begin() + static_cast<std::ptrdiff_t>(before), requests.end(),
                                 [](const RecordedRequest& q) { return q.method == "REPORT"; });
  ASSERT_NE(next, requests.end());
  EXPECT_NE(next->body.find("sync-collection"), std::string::npos) << next->body;
  EXPECT_NE(next->body.find("http://example.org/sync/1"), std::string::npos) << next->body;
}

TEST_F(ListingData, OffItListsEtagsAndFetchesByMultiget) {
  start({report(207, listing(kEvents), "sync-collection"), report(207, multiget(), "calendar-multiget")});
  const ProcessResult r = kith({"sync"}, "listing_data = false\n");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(people_met(), kEvents);
  EXPECT_EQ(reports(), (std::vector<std::string>{"sync", "multiget"}));
}

}  // namespace
}  // namespace kith::test
