// The caldav task list against scripted servers on 127.0.0.1 that refuse,
// redirect or never stop answering: each ends in a one-line error naming
// the list, credentials stay with the account's origin, and what one
// answer may cost is bounded. Also what goes on the wire: the bodies and
// conditional headers a real server would see.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "DavAnswers.h"
#include "LoadedCalDav.h"
#include "servers/ScriptedHttpServer.h"

namespace kith::test {
namespace {

using kith::testing::BodyDelivery;
using kith::testing::RecordedRequest;
using kith::testing::ScriptedHttpServer;
using kith::testing::ScriptedResponse;

using dav::kHead;
using dav::response;

const std::string kTask =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VTODO\r\nUID:t1\r\nDTSTAMP:20260101T000000Z\r\n"
    "SUMMARY:Call Dana\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";

// Discovery to the home /h/; with `task_calendar`, the home lists /h/kith/
// named "Kith", holding VTODO.
std::vector<ScriptedResponse> discovery(bool task_calendar) {
  std::string listing = std::string(kHead) + response("/h/", "<d:resourcetype><d:collection/></d:resourcetype>");
  if (task_calendar)
    listing += response("/h/kith/",
                        "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>Kith</d:displayname>"
                        "<c:supported-calendar-component-set><c:comp name=\"VTODO\"/></c:supported-calendar-component-set>");
  listing += "</d:multistatus>";
  return {{"PROPFIND", "/", 207,
           std::string(kHead) + response("/", "<d:current-user-principal><d:href>/p/</d:href></d:current-user-principal>") +
               "</d:multistatus>"},
          {"PROPFIND", "/p/", 207,
           std::string(kHead) + response("/p/", "<c:calendar-home-set><d:href>/h/</d:href></c:calendar-home-set>") +
               "</d:multistatus>"},
          {"PROPFIND", "/h/", 207, listing}};
}

std::vector<ScriptedResponse> with(std::vector<ScriptedResponse> script, std::vector<ScriptedResponse> more) {
  for (auto& r : more) script.push_back(std::move(r));
  return script;
}

class CalDavTaskListHostile : public ::testing::Test {
 protected:
  std::unique_ptr<ScriptedHttpServer> start(std::vector<ScriptedResponse> script) {
    auto s = ScriptedHttpServer::start(std::move(script), /*require_auth=*/true);
    EXPECT_TRUE(s) << s.status().message();
    return s ? std::move(*s) : nullptr;
  }

  // The list "Kith" of an account at `server`.
  Result<TaskList*> open(const ScriptedHttpServer& server, std::int64_t timeout_seconds = 20) {
    Provider* p = plugin.provider(server.base_url() + "/", "alex", "s3cret", {{"timeout_seconds", timeout_seconds}});
    if (p == nullptr) return Status::internal("no provider");
    return p->task_list("Kith", true);
  }

  static std::vector<RecordedRequest> requests(const ScriptedHttpServer& server, const std::string& method) {
    std::vector<RecordedRequest> out;
    for (const auto& r : server.requests())
      if (r.method == method && r.authorization) out.push_back(r);
    return out;
  }

  LoadedCalDav plugin;
};

TEST_F(CalDavTaskListHostile, ARefusedMkcalendarIsAOneLineAccountErrorNamingTheList) {
  struct Case {
    int status;
    std::string body;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {403, "", "403 Forbidden"},
      {405, "", "405 Method Not Allowed"},
      {409, R"(<?xml version="1.0"?><d:error xmlns:d="DAV:"><d:resource-must-be-null/></d:error>)",
       "409 Conflict: resource-must-be-null"},
      {415, "", "415 Unsupported Media Type"},
      {507, "", "507 Insufficient Storage"},
      // Xandikos' answer for a calendar that exists: a multistatus.
      {207,
       std::string(kHead) + "<d:response><d:href>/h/kith/</d:href><d:status>HTTP/1.1 403 Forbidden</d:status>"
                            "<d:error><d:resource-must-be-null/></d:error></d:response></d:multistatus>",
       "207 Multi-Status: 403 Forbidden resource-must-be-null"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.status);
    auto server = start(with(discovery(false), {{"MKCALENDAR", "/h/kith/", c.status, c.body}}));
    ASSERT_TRUE(server);
    auto opened = open(*server);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.status().kind(), ErrorKind::Account);
    EXPECT_EQ(opened.status().message(),
              "reminders calendar \"Kith\": the server refused to create it (" + c.reason + ")");
    const auto made = requests(*server, "MKCALENDAR");
    ASSERT_EQ(made.size(), 1u);
    EXPECT_EQ(made[0].headers.at("content-type"), "application/xml; charset=utf-8");
    EXPECT_GT(made[0].body_bytes, 0u);
  }
}

TEST_F(CalDavTaskListHostile, AMadeCalendarAsksForVtodoAndIsUsed) {
  ScriptedResponse made{"MKCALENDAR", "/h/kith/", 201};
  made.requires_in_body = "<c:comp name=\"VTODO\"/>";
  ScriptedResponse put{"PUT", "/h/kith/kith-1.ics", 201, "", {{"ETag", "\"v1\""}}};
  auto server = start(with(discovery(false), {made, put}));
  ASSERT_TRUE(server);
  auto opened = open(*server);
  ASSERT_TRUE(opened) << opened.status().message();
  std::string etag;
  auto written = (*opened)->put("kith-1.ics", kTask, "", etag);
  ASSERT_TRUE(written) << written.status().message();
  EXPECT_EQ(*written, TaskWrite::Written);
  EXPECT_EQ(etag, "\"v1\"");
  const auto puts = requests(*server, "PUT");
  ASSERT_EQ(puts.size(), 1u);
  EXPECT_EQ(puts[0].headers.at("if-none-match"), "*");
  EXPECT_EQ(puts[0].headers.count("if-match"), 0u);
  EXPECT_EQ(puts[0].headers.at("content-type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(puts[0].body_bytes, kTask.size());
}

// The account's server sends a PUT to another origin (another port): the
// task goes nowhere without the credentials' scope, so nothing reaches the
// other origin at all, credentials least.
TEST_F(CalDavTaskListHostile, APutRedirectedToAnotherOriginCarriesNoCredentials) {
  auto other = ScriptedHttpServer::start({{"PUT", "/h/kith/kith-1.ics", 201, "", {{"ETag", "\"stolen\""}}}});
  ASSERT_TRUE(other) << other.status().message();
  const std::string elsewhere = (*other)->base_url() + "/h/kith/kith-1.ics";
  auto server = start(with(discovery(true), {{"PUT", "/h/kith/kith-1.ics", 307, "", {{"Location", elsewhere}}},
                                             {"DELETE", "/h/kith/kith-1.ics", 308, "", {{"Location", elsewhere}}}}));
  ASSERT_TRUE(server);
  auto opened = open(*server);
  ASSERT_TRUE(opened) << opened.status().message();
  std::string etag = "left over";
  auto written = (*opened)->put("kith-1.ics", kTask, "", etag);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.status().kind(), ErrorKind::Account);
  EXPECT_NE(written.status().message().find("reminders calendar \"Kith\": "), std::string::npos);
  EXPECT_NE(written.status().message().find("redirected a PUT; not followed"), std::string::npos)
      << written.status().message();
  EXPECT_EQ(etag, "");
  auto removed = (*opened)->remove("kith-1.ics", "\"v1\"");
  ASSERT_FALSE(removed);
  EXPECT_NE(removed.status().message().find("redirected a DELETE; not followed"), std::string::npos)
      << removed.status().message();

  EXPECT_EQ(requests(*server, "PUT").size(), 1u);  // the account's server had it, with credentials
  for (const auto& r : (*other)->requests()) EXPECT_FALSE(r.authorization) << r.method << " " << r.path;
  EXPECT_TRUE((*other)->requests().empty());
}

// Inside the account's origin a redirect is followed with the method, the
// body and the If-Match header.
TEST_F(CalDavTaskListHostile, APutRedirectedInsideTheOriginKeepsItsCondition) {
  auto server = start(with(discovery(true), {{"PUT", "/h/kith/kith-1.ics", 308, "", {{"Location", "{base}/h/kith/moved.ics"}}},
                                             {"PUT", "/h/kith/moved.ics", 204, "", {{"ETag", "W/\"weak\""}}}}));
  ASSERT_TRUE(server);
  auto opened = open(*server);
  ASSERT_TRUE(opened) << opened.status().message();
  std::string etag = "left over";
  auto written = (*opened)->put("/h/kith/kith-1.ics", kTask, "\"v1\"", etag);
  ASSERT_TRUE(written) << written.status().message();
  EXPECT_EQ(*written, TaskWrite::Written);
  EXPECT_EQ(etag, "") << "a weak ETag cannot be an If-Match: the engine reads the list again";
  const auto puts = requests(*server, "PUT");
  ASSERT_EQ(puts.size(), 2u);
  for (const auto& r : puts) {
    EXPECT_EQ(r.headers.at("if-match"), "\"v1\"");
    EXPECT_EQ(r.body_bytes, kTask.size());
  }
}

// A REPORT answer that never ends stops at the client's cap (64 MiB), in
// bounded time, and the sink hears of nothing.
TEST_F(CalDavTaskListHostile, AnEndlessReportAnswerStaysBounded) {
  ScriptedResponse report{"REPORT", "/h/kith/", 207, std::string(kHead)};
  report.delivery = BodyDelivery::Endless;
  auto server = start(with(discovery(true), {report}));
  ASSERT_TRUE(server);
  auto opened = open(*server);
  ASSERT_TRUE(opened) << opened.status().message();
  const auto began = std::chrono::steady_clock::now();
  TaskCollector sink;
  const Status read = (*opened)->read(sink);
  EXPECT_FALSE(read);
  EXPECT_NE(read.message().find("reminders calendar \"Kith\": answer from 127.0.0.1:"), std::string::npos)
      << read.message();
  EXPECT_NE(read.message().find("is larger than 67108864 bytes"), std::string::npos) << read.message();
  EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(60));
  EXPECT_TRUE(sink.tasks.empty());
}

// A server that stops mid-answer: the account's timeout ends the read.
TEST_F(CalDavTaskListHostile, AStalledReportEndsAtTheTimeout) {
  ScriptedResponse report{"REPORT", "/h/kith/", 207, std::string(kHead) + "</d:multistatus>"};
  report.delivery = BodyDelivery::StallsMidBody;
  auto server = start(with(discovery(true), {report}));
  ASSERT_TRUE(server);
  auto opened = open(*server, 2);
  ASSERT_TRUE(opened) << opened.status().message();
  const auto began = std::chrono::steady_clock::now();
  TaskCollector sink;
  const Status read = (*opened)->read(sink);
  EXPECT_EQ(read.kind(), ErrorKind::Transient) << read.message();
  EXPECT_NE(read.message().find("Timeout was reached"), std::string::npos) << read.message();
  EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(20));
}

// Once the engine asks to stop, no request goes out.
TEST_F(CalDavTaskListHostile, NothingIsSentOnceCancelled) {
  auto server = start(discovery(true));
  ASSERT_TRUE(server);
  auto opened = open(*server);
  ASSERT_TRUE(opened) << opened.status().message();
  plugin.last_context().cancel();
  TaskCollector sink;
  EXPECT_EQ((*opened)->read(sink).kind(), ErrorKind::Cancelled);
  std::string etag;
  auto put = (*opened)->put("kith-1.ics", kTask, "", etag);
  ASSERT_FALSE(put);
  EXPECT_EQ(put.status().kind(), ErrorKind::Cancelled);
  auto removed = (*opened)->remove("kith-1.ics", "\"v1\"");
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.status().kind(), ErrorKind::Cancelled);
  for (const auto& r : server->requests()) EXPECT_EQ(r.method, "PROPFIND") << r.path;
}

// A server that lists some tasks without their data: those come by
// calendar-multiget. The calendar-query goes with Depth 1.
TEST_F(CalDavTaskListHostile, TasksListedWithoutDataAreFetchedByMultiget) {
  ScriptedResponse query{"REPORT", "/h/kith/", 207,
                         std::string(kHead) +
                             response("/h/kith/a.ics", "<d:getetag>\"a1\"</d:getetag><c:calendar-data>" + kTask +
                                                           "</c:calendar-data>") +
                             response("/h/kith/b.ics", "<d:getetag>\"b1\"</d:getetag>") +
                             response("/elsewhere/c.ics", "<d:getetag>\"c1\"</d:getetag>") + "</d:multistatus>"};
  query.match_body = "calendar-query";
  ScriptedResponse multiget{"REPORT", "/h/kith/", 207,
                            std::string(kHead) +
                                response("/h/kith/b.ics", "<d:getetag>\"b1\"</d:getetag><c:calendar-data>" + kTask +
                                                              "</c:calendar-data>") +
                                "</d:multistatus>"};
  multiget.match_body = "<d:href>/h/kith/b.ics</d:href>";
  auto server = start(with(discovery(true), {query, multiget}));
  ASSERT_TRUE(server);
  auto opened = open(*server);
  ASSERT_TRUE(opened) << opened.status().message();
  TaskCollector sink;
  const Status read = (*opened)->read(sink);
  ASSERT_TRUE(read) << read.message();
  ASSERT_EQ(sink.tasks.size(), 2u);
  EXPECT_EQ(sink.tasks.at("/h/kith/a.ics").etag, "\"a1\"");
  EXPECT_EQ(sink.tasks.at("/h/kith/b.ics").etag, "\"b1\"");
  // XML turns the raw CRLFs of this answer into LFs (servers that care
  // send &#13;): the text is what the XML says.
  EXPECT_NE(sink.tasks.at("/h/kith/b.ics").text.find("SUMMARY:Call Dana\nEND:VTODO"), std::string::npos);
  const auto reports = requests(*server, "REPORT");
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].headers.at("depth"), "1");
  EXPECT_EQ(reports[1].headers.count("depth"), 0u);
  EXPECT_TRUE(plugin.last_context().fake_logger().contains(LogLevel::Warn, "ignored 1 listed resource(s) outside the calendar"));
}

}  // namespace
}  // namespace kith::test
